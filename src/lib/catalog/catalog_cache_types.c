/* SPDX-License-Identifier: MIT */
/*
 * The model's types as the compiled catalog sees them (catalog_cache.c):
 * every field of catalog.h's catalog structs that is not plain data, with
 * the range of every number used as an index. A struct, a pointer or an
 * array added to the model is added here too; the build's signature of
 * the catalog sources (cmake/model_sig.cmake) keeps an old file from
 * being read by a new layout.
 */
#include <stddef.h>

#include "catalog/catalog.h"
#include "catalog/catalog_internal.h"

#define PTR sizeof(const char *)
#define F(kind, off)                                                           \
  { (kind), 0, 0, 0, 0, (off), 0, NULL }
#define F_STR(T, m) F(CK_STR, offsetof(T, m))
#define F_STR_AT(T, m, k) F(CK_STR, offsetof(T, m) + (k)*PTR)
#define F_NULL(T, m) F(CK_NULL, offsetof(T, m))
#define F_ARR(T, m, n, sub)                                                    \
  { CK_ARR, 0, 0, 0, 0, offsetof(T, m), offsetof(T, n), &(sub) }
#define F_STRS(T, m, n)                                                        \
  { CK_STRS, 0, 0, 0, 0, offsetof(T, m), offsetof(T, n), NULL }
#define F_STRS_AT(T, m, n, k)                                                  \
  {                                                                            \
    CK_STRS, 0, 0, 0, 0, offsetof(T, m) + (k)*PTR,                             \
        offsetof(T, n) + (k) * sizeof(size_t), NULL                            \
  }
#define F_SUB(T, m, sub)                                                       \
  { CK_SUB, 0, 0, 0, 0, offsetof(T, m), 0, &(sub) }
#define F_SUB_AT(T, m, k, sub)                                                 \
  { CK_SUB, 0, 0, 0, 0, offsetof(T, m) + (k) * (sub).size, 0, &(sub) }
#define F_REF(T, m, t)                                                         \
  { CK_REF, (t), 0, 0, 0, offsetof(T, m), 0, NULL }
#define F_REF_AT(T, m, k, t)                                                   \
  { CK_REF, (t), 0, 0, 0, offsetof(T, m) + (k)*PTR, 0, NULL }
#define F_REFS(T, m, n, t, null_ok)                                            \
  { CK_REFS, (t), (null_ok), 0, 0, offsetof(T, m), offsetof(T, n), NULL }
#define F_INT(T, m, lo, hi)                                                    \
  { CK_INT, 0, 0, (lo), (hi), offsetof(T, m), 0, NULL }
#define F_COUNT(T, m, hi)                                                      \
  { CK_COUNT, 0, 0, 0, (hi), offsetof(T, m), 0, NULL }
#define F_END                                                                  \
  { CK_END, 0, 0, 0, 0, 0, 0, NULL }
/* The id, the sources and a title or text: the head of many structs. */
#define F_HEAD(T, title)                                                       \
  F_STR(T, id), F_SUB(T, cites, cites), F_SUB(T, title, text3)
/* A type: its fields (the table ends with CK_END) and its size. */
#define TYPE(name, T, ...)                                                     \
  static const struct cache_field name##_f[] = {__VA_ARGS__, F_END};           \
  static const struct cache_type name = {sizeof(T), name##_f}

TYPE(text3, struct text3, F_STR_AT(struct text3, s, 0),
     F_STR_AT(struct text3, s, 1), F_STR_AT(struct text3, s, 2));

TYPE(source, struct source, F_STR(struct source, id),
     F_STR(struct source, file), F_STR(struct source, lang),
     F_SUB(struct source, title, text3));

TYPE(cite, struct cite, F_REF(struct cite, source, CT_SOURCE),
     F_STR(struct cite, section));

TYPE(cites, struct cites, F_ARR(struct cites, v, n, cite));

TYPE(edition, struct edition, F_STR(struct edition, id),
     F_REF(struct edition, source, CT_SOURCE),
     F_SUB(struct edition, title, text3));

TYPE(mci, struct mci, F_SUB(struct mci, cites, cites));

TYPE(condition, struct condition, F_STR(struct condition, id),
     F_STR(struct condition, test_src), F_STR(struct condition, known_src),
     F_NULL(struct condition, test), F_NULL(struct condition, known),
     F_SUB(struct condition, because, text3),
     F_SUB(struct condition, otherwise, text3),
     F_SUB(struct condition, unknown, text3));

TYPE(edition_text, struct edition_text,
     F_REF(struct edition_text, edition, CT_EDITION),
     F_SUB(struct edition_text, text, text3));

TYPE(document, struct document, F_HEAD(struct document, text),
     F_ARR(struct document, by_edition, nby_edition, edition_text));

TYPE(procedure, struct procedure, F_HEAD(struct procedure, title),
     F_ARR(struct procedure, bullets, nbullets, text3));

TYPE(note, struct note, F_HEAD(struct note, text),
     F_ARR(struct note, by_edition, nby_edition, edition_text));

TYPE(group, struct group, F_HEAD(struct group, title),
     F_REFS(struct group, notes, nnotes, CT_NOTE, 0));

TYPE(item, struct item, F_REF(struct item, doc, CT_DOCUMENT),
     F_REF(struct item, cond, CT_CONDITION),
     F_INT(struct item, per, PER_ONCE, PER_DEPENDANT),
     F_REF(struct item, edition, CT_EDITION));

TYPE(fee, struct fee, F_INT(struct fee, kind, FEE_SERVICE, FEE_FINE),
     F_INT(struct fee, amount, AMOUNT_KZT, AMOUNT_NONE),
     F_REF(struct fee, cond, CT_CONDITION), F_SUB(struct fee, label, text3),
     F_REF(struct fee, note, CT_NOTE));

TYPE(fee_table, struct fee_table, F_REF(struct fee_table, edition, CT_EDITION),
     F_SUB(struct fee_table, cites, cites),
     F_ARR(struct fee_table, fees, nfees, fee));

TYPE(timeframe, struct timeframe,
     F_INT(struct timeframe, unit, UNIT_BUSINESS_DAY, UNIT_MINUTE),
     F_SUB(struct timeframe, cites, cites));

TYPE(window, struct filing_window,
     F_INT(struct filing_window, unit, UNIT_BUSINESS_DAY, UNIT_MINUTE),
     F_SUB(struct filing_window, cites, cites));

TYPE(passport, struct passport_rule, F_SUB(struct passport_rule, cites, cites));

TYPE(category, struct visa_category, F_HEAD(struct visa_category, title));

#define LETTER_CAT(k) F_REF_AT(struct letter_rule, categories, k, CT_CATEGORY)
TYPE(letter, struct letter_rule, LETTER_CAT(0), LETTER_CAT(1), LETTER_CAT(2),
     LETTER_CAT(3), LETTER_CAT(4), LETTER_CAT(5), LETTER_CAT(6), LETTER_CAT(7),
     F_COUNT(struct letter_rule, ncategories, MAX_LETTER_CATEGORIES),
     F_INT(struct letter_rule, entries, -1, ENTRY_MULTIPLE),
     F_SUB(struct letter_rule, cites, cites));
_Static_assert(MAX_LETTER_CATEGORIES == 8, "letter_f names 8 categories");

TYPE(step, struct step, F_REF(struct step, proc, CT_PROCEDURE),
     F_REF(struct step, edition, CT_EDITION), F_SUB(struct step, title, text3));

TYPE(service, struct service, F_STR(struct service, id),
     F_REF(struct service, group, CT_GROUP),
     F_SUB(struct service, cites, cites), F_SUB(struct service, title, text3),
     F_SUB(struct service, description, text3),
     F_ARR(struct service, steps, nsteps, step),
     F_REF(struct service, same_as, CT_SERVICE),
     F_ARR(struct service, items, nitems, item),
     F_ARR(struct service, fee_tables, nfee_tables, fee_table),
     F_SUB(struct service, timeframe, timeframe),
     F_SUB(struct service, window, window),
     F_SUB(struct service, passport, passport),
     F_SUB(struct service, letter, letter),
     F_REFS(struct service, notes, nnotes, CT_NOTE, 0),
     F_REFS(struct service, note_editions, nnotes, CT_EDITION, 1));

TYPE(band, struct fine_band,
     F_INT(struct fine_band, size, SIZE_NONE, SIZE_LARGE),
     F_SUB(struct fine_band, also, text3));

TYPE(fine, struct fine, F_STR(struct fine, id), F_STR(struct fine, article),
     F_SUB(struct fine, cites, cites), F_SUB(struct fine, title, text3),
     F_SUB(struct fine, also, text3), F_ARR(struct fine, bands, nbands, band));

TYPE(country, struct country, F_SUB(struct country, name, text3));

#define T struct letter_template
TYPE(template, struct letter_template, F_STR(T, copy_mark), F_STR(T, details),
     F_STR(T, outgoing), F_STR(T, addressee), F_STR_AT(T, subject, 0),
     F_STR_AT(T, subject, 1), F_STR_AT(T, body, 0), F_STR_AT(T, body, 1),
     F_STR_AT(T, body, 2), F_STR_AT(T, body, 3), F_STR_AT(T, entries, 0),
     F_STR_AT(T, entries, 1), F_STR_AT(T, entries, 2), F_STR_AT(T, entries, 3),
     F_STR(T, columns), F_STR_AT(T, sex, 0), F_STR_AT(T, sex, 1),
     F_STR_AT(T, relation, 0), F_STR_AT(T, relation, 1),
     F_STR_AT(T, relation, 2), F_STR_AT(T, relation, 3),
     F_STR_AT(T, relation, 4), F_STR_AT(T, relation, 5), F_STR(T, prepared_by),
     F_STR(T, phone), F_STR(T, copies_of), F_STR(T, stay),
     F_STR(T, undertakings), F_STRS_AT(T, undertaking, nundertaking, 0),
     F_STRS_AT(T, undertaking, nundertaking, 1), F_STR(T, signature),
     F_STR(T, stamp));
#undef T
_Static_assert(NRELATIONS == 6, "template_f names 6 relations");

TYPE(font, struct font_file, F_STR(struct font_file, path));

TYPE(locale, struct locale, F_STRS(struct locale, keys, n),
     F_STRS(struct locale, values, n));

TYPE(stay, struct stay_rule, F_INT(struct stay_rule, work, TRI_UNSET, TRI_TRUE),
     F_INT(struct stay_rule, extendable, TRI_UNSET, TRI_TRUE),
     F_STR(struct stay_rule, or_term_of));

TYPE(member, struct list_member, F_STR(struct list_member, name),
     F_STR(struct list_member, also), F_STR(struct list_member, alt),
     F_STR(struct list_member, group), F_STR(struct list_member, rule_text),
     F_SUB(struct list_member, stay, stay));

TYPE(list, struct country_list, F_STR(struct country_list, id),
     F_INT(struct country_list, kind, LIST_VISA_FREE, LIST_TRP_INSTEAD),
     F_SUB(struct country_list, cites, cites),
     F_SUB(struct country_list, title, text3),
     F_STR(struct country_list, dated), F_STR(struct country_list, categories),
     F_SUB(struct country_list, stay, stay),
     F_ARR(struct country_list, remarks, nremarks, text3),
     F_ARR(struct country_list, members, nmembers, member));

TYPE(eta, struct travel_authorisation,
     F_SUB(struct travel_authorisation, cites, cites),
     F_ARR(struct travel_authorisation, exempt, nexempt, text3),
     F_ARR(struct travel_authorisation, remarks, nremarks, text3));

TYPE(arrival, struct arrival_rule, F_SUB(struct arrival_rule, cites, cites));

TYPE(change_from, struct change_from, F_STR(struct change_from, category),
     F_SUB(struct change_from, note, text3));

TYPE(change, struct category_change, F_STR(struct category_change, to),
     F_SUB(struct category_change, cites, cites),
     F_ARR(struct category_change, from, nfrom, change_from));

TYPE(category_name, struct category_name, F_HEAD(struct category_name, title));

TYPE(holiday, struct holiday, F_SUB(struct holiday, cites, cites),
     F_SUB(struct holiday, title, text3));

TYPE(transfer, struct day_transfer, F_SUB(struct day_transfer, cites, cites));

TYPE(calendar, struct calendar, F_SUB(struct calendar, cites, cites),
     F_ARR(struct calendar, holidays, nholidays, holiday),
     F_ARR(struct calendar, transfers, ntransfers, transfer));

/* The tables other structs point into come first: a pointer into one is
 * made from its index once the table itself is in place. */
#define C struct qujat_catalog
static const struct cache_field catalog_f[] = {
    F_ARR(C, sources, nsources, source),
    F_ARR(C, editions, neditions, edition),
    F_ARR(C, conditions, nconditions, condition),
    F_ARR(C, documents, ndocuments, document),
    F_ARR(C, procedures, nprocedures, procedure),
    F_ARR(C, notes, nnotes, note),
    F_ARR(C, groups, ngroups, group),
    F_ARR(C, services, nservices, service),
    F_ARR(C, categories, ncategories, category),
    F_STR(C, data_dir),
    F_ARR(C, mcis, nmcis, mci),
    F_ARR(C, fines, nfines, fine),
    F_SUB_AT(C, locales, 0, locale),
    F_SUB_AT(C, locales, 1, locale),
    F_SUB_AT(C, locales, 2, locale),
    F_SUB_AT(C, fonts, 0, font),
    F_SUB_AT(C, fonts, 1, font),
    F_ARR(C, countries, ncountries, country),
    F_SUB_AT(C, templates, 0, template),
    F_SUB_AT(C, templates, 1, template),
    F_SUB_AT(C, templates, 2, template),
    F_ARR(C, lists, nlists, list),
    F_SUB(C, eta, eta),
    F_SUB(C, arrival, arrival),
    F_ARR(C, changes, nchanges, change),
    F_ARR(C, category_names, ncategory_names, category_name),
    F_ARR(C, calendars, ncalendars, calendar),
    F_END};
#undef C
_Static_assert(NLANGS == 3 && NFONTS == 2, "catalog_f names 3 languages");

const struct cache_type qujat_cache_catalog_type = {
    sizeof(struct qujat_catalog), catalog_f};
