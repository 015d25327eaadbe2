/* SPDX-License-Identifier: MIT */
/*
 * qujat — personalised immigration papers for Kazakhstan.
 *
 * The only public header of libqujat. A program loads the data directory
 * once (qujat_catalog_load_dir), optionally loads an applicant profile
 * (qujat_profile_load_file), builds one resolved document for a service, a
 * language and a date (qujat_document_build) and renders it as text, JSON or
 * PDF (qujat_render_*).
 *
 * Conventions, as in cmark.h and curl:
 *  - Objects come in _load/_build and _free pairs; _free(NULL) is a no-op.
 *  - A returned `const char *` is borrowed and lives as long as its parent.
 *  - A returned `char *` or byte buffer is owned by the caller and released
 *    with qujat_free().
 *  - Every fallible call returns a qujat_status and fills the optional
 *    caller-owned qujat_error (which may be NULL) with the location and a
 *    message. The library never prints and never exits.
 *  - Handles are safe to share between threads for reading once loaded; a
 *    qujat_document belongs to the thread that built it.
 */
#ifndef QUJAT_H
#define QUJAT_H

#include <stddef.h>

#include "qujat/qujat_export.h"
#include "qujat/qujat_version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Status codes and errors
 * ------------------------------------------------------------------------ */

/**
 * Result of every fallible call. Append-only: new codes are added last and
 * no code is ever renumbered or removed.
 */
typedef enum qujat_status {
  QUJAT_OK = 0,
  QUJAT_ERR_NOMEM,   /**< out of memory */
  QUJAT_ERR_IO,      /**< a file could not be read or written */
  QUJAT_ERR_XML,     /**< not well-formed XML, a DOCTYPE, bad UTF-8 */
  QUJAT_ERR_CATALOG, /**< schema or semantic error in catalog or profile */
  QUJAT_ERR_RULE,    /**< the rules cannot give an answer (date not covered) */
  QUJAT_ERR_LOCALE,  /**< a locale string is missing */
  QUJAT_ERR_FONT,    /**< a font is missing, corrupt or lacks a glyph */
  QUJAT_ERR_PDF,     /**< libharu reported an error */
  QUJAT_ERR_LIMIT,   /**< a size, depth or count cap was hit */
  QUJAT_ERR_ARG      /**< an argument is invalid (unknown service...) */
} qujat_status;

/** Length of qujat_error.msg, including the terminating NUL. */
#define QUJAT_ERROR_MSG_SIZE 256
/** Length of qujat_error.file, including the terminating NUL. */
#define QUJAT_ERROR_FILE_SIZE 256

/**
 * Details of a failure, owned by the caller (curl's ERRORBUFFER idea with
 * libxml2-style locations). `file` is empty and `line` is 0 when the error
 * has no place in a file.
 */
typedef struct qujat_error {
  qujat_status code;
  char file[QUJAT_ERROR_FILE_SIZE];
  int line;
  int column;
  char msg[QUJAT_ERROR_MSG_SIZE];
} qujat_error;

/** A static English description of `code`; never NULL. */
QUJAT_EXPORT const char *qujat_strerror(qujat_status code);

/** Releases a buffer returned by a qujat_render_* call. NULL is a no-op. */
QUJAT_EXPORT void qujat_free(void *ptr);

/** The library version as "MAJOR.MINOR.PATCH". */
QUJAT_EXPORT const char *qujat_version(void);

/**
 * The version of the library actually linked, as QUJAT_VERSION_NUMBER
 * gives it at compile time: (MAJOR << 16) | (MINOR << 8) | PATCH. While
 * MAJOR is 0 every MINOR release may change the ABI (the SONAME carries
 * it: libqujat.so.0.1); a program can check at start-up:
 *
 *     if ((qujat_version_number() >> 8) != (QUJAT_VERSION_NUMBER >> 8))
 *       ... built against another minor version ...
 */
QUJAT_EXPORT int qujat_version_number(void);

/**
 * The data directory (services/, locales/, fonts/, templates/) of the
 * installed library, for qujat_catalog_load_dir(): the directory
 * `share/qujat` of the tree the library was installed into, found next to
 * the library (or the program it is linked into) so that a moved install
 * tree still finds its data, else the directory the build configured
 * (e.g. /usr/share/qujat). The library never reads the environment for it;
 * programs may prefer their own setting (the qujat command: --data DIR,
 * QUJAT_DATA_DIR). Never NULL; a static string.
 */
QUJAT_EXPORT const char *qujat_default_data_dir(void);

/**
 * Whether `dir` looks like a qujat data directory (it has
 * services/catalog.xsd, a regular file): a cheap test before
 * qujat_catalog_load_dir(), which checks everything. 1 or 0.
 */
QUJAT_EXPORT int qujat_is_data_dir(const char *dir);

/* ------------------------------------------------------------------------
 * Languages
 * ------------------------------------------------------------------------ */

/**
 * Output languages. KK_RU puts Kazakh and Russian side by side (PDF). The
 * zero value is the default language, English, so that a request filled
 * from QUJAT_REQUEST_INIT without a language is in English.
 */
typedef enum qujat_lang {
  QUJAT_LANG_EN = 0,
  QUJAT_LANG_KK,
  QUJAT_LANG_RU,
  QUJAT_LANG_KK_RU
} qujat_lang;

/**
 * Parses "kk", "ru", "en" or "kk+ru" into `*out`.
 * Returns QUJAT_OK, or QUJAT_ERR_ARG for any other string.
 */
QUJAT_EXPORT qujat_status qujat_lang_parse(const char *s, qujat_lang *out);

/** "kk", "ru", "en" or "kk+ru". */
QUJAT_EXPORT const char *qujat_lang_code(qujat_lang lang);

/**
 * Checks that `s` is a calendar date written "YYYY-MM-DD" (years from
 * 1900). Returns QUJAT_OK or QUJAT_ERR_ARG.
 */
QUJAT_EXPORT qujat_status qujat_date_check(const char *s);

/* ------------------------------------------------------------------------
 * Catalog: services, documents, fees, locales
 * ------------------------------------------------------------------------ */

typedef struct qujat_catalog qujat_catalog;

/**
 * Loads the data directory `dir`: every `services/ *.xml` file, validated
 * against `services/catalog.xsd`; the locale files `locales/{kk,ru,en}.xml`;
 * and the profile schema `services/profile.xsd`, compiled when a profile is
 * first loaded. Every XML file is parsed without network access, DTDs or
 * entities. The model of a directory's data is kept in the user's cache
 * directory ($QUJAT_CACHE_DIR, else $XDG_CACHE_HOME/qujat, else
 * ~/.cache/qujat; empty: none), named by the SHA-256 of every file, and
 * read from there while the files stay the same (man qujat, FILES).
 *
 * On success `*out` owns everything; release it with qujat_catalog_free().
 * Errors: QUJAT_ERR_IO (unreadable directory or file), QUJAT_ERR_XML,
 * QUJAT_ERR_CATALOG (schema or semantics, with file:line), QUJAT_ERR_LOCALE,
 * QUJAT_ERR_LIMIT, QUJAT_ERR_NOMEM.
 */
QUJAT_EXPORT qujat_status qujat_catalog_load_dir(const char *dir,
                                                 qujat_catalog **out,
                                                 qujat_error *err);

/**
 * Loads one catalog document from memory, without a schema and without
 * locales (for tests and fuzzing). `name` is used in error messages and may
 * be NULL. The semantic checks of qujat_catalog_load_dir() all apply.
 * Ownership and errors as for qujat_catalog_load_dir().
 */
QUJAT_EXPORT qujat_status qujat_catalog_load_memory(const char *xml,
                                                    size_t len,
                                                    const char *name,
                                                    qujat_catalog **out,
                                                    qujat_error *err);

/** Frees a catalog and everything borrowed from it. NULL is a no-op. */
QUJAT_EXPORT void qujat_catalog_free(qujat_catalog *cat);

/** The data directory the catalog was loaded from ("" from memory). */
QUJAT_EXPORT const char *qujat_catalog_data_dir(const qujat_catalog *cat);

/** Number of services, in guidebook order. */
QUJAT_EXPORT size_t qujat_catalog_service_count(const qujat_catalog *cat);

/** Id of service `i` (0-based), e.g. "work-visa-in-kz"; NULL if out of range. */
QUJAT_EXPORT const char *qujat_catalog_service_id(const qujat_catalog *cat,
                                                  size_t i);

/**
 * Title of service `i` in `lang` (KK_RU gives the Kazakh title); NULL if out
 * of range. Borrowed from the catalog.
 */
QUJAT_EXPORT const char *qujat_catalog_service_title(const qujat_catalog *cat,
                                                     size_t i, qujat_lang lang);

/**
 * Title of the guidebook section (group) of service `i` in `lang`, e.g.
 * "Employment visa"; NULL if out of range.
 */
QUJAT_EXPORT const char *qujat_catalog_service_group(const qujat_catalog *cat,
                                                     size_t i, qujat_lang lang);

/**
 * Number of editions of the guidebook (price lists) in the data, in the
 * order of the catalog. The newest stays in force after its year until a
 * newer one is added.
 */
QUJAT_EXPORT size_t qujat_catalog_edition_count(const qujat_catalog *cat);

/** Id of edition `i` (0-based), e.g. "2026"; NULL if out of range. */
QUJAT_EXPORT const char *qujat_catalog_edition_id(const qujat_catalog *cat,
                                                  size_t i);

/** Number of years whose MCI (monthly calculation index) the data gives. */
QUJAT_EXPORT size_t qujat_catalog_mci_count(const qujat_catalog *cat);

/** The year of MCI `i` (0-based), e.g. 2026; 0 if out of range. */
QUJAT_EXPORT int qujat_catalog_mci_year(const qujat_catalog *cat, size_t i);

/** Index of the service with id `id`, or -1. */
QUJAT_EXPORT long qujat_catalog_find_service(const qujat_catalog *cat,
                                             const char *id);

/**
 * The profile facts that decide the checklist and the fees of `service`,
 * read from the catalog: the location paths of the XPath conditions its
 * documents and fees use, the options its fee tables offer
 * (personal manager, priority) and the date its filing window depends on.
 * One fact per line, in the order the service first uses them, as a path
 * in the profile without the root and the namespace prefix, followed by
 * "=" and the values the conditions compare it with, separated by "|":
 *
 *     company/@form=branch|representative-office
 *     filing/@by-representative=true
 *     dependant
 *     dependant/@relation=child
 *     dependant/@birth-date
 *
 * A form built from this list asks only the questions that change the
 * result (qujat serve does). On success `*out` (`*len` bytes, NUL
 * terminated, may be empty) is owned by the caller (qujat_free).
 * Errors: QUJAT_ERR_ARG (unknown service), QUJAT_ERR_NOMEM.
 */
QUJAT_EXPORT qujat_status qujat_catalog_service_facts(const qujat_catalog *cat,
                                                      const char *service,
                                                      char **out, size_t *len,
                                                      qujat_error *err);

/**
 * The user-interface string `key` of locales/LANG.xml (KK_RU gives the
 * Kazakh one), e.g. for a program that builds its own pages on the
 * catalog's vocabulary; NULL when the key is missing. Borrowed from the
 * catalog.
 */
QUJAT_EXPORT const char *qujat_catalog_string(const qujat_catalog *cat,
                                              qujat_lang lang,
                                              const char *key);

/* ------------------------------------------------------------------------
 * Validation
 * ------------------------------------------------------------------------ */

/**
 * Called once per problem found by qujat_validate_file(); `e` is only valid
 * during the call.
 */
typedef void (*qujat_diag_fn)(const qujat_error *e, void *user);

/**
 * Checks one XML file against the schema its root element names: a catalog
 * file (urn:qujat:catalog:1, checked against `services/catalog.xsd` and the
 * loader's semantic rules as far as a single file allows) or a profile
 * (urn:qujat:profile:1). Every problem is passed to `diag` (which may be
 * NULL); the first one is also stored in `err`.
 * Returns QUJAT_OK when the file is valid, otherwise the code of the first
 * problem.
 */
QUJAT_EXPORT qujat_status qujat_validate_file(const qujat_catalog *cat,
                                              const char *path,
                                              qujat_diag_fn diag, void *user,
                                              qujat_error *err);

/* ------------------------------------------------------------------------
 * Profiles: who the papers are for
 * ------------------------------------------------------------------------ */

typedef struct qujat_profile qujat_profile;

/**
 * Loads an applicant profile (urn:qujat:profile:1) from `path` and validates
 * it against the profile schema of `cat` (when `cat` was loaded from a
 * directory) and the checks of the profile loader (dates, names, limits).
 * Release `*out` with qujat_profile_free().
 * Errors: QUJAT_ERR_IO, QUJAT_ERR_XML, QUJAT_ERR_CATALOG, QUJAT_ERR_LIMIT,
 * QUJAT_ERR_NOMEM.
 */
QUJAT_EXPORT qujat_status qujat_profile_load_file(const qujat_catalog *cat,
                                                  const char *path,
                                                  qujat_profile **out,
                                                  qujat_error *err);

/** As qujat_profile_load_file(), from memory; `name` names it in errors. */
QUJAT_EXPORT qujat_status qujat_profile_load_memory(const qujat_catalog *cat,
                                                    const char *xml, size_t len,
                                                    const char *name,
                                                    qujat_profile **out,
                                                    qujat_error *err);

/** Frees a profile. NULL is a no-op. */
QUJAT_EXPORT void qujat_profile_free(qujat_profile *profile);

/* ------------------------------------------------------------------------
 * Documents: one service, one applicant, one language, one date
 * ------------------------------------------------------------------------ */

/** The papers qujat produces. */
typedef enum qujat_doc_kind {
  QUJAT_DOC_CHECKLIST = 0, /**< what to bring, fees, dates, notes */
  QUJAT_DOC_SERVICE,       /**< the whole service as the source gives it */
  QUJAT_DOC_FEES,          /**< a fee slip: what to pay, to whom, in words */
  QUJAT_DOC_FINE,          /**< an administrative fine (no service) */
  QUJAT_DOC_LETTER         /**< the invitation / request letter draft */
} qujat_doc_kind;

/** Sizes of a business, which set some fines. */
typedef enum qujat_business_size {
  QUJAT_SIZE_NONE = 0,
  QUJAT_SIZE_SMALL,
  QUJAT_SIZE_MEDIUM,
  QUJAT_SIZE_LARGE
} qujat_business_size;

/** What standard a PDF follows. */
typedef enum qujat_pdf_standard {
  /** The library's choice: today QUJAT_PDF_NONE, because the archival
   * PDF costs more than 15 % in size and time (bench/README.md). */
  QUJAT_PDF_STANDARD_DEFAULT = 0,
  /** The plain PDF 1.3: the smallest file, untagged, no metadata stream,
   * no output intent. */
  QUJAT_PDF_NONE,
  /** Archival and tagged: PDF/A-2b for checklists, letters and fines,
   * PDF/A-3b for fee slips (the XML twin is an associated file); XMP
   * metadata, an sRGB output intent, a trailer /ID from the content,
   * PDF 1.7, a structure tree in reading order (kk+ru: each Kazakh item
   * before its Russian twin) with /Lang per column. */
  QUJAT_PDF_ARCHIVAL
} qujat_pdf_standard;

/**
 * What to build. Initialise with QUJAT_REQUEST_INIT, which sets `size` (the
 * rest zero), then fill in:
 *
 *     qujat_request req = QUJAT_REQUEST_INIT;
 *     req.kind = QUJAT_DOC_CHECKLIST;
 *
 * New fields are only ever added at the end; `struct_size` tells the library which
 * of them the caller knows (the others count as zero), so a program built
 * against an older header keeps working. A `struct_size` of 0 or larger than the
 * library knows is QUJAT_ERR_ARG.
 */
typedef struct qujat_request {
  /** sizeof(qujat_request), as QUJAT_REQUEST_INIT sets it */
  size_t struct_size;
  qujat_doc_kind kind;
  const char *service;          /**< a service id, e.g. "work-visa-in-kz" */
  const qujat_profile *profile; /**< may be NULL: a generic checklist */
  qujat_lang lang;
  const char *date; /**< "YYYY-MM-DD": the date of the document */
  /* QUJAT_DOC_FINE only: */
  const char *fine;              /**< a fine id, e.g. "late-notification" */
  int days;                      /**< days late, for fines by days */
  qujat_business_size size;      /**< for fines by business size */
  /* QUJAT_DOC_LETTER only: */
  int copies; /**< marked copies in one PDF, 1..10; 0 means 2 */
  /* QUJAT_DOC_CHECKLIST only: */
  /** The short form for the window, one page for most applicants: the
   * documents with their reasons, the fees, the timeframe and the dates;
   * the documents not needed, the steps and the notes are left out of
   * the text and PDF (JSON keeps everything). */
  int brief;
  /* Added after 0.1 (a caller's struct_size may end before them: zero). */
  /* QUJAT_DOC_LETTER only: */
  /** Print a free text of the profile (a purpose, an address) given only
   * in another language than the letter's, with a warning, instead of
   * failing with QUJAT_ERR_RULE. */
  int allow_mixed_language;
  /** Leave the letterhead out (room left for it): for the company's
   * pre-printed paper. */
  int no_letterhead;
  /** PDFs: QUJAT_PDF_STANDARD_DEFAULT (0), QUJAT_PDF_NONE or
   * QUJAT_PDF_ARCHIVAL. */
  qujat_pdf_standard pdf_standard;
} qujat_request;

/** The initialiser of a qujat_request: its struct_size, the rest zero. */
#define QUJAT_REQUEST_INIT {.struct_size = sizeof(qujat_request)}

typedef struct qujat_document qujat_document;

/**
 * Applies the rules of the catalog to the request: which documents apply
 * and why, the fees of the edition in force on the date with the MCI of its
 * year, the timeframe, the dates that matter and the warnings.
 * Release `*out` with qujat_document_free(); it borrows from `cat` and
 * `req->profile`, which must outlive it.
 * Errors: QUJAT_ERR_ARG (unknown service, bad date), QUJAT_ERR_RULE (the
 * data does not cover the date; contradictory options), QUJAT_ERR_LOCALE,
 * QUJAT_ERR_NOMEM.
 */
QUJAT_EXPORT qujat_status qujat_document_build(const qujat_catalog *cat,
                                               const qujat_request *req,
                                               qujat_document **out,
                                               qujat_error *err);

/** Frees a document. NULL is a no-op. */
QUJAT_EXPORT void qujat_document_free(qujat_document *doc);

/**
 * Checks what a letter (QUJAT_DOC_LETTER) needs before anything is
 * written: the profile has every fact the letter states, the requested
 * visa category and entries fit the service, the period fits what the
 * digest says of the category and what the Expat Centre arranges, every
 * passport is valid at least 3 months after the visa ends, names are in
 * Latin letters, citizenships are known countries. Every problem goes to
 * `diag` (may be NULL) with the profile's file and line; the first is also
 * stored in `err`. Returns QUJAT_OK when the letter can be written
 * (qujat_document_build then gives its warnings), else QUJAT_ERR_RULE, or
 * QUJAT_ERR_ARG for a service that has no letter or a missing profile.
 */
QUJAT_EXPORT qujat_status qujat_letter_check(const qujat_catalog *cat,
                                             const qujat_request *req,
                                             qujat_diag_fn diag, void *user,
                                             qujat_error *err);

/**
 * The reference of a fee slip (QUJAT_DOC_FEES), e.g. "QJ-7K2MX-Q9B4T":
 * derived from the content, so the same input and date give the same
 * reference. NULL for other documents. Borrowed from `doc`.
 */
QUJAT_EXPORT const char *qujat_document_reference(const qujat_document *doc);

/** Number of warnings a person should see (e.g. passport validity). */
QUJAT_EXPORT size_t qujat_document_warning_count(const qujat_document *doc);

/** Warning `i` in the document's language; NULL if out of range. */
QUJAT_EXPORT const char *qujat_document_warning(const qujat_document *doc,
                                                size_t i);

/* ------------------------------------------------------------------------
 * Rendering
 * ------------------------------------------------------------------------ */

/**
 * Renders `doc` as plain UTF-8 text wrapped at 78 columns. On success
 * `*out` is a NUL-terminated buffer of `*len` bytes (len may be NULL) owned
 * by the caller (qujat_free). Errors: QUJAT_ERR_ARG (kk+ru), QUJAT_ERR_NOMEM,
 * QUJAT_ERR_LIMIT.
 */
QUJAT_EXPORT qujat_status qujat_render_text(const qujat_document *doc,
                                            char **out, size_t *len,
                                            qujat_error *err);

/**
 * Renders `doc` as one JSON object (see DESIGN.md for its shape), followed
 * by a newline. Ownership and errors as for qujat_render_text().
 */
QUJAT_EXPORT qujat_status qujat_render_json(const qujat_document *doc,
                                            char **out, size_t *len,
                                            qujat_error *err);

/**
 * Renders `doc` as an HTML fragment for a web page: one
 * `<section class="q-doc" lang="..">` (two for kk+ru, Kazakh first) with
 * the same content as the PDF (headings, the numbered documents with whom
 * they are for and why, fee lines and total, dates, steps, notes), every
 * text escaped, no style or script. Ownership and errors as for
 * qujat_render_text().
 */
QUJAT_EXPORT qujat_status qujat_render_html(const qujat_document *doc,
                                            char **out, size_t *len,
                                            qujat_error *err);

/**
 * Renders `doc` as an A4 PDF in memory with the bundled fonts (every
 * Kazakh letter), a box to tick for each document, page numbers "1 / 2",
 * metadata (title, subject, language, creator) and a ToUnicode map that
 * makes text extraction exact. kk+ru documents come out in two columns.
 * The same document gives the same bytes. On success `*out` (`*len` bytes)
 * is owned by the caller (qujat_free).
 * Errors: QUJAT_ERR_FONT (fonts missing, damaged or lacking a glyph),
 * QUJAT_ERR_PDF, QUJAT_ERR_NOMEM, QUJAT_ERR_LIMIT, QUJAT_ERR_LOCALE.
 */
QUJAT_EXPORT qujat_status qujat_render_pdf_memory(const qujat_document *doc,
                                                  unsigned char **out,
                                                  size_t *len,
                                                  qujat_error *err);

/**
 * Renders `doc` as PDF into the file `path`, atomically (see
 * qujat_write_file): after an error no file exists under that name.
 * Errors: those of qujat_render_pdf_memory() and QUJAT_ERR_IO.
 */
QUJAT_EXPORT qujat_status qujat_render_pdf_file(const qujat_document *doc,
                                                const char *path,
                                                qujat_error *err);

/**
 * Renders the list of services of `cat` in `lang`: as text grouped by
 * guidebook section (`json` = 0), or as a JSON array of objects with "id",
 * "group", "section" and "title". Ownership and errors as for
 * qujat_render_text().
 */
QUJAT_EXPORT qujat_status qujat_render_list(const qujat_catalog *cat,
                                            qujat_lang lang, int json,
                                            char **out, size_t *len,
                                            qujat_error *err);

/* ------------------------------------------------------------------------
 * Entry regimes, the stay calculator, visa categories (issue 14)
 * ------------------------------------------------------------------------ */

/**
 * Renders what the data says of entering Kazakhstan as a citizen of
 * `country` (an ISO 3166-1 alpha-2 code or a country name in Kazakh,
 * Russian or English): visa-free entry and its stay rule, work, e-visa
 * eligibility per source, invitation, ETA, TRP instead of a visa, each
 * with its source and date, and where the sources disagree. `date` is
 * "YYYY-MM-DD". Text (`json` = 0) or one JSON object. Ownership and
 * errors as for qujat_render_text(); QUJAT_ERR_ARG for an unknown country.
 */
QUJAT_EXPORT qujat_status qujat_render_regime(const qujat_catalog *cat,
                                              const char *country,
                                              qujat_lang lang,
                                              const char *date, int json,
                                              char **out, size_t *len,
                                              qujat_error *err);

/** One stay in Kazakhstan: both days count. */
typedef struct qujat_trip {
  const char *entry; /**< "YYYY-MM-DD" */
  const char *exit;  /**< "YYYY-MM-DD", not before entry */
} qujat_trip;

/** What qujat_render_stay() computes. Zero-initialise and fill in. */
typedef struct qujat_stay_request {
  const char *citizenship; /**< code or name, as for qujat_render_regime */
  const qujat_trip *trips; /**< the stays made (at most 64, no overlaps) */
  size_t ntrips;
  const char *on;      /**< the day the window and year are counted to */
  const char *start;   /**< may be NULL: a stay starting that day */
  const char *exit_on; /**< may be NULL: leaving that day (needs start) */
  qujat_lang lang;
  int json;
} qujat_stay_request;

/**
 * The stay calculator under the visa-free regime of the citizenship: days
 * used in the rolling window and the calendar year up to `on`, days left,
 * the last legal day of a stay starting on `start`, and the overstay fine
 * (services/fines.xml, MCI of the exit year) when leaving on `exit_on`.
 * Ownership and errors as for qujat_render_text().
 */
QUJAT_EXPORT qujat_status qujat_render_stay(const qujat_catalog *cat,
                                            const qujat_stay_request *req,
                                            char **out, size_t *len,
                                            qujat_error *err);

/**
 * The visa categories with their terms (digest section 4) and the
 * in-country category-change matrix (4.1). Ownership and errors as for
 * qujat_render_text().
 */
QUJAT_EXPORT qujat_status qujat_render_categories(const qujat_catalog *cat,
                                                  qujat_lang lang, int json,
                                                  char **out, size_t *len,
                                                  qujat_error *err);

/* ------------------------------------------------------------------------
 * Files
 * ------------------------------------------------------------------------ */

/**
 * Writes `len` bytes to `path` so that `path` is either the complete new
 * file or untouched: the bytes go to a temporary file in the same
 * directory, every write is checked, the file is fsync'ed, then renamed
 * over `path`. On any failure (unwritable directory, full disk) the
 * temporary file is removed. Errors: QUJAT_ERR_IO (with the reason).
 */
QUJAT_EXPORT qujat_status qujat_write_file(const char *path, const void *data,
                                           size_t len, qujat_error *err);

/**
 * Checks that `pdf` (`len` bytes) is a complete PDF file as qujat writes
 * them: the header, a cross-reference table where startxref points, a
 * trailer with a /Root, "%%EOF" at the end, and a page tree. On success
 * `*pages` (may be NULL) is its number of pages. Used to trust an output
 * already on disk (qujat batch --resume). Errors: QUJAT_ERR_PDF (what is
 * missing or cut short).
 */
QUJAT_EXPORT qujat_status qujat_pdf_inspect(const unsigned char *pdf,
                                            size_t len, unsigned *pages,
                                            qujat_error *err);

/* ------------------------------------------------------------------------
 * Batches: many documents from one job file
 * ------------------------------------------------------------------------ */

/** What became of one job. */
typedef enum qujat_job_status {
  QUJAT_JOB_OK = 0,  /**< rendered and written */
  QUJAT_JOB_SKIPPED, /**< resume: a complete output was already there */
  QUJAT_JOB_ERROR    /**< nothing written for it; see `error` */
} qujat_job_status;

/** One finished job, as the manifest records it. Valid during the call. */
typedef struct qujat_job_result {
  const char *id;     /**< the job's id; "" when the job gives none */
  const char *source; /**< the job file */
  int line;           /**< where the job is in the job file */
  qujat_job_status status;
  const char *output; /**< relative to the output directory; may be NULL */
  size_t bytes;       /**< OK and SKIPPED: size of the PDF */
  unsigned pages;     /**< OK and SKIPPED: its pages */
  const char *sha256; /**< OK and SKIPPED: its SHA-256, 64 hex digits */
  const char *error;  /**< ERROR: what went wrong, with file and line */
  /** OK: what a person should see in the document (passport validity...),
   * in the document's language. */
  const char *const *warnings;
  size_t nwarnings;
} qujat_job_result;

/** Where a batch stands; also its summary at the end. */
typedef struct qujat_batch_progress {
  size_t total;   /**< jobs of this shard in the job file */
  size_t done;    /**< finished so far, whatever their status */
  size_t failed;  /**< QUJAT_JOB_ERROR among them */
  size_t skipped; /**< QUJAT_JOB_SKIPPED among them */
  double seconds; /**< since the batch started */
} qujat_batch_progress;

/**
 * How to run a batch. Initialise with QUJAT_BATCH_OPTIONS_INIT and fill in;
 * `struct_size` works as in qujat_request.
 */
typedef struct qujat_batch_options {
  size_t struct_size;  /**< sizeof(qujat_batch_options) */
  const char *jobs;    /**< the job file: XML (urn:qujat:jobs:1) or CSV */
  const char *out_dir; /**< where outputs go, created if missing; NULL: "." */
  /** The manifest; NULL: OUT_DIR/manifest.jsonl (manifest-K-of-N.jsonl for
   * a shard). A name ending in ".csv" gives CSV, anything else JSON lines.
   * It is written as FILE.part while the batch runs. */
  const char *manifest;
  /** CSV only: UTF-8, UTF-16, UTF-16LE, UTF-16BE, CP1251 or KZ-1048;
   * NULL detects it (byte order mark, UTF-16 zero bytes, valid UTF-8,
   * else the Cyrillic code page whose letters the bytes make). */
  const char *encoding;
  const char *date;     /**< for jobs that give none: "YYYY-MM-DD" */
  unsigned threads;     /**< rendering threads; 0: one per processor */
  int resume;           /**< skip jobs whose output is complete already */
  unsigned shard;       /**< 1..shards: take jobs shard, shard + shards...*/
  unsigned shards;      /**< 0: no sharding */
  int sync_each;        /**< fsync every output, not just once at the end */
  /** Called for every finished job, in job-file order, from the thread
   * that called qujat_batch_run(). May be NULL. */
  void (*on_job)(const qujat_job_result *result, void *user);
  /** Called about five times a second while jobs run. May be NULL. */
  void (*on_progress)(const qujat_batch_progress *progress, void *user);
  void *user;
  /** Profiles a job file names stay inside its directory (no absolute
   * path, no "..", no symbolic link out of it) unless this is set. */
  int allow_outside_profiles;
  /** The PDFs' standard, as qujat_request.pdf_standard. */
  qujat_pdf_standard pdf_standard;
} qujat_batch_options;

/** The initialiser of a qujat_batch_options: its struct_size, the rest
 * zero. */
#define QUJAT_BATCH_OPTIONS_INIT {.struct_size = sizeof(qujat_batch_options)}

/**
 * Renders every job of the job file `opt->jobs` (checklists, letters, fee
 * slips) into `opt->out_dir`, on `opt->threads` threads, and writes the
 * manifest: one line per job with its status, output, size, pages and
 * SHA-256 or its error. The job file is streamed (read twice: once to
 * check it and count, once to run). A bad job (unknown service, missing
 * profile, an output name that would leave the output directory, two jobs
 * with one output...) ends as an error line and the batch goes on. Each
 * output is written under a temporary name and renamed when complete.
 * The same job file and date give the same bytes, whatever the threads.
 * `*summary` (may be NULL) receives the final counts.
 * Returns QUJAT_OK when every job has its line in the manifest (check
 * summary->failed); otherwise the batch could not run: QUJAT_ERR_IO (job
 * file, output directory or manifest), QUJAT_ERR_XML (the job file is not
 * well-formed XML, or not UTF-8), QUJAT_ERR_ARG (bad options, unknown CSV
 * columns or encoding), QUJAT_ERR_NOMEM.
 */
QUJAT_EXPORT qujat_status qujat_batch_run(const qujat_catalog *cat,
                                          const qujat_batch_options *opt,
                                          qujat_batch_progress *summary,
                                          qujat_error *err);

#ifdef __cplusplus
}
#endif

#endif /* QUJAT_H */
