/* SPDX-License-Identifier: MIT */
/*
 * The library's errors retold in the command's language (cli_i18n.h).
 * `library`: the library's English messages as patterns ("%s" captures a
 * part) with their retelling, "{1}" being the first capture. Profile schema
 * errors come from libxml2 in its own words ("[facet 'pattern'] The value
 * ... is not accepted by the pattern ..."); they are taken apart and told
 * by the field they concern (`fields`) and what that field expects
 * (`expects`), in all three languages.
 */
#include "cli_explain.h"
#include "cli_explain_table.h"
#include "cli_i18n.h"

#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------------
 * Small text tools
 * ------------------------------------------------------------------------ */

struct out {
  char *p;
  size_t size, len;
  int l; /* the language: enum lang_index */
};

static void put(struct out *o, const char *s, size_t n) {
  if (o->len + 1 >= o->size)
    return;
  size_t room = o->size - 1 - o->len;
  if (n > room)
    n = room;
  memcpy(o->p + o->len, s, n);
  o->len += n;
  o->p[o->len] = '\0';
}

static void puts_(struct out *o, const char *s) { put(o, s, strlen(s)); }

/* `tmpl` with "{1}".."{9}" replaced by vals[0..8]. */
static void fill(struct out *o, const char *tmpl, const char *const *vals,
                 int nvals) {
  for (const char *p = tmpl; *p;) {
    if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}' &&
        p[1] - '1' < nvals) {
      puts_(o, vals[p[1] - '1'] ? vals[p[1] - '1'] : "");
      p += 3;
    } else {
      put(o, p, 1);
      p++;
    }
  }
}

/* Copies the text between `start` and the next `end` after it (or the end
 * of `s` when `end` is NULL) into `buf`; returns a pointer after `end`, or
 * NULL when `start` or `end` is not there. */
static const char *between(const char *s, const char *start, const char *end,
                           char *buf, size_t size) {
  const char *a = strstr(s, start);
  if (!a)
    return NULL;
  a += strlen(start);
  const char *b = end ? strstr(a, end) : a + strlen(a);
  if (!b)
    return NULL;
  size_t n = (size_t)(b - a);
  if (n >= size)
    n = size - 1;
  memcpy(buf, a, n);
  buf[n] = '\0';
  return b + (end ? strlen(end) : 0);
}

/* "{urn:qujat:profile:1}applicant" -> "applicant", in place. */
static void local_name(char *s) {
  if (s[0] != '{')
    return;
  char *close = strchr(s, '}');
  if (close)
    memmove(s, close + 1, strlen(close + 1) + 1);
}

/* libxml2's "( {ns}a, {ns}b )" or "{'M', 'F'}" as "<a>, <b>" or "M, F". */
static void list_of(const char *s, int elements, char *buf, size_t size) {
  struct out o = {buf, size, 0, L_EN};
  buf[0] = '\0';
  int first = 1;
  for (const char *p = s; *p;) {
    while (*p == ' ' || *p == ',' || *p == '(' || *p == ')' || *p == '\'')
      p++;
    if (!*p)
      break;
    if (*p == '{' && elements) {
      const char *close = strchr(p, '}');
      if (!close)
        break;
      p = close + 1;
    }
    size_t n = strcspn(p, elements ? " ,()" : "',");
    if (n == 0)
      break;
    if (!first)
      puts_(&o, ", ");
    if (elements)
      puts_(&o, "<");
    put(&o, p, n);
    if (elements)
      puts_(&o, ">");
    first = 0;
    p += n;
  }
}

/* ------------------------------------------------------------------------
 * The fields of a profile and what each expects
 * ------------------------------------------------------------------------ */

enum expect {
  X_TEXT,
  X_LATIN,
  X_DATE,
  X_COUNTRY,
  X_PASSPORT,
  X_CATEGORY,
  X_BIN,
  X_CHOICE, /* one of the values libxml2 lists */
  X_NEXPECT
};

/* {1} is the field's name, {2} the values it may take. */
static const text3 expects[X_NEXPECT] = {
    [X_TEXT] = {"{1} has a value the profile does not accept",
                "{1}: значение не соответствует профилю",
                "{1}: мәні профильге сәйкес келмейді"},
    [X_LATIN] = {"{1} may use Latin letters only (as in the passport)",
                 "{1} указывается только латинскими буквами (как в паспорте)",
                 "{1} тек латын әріптерімен жазылады (төлқұжаттағыдай)"},
    [X_DATE] = {"{1} must be a date written YYYY-MM-DD, e.g. 2027-01-15",
                "{1} указывается в виде ГГГГ-ММ-ДД, например 2027-01-15",
                "{1} ЖЖЖЖ-АА-КК түрінде жазылады, мысалы 2027-01-15"},
    [X_COUNTRY] = {"{1} is the two-letter country code in capitals "
                   "(ISO 3166-1), e.g. GB",
                   "{1} указывается двухбуквенным кодом страны заглавными "
                   "латинскими буквами (ISO 3166-1), например GB",
                   "{1} елдің екі әріпті кодымен, бас латын әріптерімен "
                   "жазылады (ISO 3166-1), мысалы GB"},
    [X_PASSPORT] = {"{1} may use capital Latin letters and digits only, 5 to "
                    "20 of them, as in the passport",
                    "{1} указывается заглавными латинскими буквами и цифрами "
                    "(от 5 до 20 знаков), как в паспорте",
                    "{1} бас латын әріптері мен цифрлармен (5-тен 20 таңбаға "
                    "дейін) төлқұжаттағыдай жазылады"},
    [X_CATEGORY] = {"{1} is a letter A, B or C and a number, e.g. C3",
                    "{1} указывается буквой A, B или C и цифрой, например C3",
                    "{1} A, B немесе C әрпімен және санмен жазылады, мысалы "
                    "C3"},
    [X_BIN] = {"{1} is 12 digits", "{1} состоит из 12 цифр",
               "{1} 12 цифрдан тұрады"},
    [X_CHOICE] = {"{1} must be one of: {2}", "{1}: допустимые значения — {2}",
                  "{1}: рұқсат етілген мәндер – {2}"},
};

struct field {
  const char *element; /* NULL: any element */
  const char *attribute;
  enum expect expect;
  text3 name;
};

/* The first row that matches wins: the specific before the general. */
static const struct field fields[] = {
    {NULL, "surname", X_LATIN, {"the surname", "фамилия", "тегі"}},
    {NULL, "given-names", X_LATIN, {"the given names", "имя", "аты"}},
    {NULL, "birth-date", X_DATE,
     {"the date of birth", "дата рождения", "туған күні"}},
    {NULL, "sex", X_CHOICE, {"the sex", "пол", "жынысы"}},
    {NULL, "citizenship", X_COUNTRY,
     {"the citizenship", "гражданство", "азаматтығы"}},
    {"applicant", "role", X_CHOICE, {"the role", "роль", "рөлі"}},
    {"dependant", "relation", X_CHOICE,
     {"the relation", "степень родства", "туыстық қатынасы"}},
    {"passport", "number", X_PASSPORT,
     {"the passport number", "номер паспорта", "төлқұжат нөмірі"}},
    {"passport", "issued", X_DATE,
     {"the passport's date of issue", "дата выдачи паспорта",
      "төлқұжаттың берілген күні"}},
    {"passport", "expires", X_DATE,
     {"the passport's expiry date", "дата окончания срока действия паспорта",
      "төлқұжаттың жарамдылық мерзімі"}},
    {"current-visa", "category", X_CATEGORY,
     {"the category of the current visa", "категория текущей визы",
      "қолданыстағы визаның санаты"}},
    {"current-visa", "expires", X_DATE,
     {"the expiry date of the current visa",
      "дата окончания срока действия текущей визы",
      "қолданыстағы визаның аяқталу күні"}},
    {"current-trp", "expires", X_DATE,
     {"the expiry date of the current TRP",
      "дата окончания срока действия текущего РВП",
      "қолданыстағы УТР-дің аяқталу күні"}},
    {NULL, "entries", X_CHOICE,
     {"the number of entries", "кратность визы", "визаның кіру саны"}},
    {"company", "name", X_TEXT,
     {"the company's name", "наименование компании", "компанияның атауы"}},
    {"company", "bin", X_BIN, {"the BIN", "БИН", "БСН"}},
    {"company", "form", X_CHOICE,
     {"the company's legal form", "организационная форма компании",
      "компанияның ұйымдық нысаны"}},
    {"head", "position", X_TEXT,
     {"the position of the head", "должность руководителя",
      "басшының лауазымы"}},
    {"head", "name", X_TEXT,
     {"the name of the head", "фамилия и имя руководителя",
      "басшының аты-жөні"}},
    {"request", "category", X_CATEGORY,
     {"the visa category", "категория визы", "виза санаты"}},
    {"request", "from", X_DATE,
     {"the first day of the visa", "дата начала срока визы",
      "визаның басталу күні"}},
    {"request", "to", X_DATE,
     {"the last day of the visa", "дата окончания срока визы",
      "визаның аяқталу күні"}},
    {"request", "purpose", X_TEXT,
     {"the purpose of the trip", "цель поездки", "сапардың мақсаты"}},
    {"request", "issue-place", X_TEXT,
     {"the place of issue of the visa", "место получения визы",
      "визаны алу орны"}},
    {"request", "stay-address", X_TEXT,
     {"the address of stay", "адрес пребывания", "болу мекенжайы"}},
    {"request", "letter-number", X_TEXT,
     {"the outgoing number of the letter", "исходящий номер письма",
      "хаттың шығыс нөмірі"}},
    {"filing", "for", X_CHOICE,
     {"whom the service is for", "для кого услуга", "қызмет кімге арналған"}},
    {"address", NULL, X_TEXT,
     {"the company's address", "адрес компании", "компанияның мекенжайы"}},
    {"contacts", NULL, X_TEXT,
     {"the company's contacts", "контакты компании",
      "компанияның байланыс деректері"}},
};

/* The row of `element`/`attribute` (attribute NULL: the element's text). */
static const struct field *field_of(const char *element,
                                    const char *attribute) {
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
    const struct field *f = &fields[i];
    if (f->element && strcmp(f->element, element) != 0)
      continue;
    if (f->attribute ? !attribute || strcmp(f->attribute, attribute) != 0
                     : attribute != NULL)
      continue;
    return f;
  }
  return NULL;
}

/* "<applicant given-names>" or "<applicant given-names="Jöhn">". */
static void place(struct out *o, const char *element, const char *attribute,
                  const char *value) {
  puts_(o, "<");
  puts_(o, element);
  if (attribute) {
    puts_(o, " ");
    puts_(o, attribute);
    if (value) {
      puts_(o, "=\"");
      puts_(o, value);
      puts_(o, "\"");
    }
  } else if (value) {
    puts_(o, ">");
    puts_(o, value);
    puts_(o, "</");
    puts_(o, element);
  }
  puts_(o, ">");
}

static const text3 given_word = {"given", "указано", "көрсетілгені"};

/* "{sentence}; given: <element attribute="value">": what the field expects. */
static void tell_value(struct out *o, const char *element,
                       const char *attribute, const char *value,
                       const char *choices, const char *sentence) {
  int l = o->l;
  const struct field *f = field_of(element, attribute);
  char name[128];
  struct out n = {name, sizeof name, 0, L_EN};
  name[0] = '\0';
  if (f)
    puts_(&n, f->name[l]);
  else /* a field with no name of its own: <filing priority> */
    place(&n, element, attribute, NULL);
  enum expect x = f ? f->expect : X_TEXT;
  if (choices && *choices)
    x = X_CHOICE;
  const char *vals[] = {name, choices};
  /* `sentence`: one of the caller's (a length, a calendar date), {1}
   * being the field; else what the field expects. */
  fill(o, sentence ? sentence : expects[x][l], vals, 2);
  if (value) {
    puts_(o, "; ");
    puts_(o, given_word[l]);
    puts_(o, ": ");
    place(o, element, attribute, value);
  } else if (f) {
    puts_(o, " (");
    place(o, element, attribute, NULL);
    puts_(o, ")");
  }
}

static const text3 missing_attr = {
    "a required field is missing: {1} ({2})",
    "не указано обязательное поле: {1} ({2})",
    "міндетті өріс көрсетілмеген: {1} ({2})"};
static const text3 unknown_attr = {
    "the profile has no field {1} (a misspelt name?)",
    "в профиле нет поля {1} (возможно, опечатка в названии)",
    "профильде {1} өрісі жоқ (атауы қате жазылған болуы мүмкін)"};
static const text3 unexpected_elem = {
    "<{1}> is not expected here", "элемент <{1}> здесь не предусмотрен",
    "<{1}> элементі бұл жерде қарастырылмаған"};
static const text3 expected_word = {"expected", "ожидается", "күтілетіні"};
static const text3 missing_child = {
    "<{1}> lacks {2}", "в <{1}> не хватает элемента {2}",
    "<{1}> ішінде {2} элементі жоқ"};
static const text3 not_profile = {
    "this is not a qujat profile: the root element must be <profile "
    "xmlns=\"urn:qujat:profile:1\">",
    "это не профиль qujat: корневой элемент должен быть <profile "
    "xmlns=\"urn:qujat:profile:1\">",
    "бұл qujat профилі емес: түбір элемент <profile "
    "xmlns=\"urn:qujat:profile:1\"> болуы керек"};
static const text3 no_text = {
    "<{1}> takes no text of its own, only attributes and elements",
    "элемент <{1}> не содержит текста, только атрибуты и элементы",
    "<{1}> элементінде мәтін болмайды, тек атрибуттар мен элементтер"};
static const text3 too_long = {
    "{1} is too long: at most {2} characters",
    "{1}: не более {2} знаков", "{1}: {2} таңбадан аспауы керек"};
static const text3 empty = {"{1} must not be empty",
                            "{1}: значение не может быть пустым",
                            "{1}: мәні бос болмауы керек"};
static const text3 not_calendar = {
    "{1} is not a calendar date (there is no such day)",
    "{1}: такой даты нет в календаре", "{1}: күнтізбеде мұндай күн жоқ"};

/* "a required field is missing: {field name} (<element attribute="...">)" */
static void tell_missing_attribute(struct out *o, const char *element,
                                   const char *attribute) {
  int l = o->l;
  const struct field *f = field_of(element, attribute);
  char where[160];
  struct out w = {where, sizeof where, 0, L_EN};
  where[0] = '\0';
  place(&w, element, attribute, "...");
  const char *vals[] = {f ? f->name[l] : attribute, where};
  fill(o, missing_attr[l], vals, 2);
}

/* A libxml2 schema message "Element '{ns}name'[, attribute 'a']: ...".
 * Returns 0 when it is not one qujat knows how to retell. */
static int schema_message(const char *msg, struct out *o) {
  char element[64], attribute[64], value[160], set[160], n[16];
  const char *rest = between(msg, "Element '", "'", element, sizeof element);
  int l = o->l;
  /* Only profiles: the job, catalog and fee-slip schemas are for people
   * who read libxml2's words (qujat validate). No namespace: a profile
   * that forgot its xmlns. */
  if (!rest || (element[0] == '{' &&
                strncmp(element, "{urn:qujat:profile:1}", 21) != 0))
    return 0;
  local_name(element);
  const char *a = NULL;
  if (strncmp(rest, ", attribute '", 13) == 0) {
    rest = between(rest, ", attribute '", "'", attribute, sizeof attribute);
    if (!rest)
      return 0;
    a = attribute;
  }
  if (strncmp(rest, ": ", 2) != 0)
    return 0;
  rest += 2;
  /* The value: "The value 'V' is not ..." after a facet, "'V' is not a
   * valid value of ..." alone. */
  const char *v = NULL;
  if (between(rest, "The value '", "' is not", value, sizeof value) ||
      (rest[0] == '\'' &&
       between(rest + 1, "", "' is not a valid value", value, sizeof value)))
    v = value;
  if (strncmp(rest, "[facet 'enumeration']", 21) == 0) {
    if (!between(rest, "set {", "}", set, sizeof set))
      return 0;
    char choices[160];
    list_of(set, 0, choices, sizeof choices);
    tell_value(o, element, a, v, choices, NULL);
  } else if (strncmp(rest, "[facet 'pattern']", 17) == 0 ||
             strstr(rest, "is not a valid value of the atomic type")) {
    tell_value(o, element, a, v, NULL, NULL);
  } else if (strncmp(rest, "[facet 'maxLength']", 19) == 0) {
    if (!between(rest, "maximum length of '", "'", n, sizeof n))
      return 0;
    /* The number now; the field, {1}, in tell_value. */
    char tmpl[256];
    struct out t = {tmpl, sizeof tmpl, 0, L_EN};
    const char *vals[] = {"{1}", n};
    tmpl[0] = '\0';
    fill(&t, too_long[l], vals, 2);
    tell_value(o, element, a, NULL, NULL, tmpl);
  } else if (strncmp(rest, "[facet 'minLength']", 19) == 0) {
    tell_value(o, element, a, NULL, NULL, empty[l]);
  } else if (between(rest, "The attribute '", "' is required but missing",
                     attribute, sizeof attribute)) {
    tell_missing_attribute(o, element, attribute);
  } else if (a && strstr(rest, "is not allowed")) {
    char where[160];
    struct out w = {where, sizeof where, 0, L_EN};
    where[0] = '\0';
    place(&w, element, a, NULL);
    const char *vals[] = {where};
    fill(o, unknown_attr[l], vals, 1);
  } else if (strncmp(rest, "This element is not expected.", 29) == 0) {
    const char *vals[] = {element};
    fill(o, unexpected_elem[l], vals, 1);
    char list[160], names[200];
    if (between(rest, "Expected is ", ")", list, sizeof list)) {
      const char *p = strchr(list, '(');
      list_of(p ? p + 1 : list, 1, names, sizeof names);
      puts_(o, "; ");
      puts_(o, expected_word[l]);
      puts_(o, ": ");
      puts_(o, names);
    }
  } else if (strncmp(rest, "Missing child element(s).", 25) == 0) {
    char list[160], names[200] = "";
    if (between(rest, "Expected is ", ")", list, sizeof list)) {
      const char *p = strchr(list, '(');
      list_of(p ? p + 1 : list, 1, names, sizeof names);
    }
    const char *vals[] = {element, names};
    fill(o, missing_child[l], vals, 2);
  } else if (strstr(rest, "No matching global declaration")) {
    puts_(o, not_profile[l]);
  } else if (strstr(rest, "Character content other than whitespace")) {
    const char *vals[] = {element};
    fill(o, no_text[l], vals, 1);
  } else {
    return 0;
  }
  return 1;
}

/* ------------------------------------------------------------------------
 * The library's own messages
 * ------------------------------------------------------------------------ */

#define MAX_CAPTURES 6

/* Whether `s` matches `pattern`, whose "%s" matches the shortest text up to
 * the literal part after it (or the rest of `s` at the end). */
static int match(const char *pattern, const char *s,
                 char caps[MAX_CAPTURES][QUJAT_ERROR_MSG_SIZE], int *ncaps) {
  *ncaps = 0;
  const char *p = pattern;
  while (*p) {
    const char *pct = strstr(p, "%s");
    size_t lit = pct ? (size_t)(pct - p) : strlen(p);
    if (strncmp(s, p, lit) != 0)
      return 0;
    s += lit;
    p += lit;
    if (!pct)
      break;
    p += 2;
    const char *next = strstr(p, "%s");
    size_t nlit = next ? (size_t)(next - p) : strlen(p);
    const char *end;
    if (nlit == 0)
      end = next ? strchr(s, ' ') : s + strlen(s); /* "%s %s": a word */
    else {
      char lit2[128];
      snprintf(lit2, sizeof lit2, "%.*s", (int)nlit, p);
      end = strstr(s, lit2);
    }
    if (!end || *ncaps >= MAX_CAPTURES)
      return 0;
    snprintf(caps[*ncaps], sizeof caps[0], "%.*s", (int)(end - s), s);
    (*ncaps)++;
    s = end;
  }
  return *s == '\0';
}

static int library_message(const char *msg, struct out *o) {
  int l = o->l;
  for (size_t i = 0; i < cli_nlibrary; i++) {
    char caps[MAX_CAPTURES][QUJAT_ERROR_MSG_SIZE];
    int n;
    if (!match(cli_library[i].pattern, msg, caps, &n))
      continue;
    const char *say = cli_library[i].say[l];
    if (!say) {
      puts_(o, msg);
      return 1;
    }
    const char *vals[MAX_CAPTURES];
    for (int k = 0; k < n; k++) {
      vals[k] = caps[k];
      for (size_t w = 0; w < cli_ncapture_words; w++)
        if (strcmp(caps[k], cli_capture_words[w][L_EN]) == 0)
          vals[k] = cli_capture_words[w][l];
    }
    fill(o, say, vals, n);
    return 1;
  }
  return 0;
}

/* "<applicant birth-date="2001-02-29">: not a calendar date, expected ..."
 * and "<filing priority="yes">: expected true or false": a field. */
static int field_message(const char *msg, struct out *o) {
  char element[64], attribute[64], value[160];
  int l = o->l;
  if (sscanf(msg, "<%63[^ >] %63[^=]=\"%159[^\"]\">", element, attribute,
             value) != 3)
    return 0;
  if (strstr(msg, "\">: not a calendar date")) {
    tell_value(o, element, attribute, value, NULL, not_calendar[l]);
    return 1;
  }
  if (strstr(msg, "\">: expected true or false")) {
    tell_value(o, element, attribute, value, "true, false", NULL);
    return 1;
  }
  return 0;
}

/* "<passport> lacks the attribute 'number'" */
static int lacks_message(const char *msg, struct out *o) {
  char element[64], attribute[64];
  if (sscanf(msg, "<%63[^>]> lacks the attribute '%63[^']'", element,
             attribute) != 2)
    return 0;
  tell_missing_attribute(o, element, attribute);
  return 1;
}

static const text3 role_words[] = {
    {"applicant", "заявитель", "өтініш беруші"},
    {"dependant", "член семьи", "отбасы мүшесі"},
};

int cli_explain_in(const qujat_error *e, qujat_lang lang, char *buf,
                   size_t size) {
  struct out o = {buf, size, 0,
                  lang == QUJAT_LANG_RU                             ? L_RU
                  : lang == QUJAT_LANG_KK || lang == QUJAT_LANG_KK_RU ? L_KK
                                                                    : L_EN};
  const char *msg = e->msg[0] ? e->msg : qujat_strerror(e->code);
  buf[0] = '\0';
  if (schema_message(msg, &o) || field_message(msg, &o) ||
      lacks_message(msg, &o) || library_message(msg, &o))
    return 1;
  /* "applicant SMITH JOHN: ..." of a letter: the person, then the rest. */
  for (size_t r = 0; r < sizeof role_words / sizeof role_words[0]; r++) {
    const char *role = role_words[r][L_EN];
    size_t n = strlen(role);
    const char *colon = strstr(msg, ": ");
    if (strncmp(msg, role, n) != 0 || msg[n] != ' ' || !colon)
      continue;
    char rest[QUJAT_ERROR_MSG_SIZE];
    struct out ro = {rest, sizeof rest, 0, o.l};
    rest[0] = '\0';
    if (!library_message(colon + 2, &ro))
      break;
    puts_(&o, role_words[r][o.l]);
    put(&o, msg + n, (size_t)(colon + 2 - (msg + n)));
    puts_(&o, rest);
    return 1;
  }
  o.len = 0;
  buf[0] = '\0';
  puts_(&o, msg);
  return o.l == L_EN;
}

void cli_explain(const qujat_error *e, char *buf, size_t size) {
  (void)cli_explain_in(e, cli_lang(), buf, size);
}
