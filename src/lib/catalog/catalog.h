/* SPDX-License-Identifier: MIT */
/*
 * The catalog module's interface: XML in. The in-memory catalog (services,
 * documents, fees, editions, MCI, fines, categories, countries, locales,
 * letter templates), the applicant profile, the locale strings and the
 * compiled XPath conditions, all as plain C types. libxml2 lives behind this
 * header and never shows in it (catalog_internal.h is for this folder only).
 * Below it: base. Above it: rules, layout, pdf, render, batch.
 */
#ifndef QUJAT_CATALOG_CATALOG_H
#define QUJAT_CATALOG_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "qujat/qujat.h"

/*
 * An applicant profile (urn:qujat:profile:1) as plain fields, plus the
 * parsed XML kept for evaluating the catalog's XPath conditions (opaque
 * here; only profile_xml.c and xpath.c look inside).
 */

/* A flag of the profile: absent (the profile does not say), false, true. */
enum tristate { TRI_UNSET = -1, TRI_FALSE = 0, TRI_TRUE = 1 };

struct passport {
  int present;
  const char *number;
  int has_issued;
  struct date issued, expires;
};

struct person {
  int line;
  const char *relation; /* "spouse" or "child"; NULL for the applicant */
  const char *surname, *given_names;
  int has_birth;
  struct date birth;
  const char *sex;         /* "M", "F" or NULL */
  const char *citizenship; /* ISO 3166-1 alpha-2 or NULL */
  struct passport passport;
};

/* A trip already made: entry and exit day, both days of stay. */
struct profile_trip {
  struct date entry, exit;
};

#define PROFILE_MAX_TRIPS 50

/*
 * A free text of the profile (a company's name, a purpose...) in each
 * language it is given in: s[LANG_KK], s[LANG_RU], s[LANG_EN], NULL where
 * the profile gives none. The language of a text is its xml:lang, inherited
 * as XML says (an attribute takes its element's); a text with no xml:lang
 * anywhere above it is English. `line` is where the field is, for messages.
 */
struct ptext {
  const char *s[NLANGS];
  int line;
  int lines[NLANGS]; /* where each language's text is */
};

struct qujat_profile {
  struct arena arena;
  const char *name; /* file name, for messages */

  struct person applicant;
  const char *role; /* "employee" (default) or "expert" */
  int has_visa;
  const char *visa_category, *visa_entries;
  struct date visa_expires;
  int has_trp;
  struct date trp_expires;

  const struct person *dependants;
  size_t ndependants;

  int has_company, company_line;
  const char *company_name, *company_bin, *company_form;
  const char *company_address, *company_contacts;
  int letterhead_kk_ru; /* <company letterhead="kk+ru">: the letterhead in
                           Kazakh and Russian side by side */
  const char *head_position, *head_name;
  /* The same texts per language (the single pointers above are the first
   * given, for checks that only ask whether there is one). */
  struct ptext company_name_t, company_address_t, head_position_t,
      head_name_t;
  /* The person who prepared the letter ("Исп.: name, phone"), optional. */
  struct ptext prepared_by_t;
  const char *prepared_phone;

  int has_request, request_line;
  const char *category, *entries, *purpose, *issue_place, *stay_address;
  const char *letter_number;
  struct ptext purpose_t, issue_place_t, stay_address_t;
  int has_from, has_to;
  struct date from, to;

  enum tristate by_representative, work_permit_required, priority,
      personal_manager;
  const char *filing_for; /* "individual", "legal-entity" or NULL */

  /* <travel>: the planned arrival and the trips already made. */
  int has_arrival;
  struct date arrival;
  const struct profile_trip *trips;
  size_t ntrips;

  void *xml_doc;         /* xmlDocPtr */
  int owns_xml_doc;      /* freed with the profile (not a borrowed one) */
  void **xml_dependants; /* xmlNodePtr of each <dependant> */
};

/* Every free text of profile `p` (names, the company's texts in each
 * language, the request's texts...) with the field it comes from as a
 * message names it ("person 2 surname", "<company name xml:lang=\"ru\">")
 * and its line, until `fn` returns nonzero; returns that value, or 0
 * (profile_texts.c). */
typedef int (*qujat_profile_text_fn)(const char *field, int line,
                                     const char *text, void *user);
int qujat_profile_each_text(const struct qujat_profile *p,
                            qujat_profile_text_fn fn, void *user);

/*
 * The in-memory catalog: plain structs, no libxml2 types. catalog_xml.c
 * builds it; everything else only reads it. All strings and arrays live in
 * the catalog's arena; a catalog is immutable once loaded, so threads may
 * share it.
 */

struct text3 {
  const char *s[NLANGS];
};

struct source {
  const char *id;
  const char *file; /* seed file name */
  const char *lang;
  struct text3 title;
};

/* Where a fact comes from. */
struct cite {
  const struct source *source;
  const char *section;
};

struct cites {
  const struct cite *v;
  size_t n;
};

/* An edition of the price list and the dates it is in force. */
struct edition {
  const char *id;
  struct date from, to;
  const struct source *source;
  struct text3 title;
};

/* The monthly calculation index of one year. */
struct mci {
  int year;
  int64_t tiyn;
  struct cites cites;
};

struct xpath; /* a compiled XPath expression (xpath.c) */

struct condition {
  const char *id;
  int per_dependant; /* scope="dependant" */
  const char *test_src, *known_src;
  struct xpath *test, *known; /* known is NULL: always known */
  struct text3 because, otherwise, unknown;
};

/* The wording of one edition, where it differs from the default text. */
struct edition_text {
  const struct edition *edition;
  struct text3 text;
};

struct document {
  const char *id;
  struct cites cites;
  struct text3 text; /* the default: editions without a wording of their own */
  const struct edition_text *by_edition;
  size_t nby_edition;
};

struct procedure {
  const char *id;
  struct cites cites;
  struct text3 title;
  const struct text3 *bullets;
  size_t nbullets;
};

struct note {
  const char *id;
  struct cites cites;
  struct text3 text;
  const struct edition_text *by_edition;
  size_t nby_edition;
};

struct group {
  const char *id;
  struct cites cites;
  struct text3 title;
  const struct note *const *notes;
  size_t nnotes;
};

enum per { PER_ONCE = 0, PER_PERSON, PER_DEPENDANT };

struct item {
  const struct document *doc;
  const struct condition *cond; /* NULL: unconditional */
  enum per per;
  /* Only on the dates of this edition (its own list); NULL: every edition. */
  const struct edition *edition;
};

enum fee_kind {
  FEE_SERVICE = 0,
  FEE_PERSONAL_MANAGER,
  FEE_PRIORITY,
  FEE_WALK_IN,
  FEE_STATE,
  FEE_FINE /* an administrative fine (not in fee tables) */
};

enum fee_amount {
  AMOUNT_KZT = 0,    /* a price in tenge */
  AMOUNT_MCI,        /* a multiple of the MCI */
  AMOUNT_NOT_STATED, /* the source is silent */
  AMOUNT_NONE        /* the source shows a dash: no such fee */
};

struct fee {
  enum fee_kind kind;
  enum fee_amount amount;
  int64_t tiyn;         /* AMOUNT_KZT */
  int64_t mci_centi;    /* AMOUNT_MCI: hundredths of an MCI */
  int64_t printed_tiyn; /* what the source prints next to it, or -1 */
  int add;              /* mode="add": paid on top of the service fee */
  int per_person;
  const struct condition *cond;
  int has_label;
  struct text3 label;
  const struct note *note;
};

struct fee_table {
  const struct edition *edition;
  struct cites cites;
  const struct fee *fees;
  size_t nfees;
};

enum time_unit { UNIT_BUSINESS_DAY = 0, UNIT_CALENDAR_DAY, UNIT_MINUTE };

struct timeframe {
  int stated;
  int min, max; /* max == min for a single value */
  enum time_unit unit;
  struct cites cites;
};

struct filing_window {
  int present;
  int earliest, latest; /* units before the current visa expires */
  enum time_unit unit;
  struct cites cites;
};

struct passport_rule {
  int months_after_visa; /* 0: no such rule */
  int days_at_filing;    /* 0: no such rule */
  struct cites cites;
};

/* Visa categories (services/visa-categories.xml): how long a single- or
 * multiple-entry visa of each may run. */
enum entry_kind { ENTRY_SINGLE = 0, ENTRY_MULTIPLE = 1 };

struct entries_rule {
  int present;
  int min_months, max_months, max_days, stay_days; /* 0: no limit given */
  int min_days;
};

struct visa_category {
  const char *id;
  struct cites cites;
  struct text3 title;
  struct entries_rule entries[2]; /* by enum entry_kind */
};

#define MAX_LETTER_CATEGORIES 8

/* The letter a service asks for: an invitation (a visa issued abroad) or a
 * request (a visa issued in Kazakhstan). */
struct letter_rule {
  int present;
  int request; /* 0: invitation */
  const struct visa_category *categories[MAX_LETTER_CATEGORIES];
  size_t ncategories;
  int entries;    /* ENTRY_*, or -1: either */
  int max_months; /* what the Expat Centre arranges; 0: no limit */
  struct cites cites;
};

struct step {
  const struct procedure *proc;
  const struct edition *edition; /* only on its dates; NULL: every edition */
  int has_title;
  struct text3 title; /* overrides the procedure's title */
};

struct service {
  const char *id;
  const struct group *group;
  struct cites cites;
  struct text3 title, description;
  const struct step *steps;
  size_t nsteps;
  /* The documents: the service's own items, or those of `same_as`. */
  const struct service *same_as;
  const struct item *items;
  size_t nitems;
  const struct fee_table *fee_tables;
  size_t nfee_tables;
  struct timeframe timeframe;
  struct filing_window window;
  struct passport_rule passport;
  struct letter_rule letter;
  const struct note *const *notes;
  /* note_editions[i]: notes[i] only on the dates of this edition; NULL
   * entries (or a NULL array): every edition. */
  const struct edition *const *note_editions;
  size_t nnotes;
};

/* Administrative fines (services/fines.xml). */
enum business_size {
  SIZE_NONE = QUJAT_SIZE_NONE,
  SIZE_SMALL = QUJAT_SIZE_SMALL,
  SIZE_MEDIUM = QUJAT_SIZE_MEDIUM,
  SIZE_LARGE = QUJAT_SIZE_LARGE
};

struct fine_band {
  int min_days, max_days; /* 0: open on that side */
  enum business_size size;
  int warning;       /* a warning, no fine */
  int64_t mci_centi; /* the fine in hundredths of an MCI */
  int has_also;
  struct text3 also; /* "or expulsion from the country" */
};

struct fine {
  const char *id;
  const char *article; /* of the Code of Administrative Offences */
  struct cites cites;
  struct text3 title;
  int has_also;
  struct text3 also; /* with every band */
  const struct fine_band *bands;
  size_t nbands;
  int by_days, by_size; /* how a band is chosen; neither: one band */
};

/* Country names (locales/countries.xml, from Debian iso-codes). */
struct country {
  char code[3]; /* ISO 3166-1 alpha-2 */
  struct text3 name;
};

/* The text of an invitation or request letter in one language
 * (templates/letter-LANG.xml). "|" in a template text breaks a line (in
 * the signature: the position | the name); it is split before the
 * placeholders are filled, so that a "|" of the profile is only text.
 * Index 0 of the pairs is the invitation, 1 the request;
 * entries[kind][ENTRY_*]. The texts that name the invited persons come in
 * two numbers, [PERSONS_ONE] for one person and [PERSONS_MANY] for more,
 * so that the wording agrees with the table. */
enum persons_number { PERSONS_ONE = 0, PERSONS_MANY = 1 };

/* A person's relation in a letter's table of persons. */
/* The columns of a letter's table of persons (rules.h: LETTER_COLUMNS). */
#define LETTER_TEMPLATE_COLUMNS 10

enum { REL_EMPLOYEE, REL_EXPERT, REL_HUSBAND, REL_WIFE, REL_SON,
       REL_DAUGHTER, NRELATIONS };

struct letter_template {
  int present;
  const char *copy_mark, *details, *outgoing, *addressee;
  const char *subject[2];
  const char *body[2][2]; /* [kind][PERSONS_*] */
  const char *entries[2][2];
  const char *columns; /* LETTER_COLUMNS (ten), separated by "|" */
  const char *sex[2];  /* M, F */
  const char *relation[NRELATIONS]; /* REL_* */
  const char *prepared_by; /* "Исп.: {name}" */
  const char *phone;       /* "Тел.: {phone}" */
  const char *copies_of;   /* Kazakh: "1-дің|2-нің|..." for {copies-of} in
                              the copy mark (the genitive of the number of
                              copies); NULL: {copies-of} is {copies} */
  const char *stay, *undertakings;
  const char *const *undertaking[2]; /* [PERSONS_*] */
  size_t nundertaking[2];
  const char *signature, *stamp;
};

/* The fonts qujat draws with (fonts/fonts.xml). */
enum { FONT_REGULAR = 0, FONT_BOLD = 1, NFONTS = 2 };

struct font_file {
  const char *path; /* NULL: not configured */
  long bytes;
  uint32_t crc32;
};

/* One language's UI strings, sorted by key. */
struct locale {
  const char *const *keys;
  const char *const *values;
  size_t n;
};

/* Entry regimes by citizenship (services/regimes.xml, issue 14). */
enum list_kind {
  LIST_VISA_FREE = 0,
  LIST_E_VISA,
  LIST_NO_INVITATION,
  LIST_TRP_INSTEAD
};

/* How long a stay may last; 0: the source sets no such limit. `work`,
 * `extendable`: TRI_UNSET when the source does not say. */
struct stay_rule {
  int present;
  int per_entry;
  int window_days, window_max; /* at most window_max days in any window */
  int year_max;                /* days in a year */
  int year_unspecified;        /* "within a year", calendar or not unsaid */
  enum tristate work, extendable;
  const char *or_term_of; /* "trp", "visa" or NULL */
};

struct list_member {
  char code[3];
  const char *name;       /* as the source writes it */
  const char *also, *alt; /* space-separated codes, or NULL */
  const char *group;      /* "near", "far" or NULL */
  int pending;
  const char *rule_text; /* the source's own words for the stay, or NULL */
  struct stay_rule stay; /* present: overrides the list's */
};

struct country_list {
  const char *id;
  enum list_kind kind;
  struct cites cites;
  struct text3 title;
  int count;          /* how many the source says */
  const char *dated;  /* "2024-01", "2019-01-01" or NULL: undated */
  const char *categories; /* space-separated, or NULL */
  int unlisted;       /* the source gives the count without the list */
  struct stay_rule stay;
  const struct text3 *remarks;
  size_t nremarks;
  const struct list_member *members;
  size_t nmembers;
};

struct travel_authorisation {
  int present;
  int hours_before, valid_days, mandatory;
  struct cites cites;
  const struct text3 *exempt;
  size_t nexempt;
  const struct text3 *remarks;
  size_t nremarks;
};

/* The host's notification of a foreigner's arrival (services/regimes.xml):
 * within N working days of the day of arrival. */
struct arrival_rule {
  int present;
  int working_days;
  struct cites cites;
};

/* The in-country category change (services/category-changes.xml). */
struct change_from {
  const char *category; /* an id, "all" or "visa-free" */
  int has_note;
  struct text3 note;
};

struct category_change {
  const char *to;
  struct cites cites;
  const struct change_from *from;
  size_t nfrom;
};

/* A category the change matrix names that letters cannot ask for. */
struct category_name {
  const char *id;
  struct cites cites;
  struct text3 title;
};

/* Working-day calendars (services/calendar-YEAR.xml): not from the
 * guidebooks. */
struct holiday {
  struct date date;
  int moves; /* a holiday on a day off makes the next working day off */
  struct cites cites;
  struct text3 title;
};

struct day_transfer {
  struct date from, to; /* `from` becomes a working day, `to` a day off */
  struct cites cites;
};

struct calendar {
  int year;
  int outside_guidebooks;
  struct cites cites;
  const struct holiday *holidays; /* by date */
  size_t nholidays;
  const struct day_transfer *transfers;
  size_t ntransfers;
};

#define QUJAT_CATALOG_OWNERS 4

struct qujat_catalog {
  struct arena arena;
  const char *data_dir;
  struct date updated; /* latest `updated` of the files; y == 0 if none */

  const struct source *sources;
  size_t nsources;
  const struct edition *editions;
  size_t neditions;
  const struct mci *mcis;
  size_t nmcis;
  const struct condition *conditions;
  size_t nconditions;
  const struct document *documents;
  size_t ndocuments;
  const struct procedure *procedures;
  size_t nprocedures;
  const struct note *notes;
  size_t nnotes;
  const struct group *groups;
  size_t ngroups;
  const struct service *services; /* guidebook order */
  size_t nservices;
  const struct fine *fines;
  size_t nfines;
  const struct visa_category *categories;
  size_t ncategories;

  struct locale locales[NLANGS];
  struct font_file fonts[NFONTS];
  /* What a renderer derives from the catalog on first use and keeps with it
   * (the PDF module's parsed fonts): filled under that module's lock, freed
   * by qujat_catalog_free through the release function it registered. */
  void *renderer_cache;
  const struct country *countries; /* sorted by code */
  size_t ncountries;
  struct letter_template templates[NLANGS];
  /* Issue 14: entry regimes, category changes, calendars (by year). */
  const struct country_list *lists;
  size_t nlists;
  struct travel_authorisation eta;
  struct arrival_rule arrival;
  const struct category_change *changes;
  size_t nchanges;
  const struct category_name *category_names;
  size_t ncategory_names;
  const struct calendar *calendars;
  size_t ncalendars;

  /* Whatever the catalog owns outside its arena, released in reverse order
   * by qujat_catalog_free: the loader's libxml2 objects below, the
   * renderer_cache. The model never names the modules that own them. */
  struct catalog_owned {
    void (*release)(struct qujat_catalog *c);
  } owned[QUJAT_CATALOG_OWNERS];
  size_t nowned;

  /* Compiled XPath expressions to free, and the schemas, compiled on first
   * use (catalog_schemas.c) (opaque libxml2 objects owned by
   * catalog_xml.c). These and the members above from `renderer_cache` on
   * are not the model: the compiled catalog (catalog_cache.c) leaves them
   * out; every other pointer of the model is named in
   * catalog_cache_types.c. */
  struct xpath **xpaths;
  size_t nxpaths;
  void *profile_schema;
  void *catalog_schema;
  void *fees_schema; /* the XML twin of fee slips */
  void *jobs_schema; /* batch job files */
  int from_cache;    /* the model was read from the compiled catalog */
  int from_index;    /* found by the file index, no data file read */
};

/* Registers `release` to be called by qujat_catalog_free (once, however
 * often it is registered). Returns QUJAT_ERR_LIMIT past
 * QUJAT_CATALOG_OWNERS owners: a programming error, not a data one. */
qujat_status qujat_catalog_on_free(struct qujat_catalog *c,
                                   void (*release)(struct qujat_catalog *c));

/* The documents a service asks for, following `same_as`. */
const struct item *qujat_service_items(const struct service *s, size_t *n);

/* The text of a document or note in force on the dates of edition `e`
 * (NULL: the default text). */
const struct text3 *qujat_edition_text(const struct text3 *dflt,
                                       const struct edition_text *v, size_t n,
                                       const struct edition *e);

/* Lookups; NULL when absent. */
const struct service *qujat_find_service(const struct qujat_catalog *c,
                                         const char *id);
/* The edition in force on `d`: the one that began last on or before it (an
 * edition stays in force until a newer one exists); NULL before the first. */
const struct edition *qujat_find_edition_on(const struct qujat_catalog *c,
                                            struct date d);
/* Whether `d` is past the period the edition was published for: it is
 * applied only because no newer edition is in the data. */
int qujat_edition_past(const struct edition *e, struct date d);
const struct mci *qujat_find_mci(const struct qujat_catalog *c, int year);
const struct fee_table *qujat_find_fee_table(const struct service *s,
                                             const struct edition *e);

/* Calls `fn` with every text the catalog can print: each language of every
 * title, description, document, note, condition reason, procedure step,
 * fee label, source and edition title, and every locale string. Stops and
 * returns the first non-zero value `fn` returns. */
typedef int (*text_fn)(const char *text, void *user);
int qujat_catalog_each_text(const struct qujat_catalog *c, text_fn fn,
                            void *user);

const struct visa_category *qujat_find_category(const struct qujat_catalog *c,
                                               const char *id);
const struct country *qujat_find_country(const struct qujat_catalog *c,
                                         const char *code);
const struct fine *qujat_find_fine(const struct qujat_catalog *c,
                                   const char *id);
const struct calendar *qujat_find_calendar(const struct qujat_catalog *c,
                                           int year);
/* A country by ISO code (any case) or by its name in kk, ru or en
 * (case-insensitive for ASCII and Cyrillic); NULL when none. */
const struct country *qujat_find_country_any(const struct qujat_catalog *c,
                                             const char *query);

/* Index of a language in text3 for an output language (KK_RU: Kazakh). */
int qujat_lang_index(qujat_lang lang);

#define QUJAT_CATALOG_NS "urn:qujat:catalog:1"

/* Initialises libxml2's parser once per process (xmlInitParser, nothing
 * else: qujat's parsers refuse entities and report errors through their
 * own contexts, never through libxml2's process-wide handlers). Safe to
 * call from any thread; every thread that parses XML calls it (the
 * batch's job-file reader too). */
void qujat_xml_init(void);

/*
 * UI strings, plural forms, and the formatting of dates, amounts and
 * timeframes in Kazakh, Russian and English. A missing key is an error
 * (QUJAT_ERR_LOCALE naming the key), never a fallback to another language.
 */

/* Number of plural forms of language `lang` (LANG_*): en 2, ru 3, kk 1. */
int qujat_plural_forms(int lang);

/* Which form (0-based) a count `n` takes in `lang`. */
int qujat_plural_index(int lang, int64_t n);

/* The string `key` of `lang`, or NULL. */
const char *qujat_locale_find(const struct qujat_catalog *c, int lang,
                              const char *key);

/* Like qujat_locale_find(), but a missing key sets QUJAT_ERR_LOCALE. */
qujat_status qujat_locale_get(const struct qujat_catalog *c, int lang,
                              const char *key, const char **out,
                              qujat_error *err);

/* A named value for qujat_format(). */
struct farg {
  const char *name; /* without braces */
  const char *value;
};

/* Appends `tmpl` to `out` with every "{name}" replaced by its value from
 * `args`; an unknown name is copied as it is. */
qujat_status qujat_format(struct buf *out, const char *tmpl,
                          const struct farg *args, size_t nargs);

/* Appends the string `key` formatted with `args`. */
qujat_status qujat_format_key(struct buf *out, const struct qujat_catalog *c,
                              int lang, const char *key,
                              const struct farg *args, size_t nargs,
                              qujat_error *err);

/* Appends the form of the plural string `key` for `n`. */
qujat_status qujat_format_plural(struct buf *out,
                                 const struct qujat_catalog *c, int lang,
                                 const char *key, int64_t n,
                                 qujat_error *err);

/* "21 November 2026", "21 ноября 2026 г.", "2026 жылғы 21 қараша". */
qujat_status qujat_format_date(struct buf *out, const struct qujat_catalog *c,
                               int lang, struct date d, qujat_error *err);

/* The same with the month in the grammatical form `form` (the locale key
 * "month.N.FORM"): Kazakh dates take their case ending on the month, so
 * "since" gives "2027 жылғы 1 қаңтардан" (followed by «бастап») and
 * "until" "2028 жылғы 31 желтоқсанды" (followed by «қоса алғанға дейін»).
 * NULL: the plain form. */
qujat_status qujat_format_date_form(struct buf *out,
                                    const struct qujat_catalog *c, int lang,
                                    struct date d, const char *form,
                                    qujat_error *err);

/* An amount with its currency: "859 750.00 KZT", "859 750,00 тенге". */
qujat_status qujat_format_money(struct buf *out,
                                const struct qujat_catalog *c, int lang,
                                int64_t tiyn, qujat_error *err);

/* The amount alone, grouped: "859 750.00" / "859 750,00". */
qujat_status qujat_format_amount(struct buf *out,
                                 const struct qujat_catalog *c, int lang,
                                 int64_t tiyn, qujat_error *err);

/* "5 business days", "3–5 рабочих дней", "20–30 минут"; for a timeframe
 * the source does not state, the "not stated" text. */
qujat_status qujat_format_timeframe(struct buf *out,
                                    const struct qujat_catalog *c, int lang,
                                    const struct timeframe *t,
                                    qujat_error *err);

/*
 * The catalog's conditions are XPath 1.0 over the profile, through libxml2:
 * compiled once when the catalog loads, evaluated per document with a
 * context of the document's own (so threads may share the compiled form).
 */

#define QUJAT_PROFILE_NS "urn:qujat:profile:1"

struct xpath_env;
struct qujat_profile;

/* An evaluation context over `profile`, or over an empty profile when
 * `profile` is NULL. */
qujat_status qujat_xpath_env_new(const struct qujat_profile *profile,
                                 struct xpath_env **out);
void qujat_xpath_env_free(struct xpath_env *env);

/*
 * Evaluates `x` as a boolean with the profile root as the context node, or
 * with dependant number `dependant` (0-based; -1 for the root) and $age set
 * to `age`. Returns 0 or 1, -1 on an evaluation error, or -2 when it ran
 * out of memory (libxml2 then may give a wrong answer rather than none).
 */
int qujat_xpath_bool(struct xpath_env *env, const struct xpath *x,
                     int dependant, int age);

#endif
