/* SPDX-License-Identifier: MIT */
/*
 * The rules module's interface: profile + service + date -> a resolved
 * document (what applies, why, fees, dates, fines, letters), and the fee slip
 * as data (its XML twin and reference). No I/O, no libxml2 (conditions go
 * through catalog.h's XPath interface). Below it: catalog, base.
 */
#ifndef QUJAT_RULES_RULES_H
#define QUJAT_RULES_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "base/base.h"
#include "catalog/catalog.h"

/*
 * A resolved document: what the rules decided for one service, one
 * applicant, one language and one date. Every text is final (in the
 * document's language); the renderers only arrange it. Built by rules.c.
 */

enum item_status {
  ITEM_REQUIRED = 0,  /* applies to this applicant */
  ITEM_IF_APPLICABLE  /* the profile does not say: "only if ..." */
};

struct ritem {
  const struct document *doc;
  const char *text;
  enum item_status status;
  const char *because; /* why it is there; NULL for unconditional items */
  const char *person;  /* "SMITH JANE (spouse)" for per-person items */
};

struct romitted {
  const struct document *doc;
  const char *text;
  const char *because; /* why it is not needed */
};

struct rfee {
  enum fee_kind kind;
  enum fee_amount amount;
  const char *label;  /* the fee's own label ("for an expert") or NULL */
  int64_t unit_tiyn;  /* per person */
  int64_t tiyn;       /* the line: unit × persons */
  int64_t mci_centi;  /* AMOUNT_MCI */
  int64_t mci_tiyn;
  int mci_year;
  int persons;
  int option;         /* chosen option (personal manager, priority...) */
  int counted;        /* part of the total */
  int mci_unknown;    /* AMOUNT_MCI of a year whose MCI the data lacks:
                         mci_centi and mci_year only, no amount */
  const struct note *note;
};

/* A date that matters for this applicant. */
struct rdate {
  const char *label; /* final text */
  struct date date;
  /* An answer in words instead of a date (the entry regime), or NULL. */
  const char *text;
  /* Where the rule of this date comes from, final text, or NULL. */
  const char *note;
};

/* A letter, every text final (rules_letter.c). */
/* №, surname, given names, relation, sex, date of birth, citizenship,
 * passport number, issued, valid until. */
#define LETTER_COLUMNS LETTER_TEMPLATE_COLUMNS
struct rletter {
  const struct letter_template *t;
  int request; /* the kind: 0 invitation, 1 request */
  int copies;
  const char *company, *outgoing, *subject, *body, *stay;
  const char *const *details;   /* the letterhead's lines under the name */
  size_t ndetails;
  /* <company letterhead="kk+ru">: the letterhead in Kazakh [0] and Russian
   * [1] side by side, instead of `company` and `details`. */
  int head_kk_ru;
  const char *head_company[2];
  const char *const *head_details[2];
  size_t head_ndetails[2];
  const char *const *addressee; /* its lines */
  size_t naddressee;
  const char *undertakings;            /* "{company} undertakes:" */
  const char *const *undertaking;      /* for the number of persons */
  size_t nundertaking;
  const char *position, *head;         /* the signature: left, right */
  const char *foot[2]; /* "Исп.: name", "Тел.: phone": who prepared it */
  size_t nfoot;
  int no_letterhead;       /* printed on the company's own paper */
  const char *const *cells; /* (1 + npersons) × LETTER_COLUMNS, row 0 the
                               column titles */
  size_t npersons;
};

struct rstep {
  const char *title;
  const char *const *bullets;
  size_t nbullets;
};

/* The warnings one document can carry (qujat_doc_warn). */
#define QUJAT_MAX_WARNINGS 32

struct qujat_document {
  struct arena arena;
  const struct qujat_catalog *cat;
  const struct qujat_profile *profile;
  qujat_doc_kind kind;
  qujat_lang out_lang;
  int brief; /* checklist: the one-page form (qujat_request.brief) */
  int lang; /* LANG_* of the texts */
  int pdf_standard; /* qujat_request.pdf_standard */
  const struct service *service;
  struct date date;
  const struct edition *edition;

  const char *applicant; /* "SMITH JOHN", or NULL without a profile */

  struct ritem *items;
  size_t nitems;
  struct romitted *omitted;
  size_t nomitted;

  struct rfee *fees;
  size_t nfees;
  int64_t total;      /* the sum of the counted fees */
  int total_complete; /* 0 when a fee is not stated by the source or the
                         MCI of the year is not in the data */
  int mci_missing;    /* the year whose MCI the data lacks, or 0 */
  /* The warning that the date is past the newest edition (also among the
   * warnings), or NULL. */
  const char *past_edition;

  const char *timeframe;
  struct rdate *dates;
  size_t ndates;
  int working_days; /* a date counts working days by the calendar */
  const char **warnings; /* at most QUJAT_MAX_WARNINGS */
  size_t nwarnings;
  const struct note **notes;
  size_t nnotes;
  struct rstep *steps;
  size_t nsteps;

  /* Fee slips (QUJAT_DOC_FEES). */
  const char *reference; /* "QJ-XXXXX-XXXXX" */
  const char *in_words;  /* the total in words */
  struct qr qr;          /* the reference and the total, scannable */

  /* Fines (QUJAT_DOC_FINE): the fine, the band that applies, what chose
   * it, and the MCI of the date's year. */
  const struct fine *fine;
  const struct fine_band *band;
  int days;
  enum business_size size;

  /* Letters (QUJAT_DOC_LETTER). */
  struct rletter *letter;

  /* kk+ru: the Russian twin, built from the same request. */
  struct qujat_document *pair;
};

/* Internal steps of qujat_document_build() (rules_fees.c, rules_dates.c). */
struct xpath_env;
qujat_status qujat_rules_fees(struct qujat_document *d, struct xpath_env *env,
                              qujat_error *err);
qujat_status qujat_rules_dates(struct qujat_document *d, qujat_error *err);
/* Checklists: the entry regime of the applicant's citizenship, the host's
 * notification deadline and the last day of a visa-free stay from the
 * profile's <travel>, the expected ready date (rules_travel.c). */
qujat_status qujat_rules_travel(struct qujat_document *d, qujat_error *err);
/* Checklists: the requested category, entries and period against the
 * visa categories data, as warnings (rules_request.c). */
qujat_status qujat_rules_request(struct qujat_document *d, qujat_error *err);

struct cal_missing;
/* rules_dates.c: a date (or, with `text`, an answer in words) under the
 * label of locale `key`; a warning from a locale key; the warnings for the
 * years without a calendar. */
qujat_status qujat_doc_add_date(struct qujat_document *d, const char *key,
                                const struct farg *args, size_t nargs,
                                struct date x, const char *text,
                                const char *note, qujat_error *err);
qujat_status qujat_doc_warn_key(struct qujat_document *d, const char *key,
                                const struct farg *args, size_t nargs,
                                qujat_error *err);
qujat_status qujat_doc_calendar_missing(struct qujat_document *d,
                                        const struct cal_missing *m,
                                        qujat_error *err);

qujat_status qujat_rules_letter(struct qujat_document *d,
                                const qujat_request *req, qujat_error *err);
qujat_status qujat_rules_fine(struct qujat_document *d,
                              const qujat_request *req, qujat_error *err);
/* The reference and the total in words of a fee slip (fees_xml.c). */
qujat_status qujat_rules_slip(struct qujat_document *d, qujat_error *err);

/* The state fee line's MCI or the fine's: the MCI of the document date's
 * year; QUJAT_ERR_RULE for a year before the first MCI of the data. For a
 * later year the data lacks, *out is NULL: the document is marked
 * (mci_missing, total_complete = 0) and warned once, and the caller shows
 * the amount in MCI only. Never a guessed value. */
qujat_status qujat_mci_of_year(struct qujat_document *d,
                               const struct mci **out, qujat_error *err);

/* Prices the line `r` at `mci_centi` hundredths of the MCI of the year
 * (qujat_mci_of_year): mci_centi, mci_tiyn, mci_year and unit_tiyn. Where
 * the data lacks that MCI, mci_centi, mci_unknown and mci_year (the
 * document's) only. Shared by the state fee and the fine. */
qujat_status qujat_fee_in_mci(struct qujat_document *d, struct rfee *r,
                              int64_t mci_centi, qujat_error *err);

/* Appends a formatted warning to the document. */
qujat_status qujat_doc_warn(struct qujat_document *d, const char *text);

/* "SMITH JOHN" for a person; "SMITH JANE (spouse)" with `relation`. */
const char *qujat_person_name(struct qujat_document *d,
                              const struct person *p, int with_relation);

/* Appends "SMITH JOHN", the person's surname and given names, to `b`. */
qujat_status qujat_person_name_add(struct buf *b, const struct person *p);

/* The fee slip's reference, payees and XML twin (fees_xml.c). */

/* "service", "personal-manager", "priority", "walk-in", "state", "fine". */
const char *qujat_fee_kind_id(enum fee_kind k);

/* Who is paid, in principle: "expat-centre" or "state-budget". */
const char *qujat_fee_payee_id(enum fee_kind k);

/* The fee slip as XML (urn:qujat:fees:1), appended to `b`. */
qujat_status qujat_fees_xml(const struct qujat_document *d, struct buf *b);

/* Working days by the calendar (rules_calendar.c). The years whose
 * calendar the data lacks, met while counting (Monday to Friday then). */
#define CAL_MISSING_MAX 4
struct cal_missing {
  int years[CAL_MISSING_MAX];
  size_t n;
};

/* Whether `d` is a working day; a year without calendar data is noted in
 * `missing` (may be NULL) and counted Monday to Friday. */
int qujat_is_working_day(const struct qujat_catalog *cat, struct date d,
                         struct cal_missing *missing);

/* The `n`-th working day after `d` (before it when n < 0); n = 0 gives
 * `d`. */
struct date qujat_add_working_days(const struct qujat_catalog *cat,
                                   struct date d, int n,
                                   struct cal_missing *missing);

/* The days off article 5 of the Law "On holidays" moves in `c`'s year. */
size_t qujat_calendar_moved(const struct calendar *c, struct date *out,
                            size_t cap);

/* Entry regimes (rules_regime.c): where a country appears. */
struct regime_hit {
  const struct country_list *list;
  const struct list_member *member;
  int ambiguous; /* the source's name may mean another country too */
  int covered;   /* the row names another country and covers this one */
};

#define MAX_REGIME_HITS 16

/* The lists of `cat` that name `code`, in data order. */
size_t qujat_regime_hits(const struct qujat_catalog *cat, const char *code,
                         struct regime_hit *out, size_t cap);

/* The stay rule of a hit: the member's own, else its list's. */
const struct stay_rule *qujat_hit_stay(const struct regime_hit *h);

/* The visa-free hit whose stay rule applies to `code` (the first
 * visa-free list naming it), or NULL. */
const struct regime_hit *qujat_regime_visa_free(const struct regime_hit *v,
                                                size_t n);

/* The stay calculator. Trips count every day from entry to exit, both
 * included. */
struct trip {
  struct date entry, exit;
};

/* Days of `trips` inside [from, to]. */
int qujat_days_in(const struct trip *trips, size_t n, struct date from,
                  struct date to);

/* The last day a stay starting on `start` may last under `rule`, given the
 * past `trips`; 0 when even `start` would break the rule (then `*last` is
 * untouched). */
int qujat_last_legal_day(const struct stay_rule *rule,
                         const struct trip *trips, size_t n,
                         struct date start, struct date *last);

/* The stay rule `s` in words of language `lang` (LANG_*), its parts joined
 * by "; "; with `alternatives`, also "or for the term of the visa / TRP"
 * (rules_travel.c). Errors: QUJAT_ERR_LOCALE, QUJAT_ERR_NOMEM. */
qujat_status qujat_stay_words(const struct qujat_catalog *c, int lang,
                              const struct stay_rule *s, int alternatives,
                              char *dst, size_t size, qujat_error *err);

#endif
