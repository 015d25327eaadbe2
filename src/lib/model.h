/*
 * The in-memory catalog: plain structs, no libxml2 types. catalog_xml.c
 * builds it; everything else only reads it. All strings and arrays live in
 * the catalog's arena; a catalog is immutable once loaded, so threads may
 * share it.
 */
#ifndef QUJAT_MODEL_H
#define QUJAT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "date.h"
#include "qujat/qujat.h"

/* The three languages every text exists in, in catalog order. */
enum { LANG_KK = 0, LANG_RU = 1, LANG_EN = 2, NLANGS = 3 };

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

struct document {
  const char *id;
  struct cites cites;
  struct text3 text;
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

struct letter_template {
  int present;
  const char *copy_mark, *details, *outgoing, *addressee;
  const char *subject[2];
  const char *body[2][2]; /* [kind][PERSONS_*] */
  const char *entries[2][2];
  const char *columns; /* seven, separated by "|" */
  const char *sex[2];  /* M, F */
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
  /* The fonts parsed, on first use by a renderer (fonts.c). */
  struct ttf *ttf[NFONTS];
  int fonts_tried;
  qujat_error fonts_error;
  const struct country *countries; /* sorted by code */
  size_t ncountries;
  struct letter_template templates[NLANGS];

  /* Compiled XPath expressions to free, and the profile schema (opaque
   * libxml2 objects owned by catalog_xml.c). */
  struct xpath **xpaths;
  size_t nxpaths;
  void *profile_schema;
  void *catalog_schema;
  void *fees_schema; /* the XML twin of fee slips */
  void *jobs_schema; /* batch job files */
};

/* The documents a service asks for, following `same_as`. */
const struct item *qujat_service_items(const struct service *s, size_t *n);

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

/* Index of a language in text3 for an output language (KK_RU: Kazakh). */
int qujat_lang_index(qujat_lang lang);

#endif
