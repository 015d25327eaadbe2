/* SPDX-License-Identifier: MIT */
#include "catalog/catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "catalog/catalog_internal.h"

struct xpath {
  xmlXPathCompExprPtr comp;
};

struct xpath_env {
  xmlDocPtr empty; /* owned when evaluating without a profile */
  xmlXPathContextPtr ctx;
  int shared; /* ctx is the thread's (thread_context), not the env's */
  xmlNodePtr root;
  xmlNodePtr *dependants;
  size_t ndependants;
  double age;
};

/* The XPath context a thread evaluates documents with, made once: libxml2
 * registers its hundred-odd functions in a new hash table for every new
 * context, some 20 000 instructions a document. One document's evaluation
 * at a time has it; another, nested, makes one of its own. */
struct thread_context {
  xmlXPathContextPtr ctx;
  int in_use;
};

static void thread_context_free(void *p) {
  struct thread_context *t = p;
  xmlXPathFreeContext(t->ctx);
  free(t);
}

static struct qujat_thread_slot context_slot =
    QUJAT_THREAD_SLOT(struct thread_context, thread_context_free);

static const char empty_profile[] =
    "<profile xmlns='" QUJAT_PROFILE_NS "'/>";

/* What went wrong, in words: libxml2 2.9 leaves the message of many
 * XPath errors empty and only sets the code. */
static const char *xpath_problem(const xmlError *e) {
  switch (e->code) {
  case XML_XPATH_UNDEF_VARIABLE_ERROR:
    return "undefined variable (only $age exists)";
  case XML_XPATH_UNKNOWN_FUNC_ERROR:
    return "unknown function";
  case XML_XPATH_UNDEF_PREFIX_ERROR:
    return "undefined namespace prefix (use p:)";
  case XML_XPATH_INVALID_ARITY:
    return "wrong number of arguments";
  case XML_XPATH_INVALID_TYPE:
    return "wrong type of argument";
  case XML_XPATH_UNCLOSED_ERROR:
    return "missing closing bracket";
  case XML_XPATH_UNFINISHED_LITERAL_ERROR:
    return "unfinished string";
  default:
    return e->message ? e->message : "invalid expression";
  }
}

/* Keeps XPath errors out of stderr and remembers the first message. */
static void record_error(void *user, xmlErrorPtr e) {
  char *msg = user;
  if (msg && !*msg && e) {
    snprintf(msg, 200, "%s", xpath_problem(e));
    size_t n = strlen(msg);
    while (n > 0 && msg[n - 1] == '\n')
      msg[--n] = '\0';
  }
}

static xmlXPathObjectPtr lookup_variable(void *data, const xmlChar *name,
                                         const xmlChar *ns_uri) {
  struct xpath_env *env = data;
  if (ns_uri == NULL && strcmp((const char *)name, "age") == 0)
    return xmlXPathNewFloat(env->age);
  return NULL;
}

/* A new context with the profile's prefix p:. */
static xmlXPathContextPtr new_context(xmlDocPtr doc) {
  xmlXPathContextPtr ctx = xmlXPathNewContext(doc);
  if (ctx &&
      xmlXPathRegisterNs(ctx, BAD_CAST "p", BAD_CAST QUJAT_PROFILE_NS)) {
    xmlXPathFreeContext(ctx);
    ctx = NULL;
  }
  return ctx;
}

/* `env` over `doc` with a context of its own, or with the thread's when
 * `share` and no other evaluation has it. */
static qujat_status env_init(struct xpath_env *env, xmlDocPtr doc,
                             char *errbuf, int share) {
  struct thread_context *t =
      share ? qujat_thread_slot_get(&context_slot) : NULL;
  if (t && !t->in_use && !t->ctx)
    t->ctx = new_context(NULL);
  if (t && !t->in_use && t->ctx) {
    t->in_use = 1;
    env->ctx = t->ctx;
    env->shared = 1;
    env->ctx->doc = doc;
    env->ctx->node = NULL;
  } else if (!(env->ctx = new_context(doc))) {
    return QUJAT_ERR_NOMEM;
  }
  env->ctx->error = record_error;
  env->ctx->userData = errbuf;
  xmlXPathRegisterVariableLookup(env->ctx, lookup_variable, env);
  env->root = xmlDocGetRootElement(doc);
  return QUJAT_OK;
}

/* The context, given back to the thread or freed. */
static void env_context_free(struct xpath_env *env) {
  if (!env->shared) {
    xmlXPathFreeContext(env->ctx);
  } else {
    struct thread_context *t = qujat_thread_slot_get(&context_slot);
    env->ctx->doc = NULL;
    env->ctx->node = NULL;
    xmlXPathRegisterVariableLookup(env->ctx, NULL, NULL);
    if (t)
      t->in_use = 0;
  }
  env->ctx = NULL;
}

qujat_status qujat_xpath_env_new(const struct qujat_profile *profile,
                                 struct xpath_env **out) {
  qujat_xml_init();
  struct xpath_env *env = calloc(1, sizeof *env);
  if (!env)
    return QUJAT_ERR_NOMEM;
  xmlDocPtr doc;
  if (profile) {
    doc = profile->xml_doc;
    env->dependants = (xmlNodePtr *)profile->xml_dependants;
    env->ndependants = profile->ndependants;
  } else {
    qujat_status st =
        qujat_xml_parse(empty_profile, sizeof empty_profile - 1, "(empty)",
                        sizeof empty_profile, &env->empty, NULL);
    if (st != QUJAT_OK) {
      free(env);
      return st;
    }
    doc = env->empty;
  }
  qujat_status st = env_init(env, doc, NULL, 1);
  if (st != QUJAT_OK) {
    qujat_xpath_env_free(env);
    return st;
  }
  *out = env;
  return QUJAT_OK;
}

void qujat_xpath_env_free(struct xpath_env *env) {
  if (!env)
    return;
  if (env->ctx)
    env_context_free(env);
  xmlFreeDoc(env->empty);
  free(env);
}

int qujat_xpath_bool(struct xpath_env *env, const struct xpath *x,
                     int dependant, int age) {
  if (dependant >= 0) {
    if ((size_t)dependant >= env->ndependants)
      return -1;
    env->ctx->node = env->dependants[dependant];
  } else {
    env->ctx->node = env->root;
  }
  env->age = age;
  /* As a new context: an evaluation that failed part-way leaves libxml2
   * 2.9's depth raised (at its limit, every evaluation fails), and each
   * leaves its context size and position. */
  env->ctx->depth = 0;
  env->ctx->opCount = 0;
  env->ctx->contextSize = -1;
  env->ctx->proximityPosition = -1;
  /* libxml2 2.9 reports an allocation that fails inside an evaluation on
   * the thread's last error and may go on with a smaller node set: a
   * count() too low, a test false. Such a result is no answer. */
  xmlResetLastError();
  xmlResetError(&env->ctx->lastError);
  int r = xmlXPathCompiledEvalToBoolean(x->comp, env->ctx);
  const xmlError *e = xmlGetLastError();
  if ((e && e->code == XML_ERR_NO_MEMORY) ||
      env->ctx->lastError.code == XML_ERR_NO_MEMORY)
    return -2;
  /* Every expression was compiled and evaluated once when the catalog was
   * loaded: one that fails on a profile the schema accepted ran out of
   * memory, even where libxml2 could not say so. */
  return r < 0 ? -2 : r;
}

qujat_status qujat_xpath_compile(const char *src, struct xpath **out,
                                 char *msg, size_t msg_size) {
  char errbuf[200] = "";
  struct xpath_env env = {0};
  qujat_status st;
  *out = NULL;
  qujat_xml_init();
  CHECK(qujat_xml_parse(empty_profile, sizeof empty_profile - 1, "(empty)",
                        sizeof empty_profile, &env.empty, NULL));
  CHECK(env_init(&env, env.empty, errbuf, 0));
  struct xpath *x = calloc(1, sizeof *x);
  if (!x) {
    st = QUJAT_ERR_NOMEM;
    goto done;
  }
  x->comp = xmlXPathCtxtCompile(env.ctx, BAD_CAST src);
  if (!x->comp) {
    free(x);
    snprintf(msg, msg_size, "invalid XPath '%s': %s", src,
             *errbuf ? errbuf : "syntax error");
    st = QUJAT_ERR_CATALOG;
    goto done;
  }
  /* A trial run catches unknown functions, variables and prefixes now,
   * not in the middle of somebody's checklist. */
  env.ctx->node = env.root;
  if (xmlXPathCompiledEvalToBoolean(x->comp, env.ctx) < 0) {
    snprintf(msg, msg_size, "XPath '%s' cannot be evaluated: %s", src,
             *errbuf ? errbuf : "error");
    xmlXPathFreeCompExpr(x->comp);
    free(x);
    st = QUJAT_ERR_CATALOG;
    goto done;
  }
  *out = x;
done:
  xmlXPathFreeContext(env.ctx);
  xmlFreeDoc(env.empty);
  return st;
}

qujat_status qujat_xpath_compile_in(struct xpath_env *env, const char *src,
                                    struct xpath **out) {
  xmlXPathCompExprPtr comp = xmlXPathCtxtCompile(env->ctx, BAD_CAST src);
  *out = comp ? calloc(1, sizeof **out) : NULL;
  if (*out)
    (*out)->comp = comp;
  else
    xmlXPathFreeCompExpr(comp); /* NULL: nothing */
  return *out ? QUJAT_OK : comp ? QUJAT_ERR_NOMEM : QUJAT_ERR_CATALOG;
}

void qujat_xpath_free(struct xpath *x) {
  if (!x)
    return;
  xmlXPathFreeCompExpr(x->comp);
  free(x);
}
