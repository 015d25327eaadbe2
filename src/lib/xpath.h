/*
 * The catalog's conditions are XPath 1.0 over the profile, through libxml2:
 * compiled once when the catalog loads, evaluated per document with a
 * context of the document's own (so threads may share the compiled form).
 */
#ifndef QUJAT_XPATH_H
#define QUJAT_XPATH_H

#include <stddef.h>

#include "err.h"

#define QUJAT_PROFILE_NS "urn:qujat:profile:1"

struct xpath;
struct xpath_env;
struct qujat_profile;

/* Compiles `src` (prefix p: = the profile namespace; the variable $age) and
 * checks it by evaluating it once on an empty profile. On failure returns
 * QUJAT_ERR_CATALOG with the reason in `msg`. */
qujat_status qujat_xpath_compile(const char *src, struct xpath **out,
                                 char *msg, size_t msg_size);
void qujat_xpath_free(struct xpath *x);

/* An evaluation context over `profile`, or over an empty profile when
 * `profile` is NULL. */
qujat_status qujat_xpath_env_new(const struct qujat_profile *profile,
                                 struct xpath_env **out);
void qujat_xpath_env_free(struct xpath_env *env);

/*
 * Evaluates `x` as a boolean with the profile root as the context node, or
 * with dependant number `dependant` (0-based; -1 for the root) and $age set
 * to `age`. Returns 0 or 1, or -1 on an evaluation error.
 */
int qujat_xpath_bool(struct xpath_env *env, const struct xpath *x,
                     int dependant, int age);

#endif
