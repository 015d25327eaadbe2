/* SPDX-License-Identifier: MIT */
/*
 * The base module: what every other module builds on, knowing nothing of
 * visas or PDFs. Errors (qujat_error), the string arena, capped growable
 * buffers, strict UTF-8, calendar dates, money in tiyn and in words, JSON
 * string writing, QR matrices and atomic file writing. It includes only the
 * C library, libqrencode (base/qr.c) and the public header.
 */
#ifndef QUJAT_BASE_BASE_H
#define QUJAT_BASE_BASE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "qujat/qujat.h"

/* The three languages every text exists in, in catalog order (the
 * index of a text in every table of three). */
enum { LANG_KK = 0, LANG_RU = 1, LANG_EN = 2, NLANGS = 3 };

/* Filling the caller-owned qujat_error. */

#if defined(__GNUC__)
#define QUJAT_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define QUJAT_PRINTF(fmt, args)
#endif

/*
 * Records `code` with a formatted message and an optional place in a file
 * (file may be NULL, line 0 means "no line") and returns `code`, so that a
 * failing path reads `return qujat_err_set(err, ...);`. `err` may be NULL.
 */
qujat_status qujat_err_set(qujat_error *err, qujat_status code,
                           const char *file, int line, int column,
                           const char *fmt, ...) QUJAT_PRINTF(6, 7);

/* Clears `err` to QUJAT_OK. `err` may be NULL. */
void qujat_err_clear(qujat_error *err);

/* Jump to the function's single cleanup label when `expr` is not QUJAT_OK
 * (md4c's MD_CHECK). The function must declare `qujat_status st` and a label
 * `done`. */
#define CHECK(expr)                                                            \
  do {                                                                         \
    st = (expr);                                                               \
    if (st != QUJAT_OK)                                                        \
      goto done;                                                               \
  } while (0)

/* In unit tests file-local helpers are visible (curl's UNITTEST). */
#ifdef QUJAT_UNITTEST
#define UNITTEST
#else
#define UNITTEST static
#endif

/*
 * A string arena: the catalog and each document allocate their strings and
 * small records here and drop them all at once.
 */

struct arena_block;

struct arena {
  struct arena_block *head;
  int failed; /* an allocation failed: checked once at the end of a load */
};

void qujat_arena_init(struct arena *a);
void qujat_arena_free(struct arena *a);
/* Zeroed, max_align_t-aligned memory; NULL when out of memory. */
void *qujat_arena_alloc(struct arena *a, size_t size);
/* A NUL-terminated copy of `len` bytes of `s`; NULL when out of memory. */
char *qujat_arena_strndup(struct arena *a, const char *s, size_t len);
char *qujat_arena_strdup(struct arena *a, const char *s);

/*
 * A growable byte buffer with a hard cap (curl's dynbuf): appending past the
 * cap fails with QUJAT_ERR_LIMIT instead of growing without bound. The
 * contents are always NUL-terminated.
 */

struct buf {
  char *data;
  size_t len;
  size_t cap;   /* allocated bytes */
  size_t limit; /* maximum len */
};

/* Default cap for rendered text and JSON: far above any real document. */
#define QUJAT_BUF_DEFAULT_LIMIT ((size_t)64 * 1024 * 1024)

void qujat_buf_init(struct buf *b, size_t limit);
void qujat_buf_free(struct buf *b);
void qujat_buf_reset(struct buf *b);
qujat_status qujat_buf_add(struct buf *b, const void *data, size_t len);
qujat_status qujat_buf_adds(struct buf *b, const char *s);
qujat_status qujat_buf_addc(struct buf *b, char c);
qujat_status qujat_buf_addf(struct buf *b, const char *fmt, ...)
    QUJAT_PRINTF(2, 3);
/* Appends `n` copies of byte `c`. */
qujat_status qujat_buf_fill(struct buf *b, char c, size_t n);
/* Hands the data over to the caller (free with free()) and resets `b`. */
char *qujat_buf_take(struct buf *b, size_t *len);
/* Appends `v` in decimal: what "%llu" ("%lld") prints, without printf's
 * cost (several hundred instructions a call) in the hot paths. */
qujat_status qujat_buf_add_uint(struct buf *b, unsigned long long v);
qujat_status qujat_buf_add_int(struct buf *b, long long v);

/* `v` in decimal with at least `width` digits (zeros before), as "%0*llu"
 * prints it, NUL-terminated in `out`; returns its length. */
#define QUJAT_UINT_TEXT 24
size_t qujat_uint_text(char out[QUJAT_UINT_TEXT], unsigned long long v,
                       int width);
/* `v` in decimal, as "%lld" prints it, NUL-terminated in `out` (room for
 * the sign: 21 bytes at most); returns its length. */
size_t qujat_int_text(char out[QUJAT_UINT_TEXT], long long v);

/* Room for one more element in the array `v` of `*cap` elements of `size`
 * bytes that holds `n`: when it is full, reallocated to twice the
 * capacity (`first` elements the first time) and `*cap` updated. Returns
 * the array, moved or not, or NULL when out of memory (or the size would
 * overflow), `v` and `*cap` then unchanged. */
void *qujat_array_room(void *v, size_t *cap, size_t n, size_t size,
                       size_t first);

/* Strict UTF-8: validation with a location, decoding, measuring. */

/*
 * Checks that `s[0..len)` is strict UTF-8 (no overlong forms, no surrogates,
 * nothing above U+10FFFF) without NUL bytes. Returns 1 when valid; otherwise
 * 0 with the 1-based line and column (in characters) of the first bad byte.
 */
int qujat_utf8_valid(const char *s, size_t len, int *line, int *column);

/*
 * Decodes the code point at `*p` (valid UTF-8 assumed, as checked at input)
 * and advances `*p`. Returns 0 at the terminating NUL without advancing.
 */
uint32_t qujat_utf8_next(const char **p);

/* Number of code points in the NUL-terminated string `s`. */
size_t qujat_utf8_length(const char *s);

/* Number of code points in `s[0..len)`. */
size_t qujat_utf8_length_n(const char *s, size_t len);

/* Cuts a NUL-terminated UTF-8 string `s` before a sequence that a full
 * buffer cut short at its end, so that it stays valid UTF-8. */
void qujat_utf8_trim_cut(char *s);

/* The length of `s` up to `max` bytes, not ending inside a character: for
 * "%.*s" in messages. */
int qujat_utf8_prefix(const char *s, size_t max);

/* Strict UTF-8 checking of a stream that arrives in pieces: a sequence may
 * be split between two calls. Zero-initialise. */
struct utf8_stream {
  unsigned need;         /* continuation bytes still due */
  unsigned char lo, hi;  /* the range of the next one */
  int bad;               /* an error was found */
  long line;             /* lines seen so far, from 1 (0 means 1) */
};

/* Checks `len` more bytes. Returns the number of bytes that are good
 * before the first bad one (`len` when all are), and sets `s->bad` at an
 * invalid byte or a NUL. `s->line` counts the newlines passed. */
size_t qujat_utf8_stream(struct utf8_stream *s, const unsigned char *p,
                         size_t len);

/* Whether the stream ended between sequences (call at end of input). */
int qujat_utf8_stream_done(const struct utf8_stream *s);

/* Writes `cp` as UTF-8 into `out` (room for 4 bytes); returns the length. */
size_t qujat_utf8_encode(uint32_t cp, char *out);

/* A copy of the valid UTF-8 `s` in the arena, normalised to NFC
 * (libutf8proc): "И" + U+0306 becomes "Й" before anything measures or
 * prints it. NULL when out of memory. */
const char *qujat_arena_strdup_nfc(struct arena *a, const char *s);

/* Whether a string made only of code points for which this is true is its
 * own NFC, so that qujat_arena_strdup_nfc copies it without normalising
 * (ASCII, Kazakh and Russian letters, common punctuation). */
int qujat_nfc_stable(uint32_t cp);

/* Calendar dates: strict parsing, arithmetic, ages and working days. */

struct date {
  int y, m, d;
};

/* Parses exactly "YYYY-MM-DD" (years 1900..9999, a real calendar day).
 * Returns 1 on success. */
int qujat_date_parse(const char *s, struct date *out);

/* Writes "YYYY-MM-DD" (11 bytes with the NUL). */
void qujat_date_format(struct date d, char out[11]);

/* Days since 1970-01-01 (negative before). */
int64_t qujat_date_to_days(struct date d);
struct date qujat_date_from_days(int64_t days);

/* <0, 0, >0 as a is before, equal to, after b. */
int qujat_date_cmp(struct date a, struct date b);

/* 1 = Monday ... 7 = Sunday. */
int qujat_date_weekday(struct date d);

/* Adds `months` calendar months; a day past the end of the target month
 * becomes its last day (2025-11-30 + 3 months = 2026-02-28). */
struct date qujat_date_add_months(struct date d, int months);

/* Adds `days` calendar days (may be negative). */
struct date qujat_date_add_days(struct date d, int days);

/* The working day `n` working days before `d` (Monday to Friday; there is no
 * holiday calendar yet). n = 0 gives `d` itself. */
struct date qujat_date_sub_working_days(struct date d, int n);

/* Age in whole years on `on` of someone born on `birth` (a 29 February
 * birthday is reached on 1 March in common years). */
int qujat_date_age(struct date birth, struct date on);

/*
 * Money is integer tiyn (1 tenge = 100 tiyn); MCI multipliers are integer
 * hundredths of an MCI ("0.5 MCI" is 50). No floating point anywhere.
 */

/* Parses a non-negative decimal with at most `scale_digits` fraction digits
 * ("730000", "0.5", "0,5") into an integer scaled by 10^scale_digits.
 * Returns 1 on success, 0 on syntax error or overflow (limit 10^15). */
int qujat_decimal_parse(const char *s, int scale_digits, int64_t *out);

/* The state fee for `mci_centi` hundredths of an MCI worth `mci_tiyn`:
 * exact when possible, otherwise rounded half up to the tiyn. Returns -1 on
 * overflow. */
int64_t qujat_mci_amount(int64_t mci_centi, int64_t mci_tiyn);

/* "2162.50": tiyn as tenge with two decimals, no grouping (JSON). */
void qujat_tiyn_plain(int64_t tiyn, char *out, size_t size);

/* Tiyn grouped by thousands with `group` between groups and `decimal`
 * before the two tiyn digits: ("859 750,00"). */
void qujat_tiyn_grouped(int64_t tiyn, const char *group, const char *decimal,
                        char *out, size_t size);

/* "0.5", "30", "2.25": hundredths of an MCI as a short decimal with
 * `decimal` as the separator. */
void qujat_centi_format(int64_t centi, const char *decimal, char *out,
                        size_t size);

/*
 * Amounts in words, as payment documents in Kazakhstan write them below the
 * figures: "Две тысячи сто шестьдесят два тенге 50 тиынов".
 */

/*
 * Appends the amount `tiyn` (1 tenge = 100 tiyn, 0 <= tiyn < 10^17) to `out`
 * in language `lang` (LANG_KK, LANG_RU or LANG_EN from model.h): the whole
 * tenge in words with a capital first letter, the currency word, the tiyn as
 * two digits and the tiyn word, e.g. "Одна тысяча тенге 00 тиынов",
 * "Бір мың теңге 00 тиын", "Twenty-one tenge 21 tiyn".
 *
 * Returns QUJAT_OK; QUJAT_ERR_ARG for an amount out of range or an unknown
 * language; QUJAT_ERR_NOMEM or QUJAT_ERR_LIMIT from the buffer. On any error
 * `out` is left as it was.
 */
qujat_status qujat_money_in_words(struct buf *out, int lang, int64_t tiyn);

#ifdef QUJAT_UNITTEST
/* Upper-cases the first letter of the UTF-8 string `s` in place (Latin,
 * Russian and Kazakh letters; anything else is left alone). */
void upper_first(char *s);
#endif

/* A tiny JSON writer over a capped buffer; errors stick until checked. */

struct json {
  struct buf b;
  qujat_status st;
};

void qujat_json_init(struct json *j);
void qujat_json_raw(struct json *j, const char *s);
/* A string, escaped; NULL is written as null. */
void qujat_json_str(struct json *j, const char *s);
/* ", " (unless first), the key, ": ". */
void qujat_json_key(struct json *j, const char *k, int first);
void qujat_json_int(struct json *j, long long v);
/* Finishes: hands the text to the caller or reports the sticky error. */
qujat_status qujat_json_finish(struct json *j, char **out, size_t *len,
                               qujat_error *err);

/* QR codes (libqrencode): a square of dark and light modules. */

struct qr {
  int size;                      /* modules per side; 0: no code */
  const unsigned char *modules; /* size × size, 1 = dark, row by row */
};

/* Encodes `text` (ASCII) at error correction level M into `out`, the
 * modules kept in `arena`. The same text gives the same code. */
qujat_status qujat_qr_encode(const char *text, struct arena *arena,
                             struct qr *out, qujat_error *err);

/* The growable public structs: a caller's qujat_request or
 * qujat_batch_options, whatever header version it was built with, copied
 * into this version's layout (fields the caller does not know are zero). */
qujat_status qujat_abi_request(const qujat_request *in, qujat_request *out,
                               qujat_error *err);
qujat_status qujat_abi_batch_options(const qujat_batch_options *in,
                                     qujat_batch_options *out,
                                     qujat_error *err);

/* ------------------------------------------------------------------------
 * Files in shared directories (write_file.c)
 * ------------------------------------------------------------------------ */

/* Opens `path` (relative to `dirfd`, or AT_FDCWD) for reading only if it is
 * a regular file, with O_NONBLOCK while it is checked so that a FIFO cannot
 * block; `nofollow`: not through a symbolic link. Returns the descriptor
 * or -1 with errno (EINVAL: not a regular file; EISDIR). */
int qujat_open_regular(int dirfd, const char *path, int nofollow);

/* Words for the errno of qujat_open_regular. */
const char *qujat_open_problem(int e);

/* Creates `name` under `dirfd` with O_CREAT|O_EXCL|O_NOFOLLOW; whatever
 * holds the name already (a leftover, a planted link or FIFO) is unlinked,
 * never opened. For names only this process uses (a locked directory).
 * Returns the descriptor or -1 with errno. */
int qujat_create_excl(int dirfd, const char *name, unsigned mode);

/* read(2) of at most `len` bytes (pread(2) at offset `at` unless `at` is
 * negative), again when a signal interrupts it; *got: 0 at the end of the
 * file. A failure is QUJAT_ERR_IO "cannot read: ..." for `path`. */
qujat_status qujat_read_some(int fd, void *buf, size_t len, long long at,
                             const char *path, size_t *got,
                             qujat_error *err);

/* write(2) until done; -1 with errno (ENOSPC for a write of 0 bytes). */
int qujat_write_all(int fd, const void *data, size_t len);

/* ------------------------------------------------------------------------
 * An object of each thread's own (thread_slot.c)
 * ------------------------------------------------------------------------ */

/* A static slot: QUJAT_THREAD_SLOT(struct cache, free_cache). */
struct qujat_thread_slot {
  atomic_int made; /* the key exists (or could not be made: failed) */
  int failed;
  pthread_key_t key;
  size_t size;              /* of the object, made zeroed */
  void (*destroy)(void *);  /* frees the object when its thread ends */
};
#define QUJAT_THREAD_SLOT(type, destroy) {0, 0, 0, sizeof(type), destroy}

/* This thread's object of slot `s`, made zeroed on its first use; NULL
 * when out of memory (the caller does without). The object is the
 * thread's alone: no lock. */
void *qujat_thread_slot_get(struct qujat_thread_slot *s);


/* ------------------------------------------------------------------------
 * What a thread keeps from one document to the next (memo.c)
 * ------------------------------------------------------------------------ */

/* A question: `head_words` words (whose measure, which font...) and the
 * bytes of a text. `hash` is qujat_memo_find's, for qujat_memo_offer. */
struct qujat_memo_question {
  const uint64_t *head;
  size_t head_words;
  const char *text;
  size_t text_len;
  uint64_t hash;
};

/* A static memo: QUJAT_MEMO(budget), with at most `budget` bytes of
 * questions and answers a thread, besides a table of 96 KB. */
struct qujat_memo {
  struct qujat_thread_slot slot;
  size_t budget;
};
#define QUJAT_MEMO_TABLE_SIZE                                                 \
  (4096 * sizeof(void *) + sizeof(size_t) + 8192 * sizeof(uint64_t))
void qujat_memo_table_free(void *table);
#define QUJAT_MEMO(budget)                                                    \
  {{0, 0, 0, QUJAT_MEMO_TABLE_SIZE, qujat_memo_table_free}, (budget)}

/* This thread's answer to `q` (its bytes; their number in `*len`), or NULL
 * when none is kept. The answer stays until this thread's next offer to
 * the same memo. Fills q->hash. */
const void *qujat_memo_find(struct qujat_memo *memo,
                            struct qujat_memo_question *q, size_t *len);

/* Offers the answer to `q` (after qujat_memo_find found none): kept the
 * second time the question is offered, if it fits the budget. */
void qujat_memo_offer(struct qujat_memo *memo,
                      const struct qujat_memo_question *q, const void *answer,
                      size_t len);

#endif
