/* SPDX-License-Identifier: MIT */
/*
 * CSV job files: one row per applicant, as an HR department keeps them in
 * a spreadsheet. The first row names the columns (README "Batch"): job
 * columns (document, service, output...) and profile columns (surname,
 * passport-number, company...), from which an applicant profile is written
 * as XML and checked by the profile loader like any other. Cells are
 * RFC 4180: quotes around a cell that holds the separator, a quote or a
 * line break; the separator is the one of , ; or tab the first row uses
 * most. Dates may be written YYYY-MM-DD or DD.MM.YYYY, flags true/false,
 * yes/no, 1/0, да/нет or иә/жоқ.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "batch/batch.h"
#include "base/base.h"

#define MAX_COLUMNS 64

/* Where a column's value goes. */
enum target {
  T_JOB,
  T_APPLICANT,
  T_PASSPORT,
  T_VISA,
  T_TRP,
  T_COMPANY,
  T_ADDRESS,
  T_CONTACTS,
  T_HEAD,
  T_REQUEST,
  T_FILING,
  NTARGETS
};

enum kind { PLAIN, DATE, FLAG };

struct column {
  const char *name;
  enum target target;
  const char *attr;  /* the profile attribute, or NULL for element text */
  size_t field;      /* T_JOB: offset of the field in struct job */
  enum kind kind;
};

#define JOB(name, member) {name, T_JOB, NULL, offsetof(struct job, member), PLAIN}

static const struct column columns[] = {
    JOB("id", id),
    JOB("document", document),
    JOB("service", service),
    JOB("lang", lang),
    {"date", T_JOB, NULL, offsetof(struct job, date), DATE},
    JOB("output", output),
    JOB("profile", profile_path),
    JOB("copies", copies),
    JOB("fine", fine),
    JOB("days", days),
    JOB("size", size),
    {"brief", T_JOB, NULL, offsetof(struct job, brief), FLAG},
    {"allow-mixed-language", T_JOB, NULL, offsetof(struct job, mixed), FLAG},
    {"no-letterhead", T_JOB, NULL, offsetof(struct job, no_letterhead), FLAG},
    {"surname", T_APPLICANT, "surname", 0, PLAIN},
    {"given-names", T_APPLICANT, "given-names", 0, PLAIN},
    {"birth-date", T_APPLICANT, "birth-date", 0, DATE},
    {"sex", T_APPLICANT, "sex", 0, PLAIN},
    {"citizenship", T_APPLICANT, "citizenship", 0, PLAIN},
    {"role", T_APPLICANT, "role", 0, PLAIN},
    {"passport-number", T_PASSPORT, "number", 0, PLAIN},
    {"passport-issued", T_PASSPORT, "issued", 0, DATE},
    {"passport-expires", T_PASSPORT, "expires", 0, DATE},
    {"visa-category", T_VISA, "category", 0, PLAIN},
    {"visa-entries", T_VISA, "entries", 0, PLAIN},
    {"visa-expires", T_VISA, "expires", 0, DATE},
    {"trp-expires", T_TRP, "expires", 0, DATE},
    {"company", T_COMPANY, "name", 0, PLAIN},
    {"company-bin", T_COMPANY, "bin", 0, PLAIN},
    {"company-form", T_COMPANY, "form", 0, PLAIN},
    {"company-address", T_ADDRESS, NULL, 0, PLAIN},
    {"company-contacts", T_CONTACTS, NULL, 0, PLAIN},
    {"head-position", T_HEAD, "position", 0, PLAIN},
    {"head-name", T_HEAD, "name", 0, PLAIN},
    {"category", T_REQUEST, "category", 0, PLAIN},
    {"entries", T_REQUEST, "entries", 0, PLAIN},
    {"from", T_REQUEST, "from", 0, DATE},
    {"to", T_REQUEST, "to", 0, DATE},
    {"purpose", T_REQUEST, "purpose", 0, PLAIN},
    {"issue-place", T_REQUEST, "issue-place", 0, PLAIN},
    {"stay-address", T_REQUEST, "stay-address", 0, PLAIN},
    {"letter-number", T_REQUEST, "letter-number", 0, PLAIN},
    {"by-representative", T_FILING, "by-representative", 0, FLAG},
    {"work-permit-required", T_FILING, "work-permit-required", 0, FLAG},
    {"priority", T_FILING, "priority", 0, FLAG},
    {"personal-manager", T_FILING, "personal-manager", 0, FLAG},
    {"filing-for", T_FILING, "for", 0, PLAIN}};

#define NCOLUMN_KINDS (sizeof columns / sizeof *columns)

struct csv_jobs {
  struct job_reader base;
  struct decoder dec;
  char *path, *dir;
  char buf[16 * 1024];
  size_t len, pos;
  int line;      /* of the next character */
  char delim;
  int ncols;
  const struct column *cols[MAX_COLUMNS]; /* by position in the header */
  size_t index;
  /* The record being read: cells separated by NULs. */
  struct buf cells;
  size_t cell_at[MAX_COLUMNS];
  int ncells;
};

/* ------------------------------------------------------------------------
 * Characters and records
 * ------------------------------------------------------------------------ */

/* Offset, in the decoded text, of the next character. */
static size_t position(const struct csv_jobs *C) {
  return C->dec.out_total - C->len + C->pos;
}

static int peek(struct csv_jobs *C, qujat_error *err, qujat_status *st) {
  if (C->pos == C->len) {
    size_t got = 0;
    *st = qujat_decoder_read(&C->dec, C->buf, sizeof C->buf, &got, err);
    C->len = got;
    C->pos = 0;
    if (*st != QUJAT_OK || got == 0)
      return -1;
  }
  return (unsigned char)C->buf[C->pos];
}

static int get(struct csv_jobs *C, qujat_error *err, qujat_status *st) {
  int c = peek(C, err, st);
  if (c >= 0) {
    C->pos++;
    /* LF, CR LF, and CR alone (old Mac spreadsheets) end a line. */
    if (c == '\n' || (c == '\r' && peek(C, err, st) != '\n'))
      C->line++;
  }
  return c;
}

/* Ends the current cell. */
static qujat_status end_cell(struct csv_jobs *C, struct job *j) {
  if (C->ncells == MAX_COLUMNS) {
    qujat_job_problem(j, "more than %d cells", MAX_COLUMNS);
    return QUJAT_OK;
  }
  qujat_status st = qujat_buf_addc(&C->cells, '\0');
  if (st == QUJAT_OK && C->ncells + 1 < MAX_COLUMNS)
    C->cell_at[C->ncells + 1] = C->cells.len;
  C->ncells++;
  return st;
}

static qujat_status add_char(struct csv_jobs *C, struct job *j, int c,
                             size_t *cell_len) {
  if (C->ncells >= MAX_COLUMNS)
    return QUJAT_OK;
  if (c == '\0') {
    /* It would end the cell's string there: the rest would be lost. */
    qujat_job_problem(j, "a NUL character in a cell");
    return QUJAT_OK;
  }
  if (++*cell_len > JOB_MAX_FIELD) {
    if (*cell_len == JOB_MAX_FIELD + 1)
      qujat_job_problem(j, "a cell is longer than %d bytes", JOB_MAX_FIELD);
    return QUJAT_OK;
  }
  return qujat_buf_addc(&C->cells, (char)c);
}

/*
 * Reads one record into C->cells. Problems of the record (a stray quote,
 * an unclosed one, an overlong cell) go to `j`. *end = 1 when the file
 * had no more records. Any status but QUJAT_OK is fatal.
 */
static qujat_status read_record(struct csv_jobs *C, struct job *j, int *end,
                                qujat_error *err) {
  qujat_status st = QUJAT_OK;
  qujat_buf_reset(&C->cells);
  C->ncells = 0;
  C->cell_at[0] = 0;
  size_t cell_len = 0;
  int quoted = 0, closed = 0, any = 0, c;
  *end = 0;
  while ((c = get(C, err, &st)) >= 0) {
    any = 1;
    if (quoted) {
      if (c != '"') {
        st = add_char(C, j, c, &cell_len);
      } else if (peek(C, err, &st) == '"') {
        get(C, err, &st);
        st = add_char(C, j, '"', &cell_len);
      } else {
        quoted = 0;
        closed = 1;
      }
    } else if (c == C->delim) {
      st = end_cell(C, j);
      cell_len = 0;
      closed = 0;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && peek(C, err, &st) == '\n')
        get(C, err, &st);
      break;
    } else if (c == '"' && cell_len == 0 && !closed) {
      quoted = 1;
    } else {
      if (closed || c == '"')
        qujat_job_problem(j, "a quote in the middle of a cell (a quoted "
                             "cell is \"...\", with \"\" for a quote)");
      st = add_char(C, j, c, &cell_len);
    }
    if (st != QUJAT_OK)
      return st;
  }
  if (st != QUJAT_OK)
    return st;
  if (quoted)
    qujat_job_problem(j, "a quoted cell is not closed before the end of the "
                         "file");
  if (!any) {
    *end = 1;
    return QUJAT_OK;
  }
  return end_cell(C, j);
}

static const char *cell(const struct csv_jobs *C, int i) {
  return i < C->ncells && i < MAX_COLUMNS ? C->cells.data + C->cell_at[i]
                                          : "";
}

static int blank_record(const struct csv_jobs *C) {
  for (int i = 0; i < C->ncells && i < MAX_COLUMNS; i++)
    for (const char *s = cell(C, i); *s; s++)
      if (!isspace((unsigned char)*s))
        return 0;
  return 1;
}

/* ------------------------------------------------------------------------
 * The header
 * ------------------------------------------------------------------------ */

/* The separator the first line uses most: , ; or tab. Blank lines before
 * the header (which read_header skips) do not count as the first line. */
static char guess_delimiter(struct csv_jobs *C, qujat_error *err,
                            qujat_status *st) {
  peek(C, err, st);
  size_t counts[3] = {0, 0, 0}, i = C->pos;
  int quoted = 0;
  while (i < C->len && (C->buf[i] == '\n' || C->buf[i] == '\r' ||
                        C->buf[i] == ' '))
    i++;
  for (; i < C->len && C->buf[i] != '\n' && C->buf[i] != '\r'; i++) {
    char c = C->buf[i];
    quoted ^= c == '"';
    if (quoted)
      continue;
    counts[0] += c == ',';
    counts[1] += c == ';';
    counts[2] += c == '\t';
  }
  return counts[1] > counts[0] && counts[1] >= counts[2] ? ';'
         : counts[2] > counts[0]                          ? '\t'
                                                          : ',';
}

/* "Given names", "GIVEN_NAMES" and "given-names" are one column. */
static void canonical(const char *s, char *out, size_t n) {
  while (isspace((unsigned char)*s))
    s++;
  size_t k = 0;
  for (; *s && k + 1 < n; s++)
    out[k++] = *s == '_' || *s == ' ' ? '-' : (char)tolower((unsigned char)*s);
  while (k > 0 && out[k - 1] == '-')
    k--;
  out[k] = '\0';
}

static qujat_status read_header(struct csv_jobs *C, qujat_error *err) {
  struct job scratch = {0};
  qujat_status st = QUJAT_OK;
  int end = 0, line;
  C->delim = guess_delimiter(C, err, &st);
  do {
    line = C->line;
    if (st == QUJAT_OK)
      st = read_record(C, &scratch, &end, err);
  } while (st == QUJAT_OK && !end && blank_record(C));
  if (st == QUJAT_OK && (end || scratch.problem))
    st = qujat_err_set(err, QUJAT_ERR_ARG, C->path, line, 0, "%s",
                       end ? "no header row naming the columns"
                           : scratch.problem);
  qujat_job_clear(&scratch);
  if (st != QUJAT_OK)
    return st;
  C->ncols = C->ncells;
  int have[NCOLUMN_KINDS] = {0};
  for (int i = 0; i < C->ncols; i++) {
    char name[64];
    canonical(cell(C, i), name, sizeof name);
    size_t k = 0;
    while (k < NCOLUMN_KINDS && strcmp(columns[k].name, name) != 0)
      k++;
    if (k == NCOLUMN_KINDS)
      return qujat_err_set(err, QUJAT_ERR_ARG, C->path, line, 0,
                           "unknown column '%.*s' (README \"CSV job "
                           "files\" lists the columns)",
                           qujat_utf8_prefix(cell(C, i), 60), cell(C, i));
    if (have[k]++)
      return qujat_err_set(err, QUJAT_ERR_ARG, C->path, line, 0,
                           "the column '%s' appears twice", columns[k].name);
    C->cols[i] = &columns[k];
  }
  static const char *const required[] = {"document", "service", "output"};
  for (size_t r = 0; r < 3; r++) {
    size_t k = 0;
    while (strcmp(columns[k].name, required[r]) != 0)
      k++;
    if (!have[k])
      return qujat_err_set(err, QUJAT_ERR_ARG, C->path, line, 0,
                           "no '%s' column (every job needs document, "
                           "service and output)",
                           required[r]);
  }
  return QUJAT_OK;
}

/* ------------------------------------------------------------------------
 * Rows into jobs
 * ------------------------------------------------------------------------ */

/* DD.MM.YYYY, as spreadsheets in Kazakhstan write dates, into ISO. */
static void iso_date(const char *s, char *out, size_t n) {
  int d, m, y, used = 0;
  if (sscanf(s, "%2d.%2d.%4d%n", &d, &m, &y, &used) == 3 && !s[used] &&
      y >= 1000)
    snprintf(out, n, "%04d-%02d-%02d", y, m, d);
  else
    snprintf(out, n, "%s", s);
}

/* "true" or "false" for the ways spreadsheets say yes and no; NULL for
 * anything else, which the profile schema then refuses. */
static const char *flag(const char *s) {
  /* strcasecmp folds ASCII only: the Cyrillic words in their three
   * spellings. */
  static const char *const yes[] = {"true", "yes", "1", "да", "Да", "ДА",
                                    "иә", "Иә", "ИӘ"};
  static const char *const no[] = {"false", "no", "0", "нет", "Нет", "НЕТ",
                                   "жоқ", "Жоқ", "ЖОҚ"};
  for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
    if (strcasecmp(s, yes[i]) == 0)
      return "true";
  for (size_t i = 0; i < sizeof no / sizeof *no; i++)
    if (strcasecmp(s, no[i]) == 0)
      return "false";
  return NULL;
}

static qujat_status escaped(struct buf *b, const char *s) {
  qujat_status st = QUJAT_OK;
  for (; *s && st == QUJAT_OK; s++)
    st = *s == '&'   ? qujat_buf_adds(b, "&amp;")
         : *s == '<' ? qujat_buf_adds(b, "&lt;")
         : *s == '>' ? qujat_buf_adds(b, "&gt;")
         : *s == '"' ? qujat_buf_adds(b, "&quot;")
                     : qujat_buf_addc(b, *s);
  return st;
}

/* The value of a cell as the profile wants it (trimmed, dates in ISO,
 * flags as true/false) into `out`. */
static const char *value(const struct column *col, const char *raw,
                         char *out, size_t n) {
  while (isspace((unsigned char)*raw))
    raw++;
  snprintf(out, n, "%s", raw);
  size_t k = strlen(out);
  while (k > 0 && isspace((unsigned char)out[k - 1]))
    out[--k] = '\0';
  if (col->kind == DATE) {
    char iso[32];
    iso_date(out, iso, sizeof iso);
    snprintf(out, n, "%s", iso);
  } else if (col->kind == FLAG && flag(out)) {
    snprintf(out, n, "%s", flag(out));
  }
  return out;
}

/* One element of the profile with the attributes its columns give, and
 * its text for address and contacts. */
static qujat_status element(struct csv_jobs *C, struct buf *b, enum target t,
                            const char *name, int open_only) {
  qujat_status st = qujat_buf_addf(b, "<%s", name);
  char v[JOB_MAX_FIELD + 1];
  const char *text = NULL;
  for (int i = 0; st == QUJAT_OK && i < C->ncols; i++) {
    if (C->cols[i]->target != t || !*value(C->cols[i], cell(C, i), v,
                                           sizeof v))
      continue;
    if (!C->cols[i]->attr) {
      text = cell(C, i);
      continue;
    }
    st = qujat_buf_addf(b, " %s=\"", C->cols[i]->attr);
    if (st == QUJAT_OK)
      st = escaped(b, v);
    if (st == QUJAT_OK)
      st = qujat_buf_addc(b, '"');
  }
  if (st == QUJAT_OK && text) {
    st = qujat_buf_addc(b, '>');
    if (st == QUJAT_OK)
      st = escaped(b, value(&columns[0], text, v, sizeof v));
    if (st == QUJAT_OK)
      st = qujat_buf_addf(b, "</%s>\n", name);
  } else if (st == QUJAT_OK) {
    st = qujat_buf_adds(b, open_only ? ">\n" : "/>\n");
  }
  return st;
}

/* An element of the profile written only when some column of the row
 * gives it a value. */
struct part {
  enum target t;
  const char *name;
};

/* The `n` `parts` that `used` marks, in their order. */
static qujat_status used_parts(struct csv_jobs *C, struct buf *b,
                               const int *used, const struct part *parts,
                               size_t n) {
  qujat_status st = QUJAT_OK;
  for (size_t k = 0; st == QUJAT_OK && k < n; k++)
    if (used[parts[k].t])
      st = element(C, b, parts[k].t, parts[k].name, 0);
  return st;
}

/* The profile the row's profile columns make, or none when they are all
 * empty. */
static qujat_status row_profile(struct csv_jobs *C, struct job *j) {
  int used[NTARGETS] = {0};
  char v[JOB_MAX_FIELD + 1];
  for (int i = 0; i < C->ncols; i++)
    if (C->cols[i]->target != T_JOB && *value(C->cols[i], cell(C, i), v,
                                              sizeof v))
      used[C->cols[i]->target] = 1;
  int any = 0;
  for (int t = T_APPLICANT; t < NTARGETS; t++)
    any |= used[t];
  if (!any)
    return QUJAT_OK;
  if (j->profile_path) {
    qujat_job_problem(j, "both a profile file and profile columns: give "
                         "one or the other");
    return QUJAT_OK;
  }
  struct buf b;
  qujat_buf_init(&b, JOB_MAX_PROFILE);
  /* A row is one paper in one language: its free texts (the company's
   * name, the purpose...) are written in that language, and say so. */
  const char *lang = j->lang && (strcmp(j->lang, "kk") == 0 ||
                                 strcmp(j->lang, "ru") == 0 ||
                                 strcmp(j->lang, "en") == 0)
                         ? j->lang
                         : NULL;
  qujat_status st =
      qujat_buf_adds(&b, "<profile xmlns=\"urn:qujat:profile:1\"");
  if (st == QUJAT_OK && lang)
    st = qujat_buf_addf(&b, " xml:lang=\"%s\"", lang);
  if (st == QUJAT_OK)
    st = qujat_buf_adds(&b, ">\n");
  int company = used[T_COMPANY] || used[T_ADDRESS] || used[T_CONTACTS] ||
                used[T_HEAD];
  static const struct part applicant_parts[] = {
      {T_PASSPORT, "passport"}, {T_VISA, "current-visa"}, {T_TRP, "current-trp"}};
  static const struct part company_parts[] = {
      {T_ADDRESS, "address"}, {T_CONTACTS, "contacts"}, {T_HEAD, "head"}};
  static const struct part profile_parts[] = {{T_REQUEST, "request"},
                                              {T_FILING, "filing"}};
  if (st == QUJAT_OK)
    st = element(C, &b, T_APPLICANT, "applicant", 1);
  if (st == QUJAT_OK)
    st = used_parts(C, &b, used, applicant_parts, 3);
  if (st == QUJAT_OK)
    st = qujat_buf_adds(&b, "</applicant>\n");
  if (st == QUJAT_OK && company) {
    st = element(C, &b, T_COMPANY, "company", 1);
    if (st == QUJAT_OK)
      st = used_parts(C, &b, used, company_parts, 3);
    if (st == QUJAT_OK)
      st = qujat_buf_adds(&b, "</company>\n");
  }
  if (st == QUJAT_OK)
    st = used_parts(C, &b, used, profile_parts, 2);
  if (st == QUJAT_OK)
    st = qujat_buf_adds(&b, "</profile>\n");
  if (st == QUJAT_ERR_LIMIT) {
    qujat_job_problem(j, "the profile of the row is larger than %d bytes",
                      JOB_MAX_PROFILE);
    st = QUJAT_OK;
    b.len = 0;
  }
  if (st == QUJAT_OK && b.len) {
    j->profile_len = b.len;
    j->profile_xml = qujat_buf_take(&b, NULL);
    j->profile_line = -1; /* made, not written: no line to point at */
  }
  qujat_buf_free(&b);
  return st;
}

/* The job of the record just read. */
static qujat_status row_job(struct csv_jobs *C, struct job *j) {
  qujat_status st = QUJAT_OK;
  if (C->ncells != C->ncols)
    qujat_job_problem(j, "the row has %d cells, the header %d", C->ncells,
                      C->ncols);
  for (int i = 0; i < C->ncols && i < C->ncells; i++) {
    int line = 0, col = 0;
    const char *raw = cell(C, i);
    if (!qujat_utf8_valid(raw, strlen(raw), &line, &col))
      qujat_job_problem(j, "the cell '%s' is not valid text",
                        C->cols[i]->name);
  }
  char v[JOB_MAX_FIELD + 1];
  for (int i = 0; st == QUJAT_OK && i < C->ncols && i < C->ncells; i++) {
    const struct column *col = C->cols[i];
    if (col->target != T_JOB || !*value(col, cell(C, i), v, sizeof v))
      continue;
    char **field = (char **)((char *)j + col->field);
    st = qujat_job_set(field, v, strlen(v));
  }
  if (st == QUJAT_OK && !j->id) {
    char id[32];
    snprintf(id, sizeof id, "%zu", j->index + 1);
    st = qujat_job_set(&j->id, id, strlen(id));
  }
  if (st == QUJAT_OK && !C->base.light && !j->problem)
    st = row_profile(C, j);
  return st;
}

static qujat_status next_job(struct job_reader *base, struct job *j, int *end,
                             qujat_error *err) {
  struct csv_jobs *C = (struct csv_jobs *)base;
  qujat_status st;
  qujat_job_clear(j);
  do {
    qujat_job_clear(j);
    j->line = C->line;
    size_t from = position(C);
    st = read_record(C, j, end, err);
    if (st != QUJAT_OK || *end)
      return st;
    char what[128];
    if (qujat_decoder_take_bad(&C->dec, from, position(C), what, sizeof what))
      qujat_job_problem(j, "%s", what);
  } while (blank_record(C) && !j->problem);
  j->index = C->index++;
  st = row_job(C, j);
  return st == QUJAT_OK ? QUJAT_OK
                        : qujat_err_set(err, st, C->path, j->line, 0,
                                        "cannot read the row");
}

static void close_jobs(struct job_reader *base) {
  struct csv_jobs *C = (struct csv_jobs *)base;
  if (!C)
    return;
  qujat_decoder_close(&C->dec);
  qujat_buf_free(&C->cells);
  free(C->path);
  free(C->dir);
  free(C);
}

qujat_status qujat_jobs_open_csv(const char *path, const char *encoding,
                                 struct job_reader **out, qujat_error *err) {
  *out = NULL;
  struct csv_jobs *C = calloc(1, sizeof *C);
  if (!C)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  C->dec.fd = -1;
  C->dec.cd = (iconv_t)-1;
  C->line = 1;
  C->base.next = next_job;
  C->base.close = close_jobs;
  qujat_buf_init(&C->cells, (size_t)MAX_COLUMNS * (JOB_MAX_FIELD + 1));
  qujat_status st;
  CHECK(qujat_jobs_path_dir(path, &C->path, &C->dir, err));
  C->base.path = C->path;
  C->base.dir = C->dir;
  CHECK(qujat_decoder_open(&C->dec, C->path, encoding, err));
  CHECK(read_header(C, err));
  *out = &C->base;
  C = NULL;
done:
  close_jobs(C ? &C->base : NULL);
  return st;
}
