/* Filling the caller-owned qujat_error. */
#ifndef QUJAT_ERR_H
#define QUJAT_ERR_H

#include "qujat/qujat.h"

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

#endif
