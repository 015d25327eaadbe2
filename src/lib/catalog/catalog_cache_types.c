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
#define F(kind, off) {(kind), 0, 0, 0, 0, (off), 0, NULL}
#define F_STR(T, m) F(CK_STR, offsetof(T, m))
#define F_STR_AT(T, m, k) F(CK_STR, offsetof(T, m) + (k) * PTR)
#define F_NULL(T, m) F(CK_NULL, offsetof(T, m))
#define F_ARR(T, m, n, sub)                                                    \
  {CK_ARR, 0, 0, 0, 0, offsetof(T, m), offsetof(T, n), &(sub)}
#define F_STRS(T, m, n) {CK_STRS, 0, 0, 0, 0, offsetof(T, m), offsetof(T, n), NULL}
#define F_STRS_AT(T, m, n, k)                                                  \
  {CK_STRS, 0, 0, 0, 0, offsetof(T, m) + (k) * PTR,                            \
   offsetof(T, n) + (k) * sizeof(size_t), NULL}
#define F_SUB(T, m, sub) {CK_SUB, 0, 0, 0, 0, offsetof(T, m), 0, &(sub)}
#define F_SUB_AT(T, m, k, sub)                                                 \
  {CK_SUB, 0, 0, 0, 0, offsetof(T, m) + (k) * (sub).size, 0, &(sub)}
#define F_REF(T, m, t) {CK_REF, (t), 0, 0, 0, offsetof(T, m), 0, NULL}
#define F_REF_AT(T, m, k, t)                                                   \
  {CK_REF, (t), 0, 0, 0, offsetof(T, m) + (k) * PTR, 0, NULL}
#define F_REFS(T, m, n, t, null_ok)                                            \
  {CK_REFS, (t), (null_ok), 0, 0, offsetof(T, m), offsetof(T, n), NULL}
#define F_INT(T, m, lo, hi) {CK_INT, 0, 0, (lo), (hi), offsetof(T, m), 0, NULL}
#define F_COUNT(T, m, hi) {CK_COUNT, 0, 0, 0, (hi), offsetof(T, m), 0, NULL}
#define F_END {CK_END, 0, 0, 0, 0, 0, 0, NULL}
#define TYPE(name, T) static const struct cache_type name = {sizeof(T), name##_f}

static const struct cache_field text3_f[] = {
    F_STR_AT(struct text3, s, 0), F_STR_AT(struct text3, s, 1),
    F_STR_AT(struct text3, s, 2), F_END};
TYPE(text3, struct text3);

static const struct cache_field source_f[] = {
    F_STR(struct source, id), F_STR(struct source, file),
    F_STR(struct source, lang), F_SUB(struct source, title, text3), F_END};
TYPE(source, struct source);

static const struct cache_field cite_f[] = {
    F_REF(struct cite, source, CT_SOURCE), F_STR(struct cite, section),
    F_END};
TYPE(cite, struct cite);

static const struct cache_field cites_f[] = {
    F_ARR(struct cites, v, n, cite), F_END};
TYPE(cites, struct cites);

static const struct cache_field edition_f[] = {
    F_STR(struct edition, id), F_REF(struct edition, source, CT_SOURCE),
    F_SUB(struct edition, title, text3), F_END};
TYPE(edition, struct edition);

static const struct cache_field mci_f[] = {F_SUB(struct mci, cites, cites),
                                           F_END};
TYPE(mci, struct mci);

static const struct cache_field condition_f[] = {
    F_STR(struct condition, id),         F_STR(struct condition, test_src),
    F_STR(struct condition, known_src),  F_NULL(struct condition, test),
    F_NULL(struct condition, known),     F_SUB(struct condition, because, text3),
    F_SUB(struct condition, otherwise, text3),
    F_SUB(struct condition, unknown, text3), F_END};
TYPE(condition, struct condition);

static const struct cache_field edition_text_f[] = {
    F_REF(struct edition_text, edition, CT_EDITION),
    F_SUB(struct edition_text, text, text3), F_END};
TYPE(edition_text, struct edition_text);

static const struct cache_field document_f[] = {
    F_STR(struct document, id), F_SUB(struct document, cites, cites),
    F_SUB(struct document, text, text3),
    F_ARR(struct document, by_edition, nby_edition, edition_text), F_END};
TYPE(document, struct document);

static const struct cache_field procedure_f[] = {
    F_STR(struct procedure, id), F_SUB(struct procedure, cites, cites),
    F_SUB(struct procedure, title, text3),
    F_ARR(struct procedure, bullets, nbullets, text3), F_END};
TYPE(procedure, struct procedure);

static const struct cache_field note_f[] = {
    F_STR(struct note, id), F_SUB(struct note, cites, cites),
    F_SUB(struct note, text, text3),
    F_ARR(struct note, by_edition, nby_edition, edition_text), F_END};
TYPE(note, struct note);

static const struct cache_field group_f[] = {
    F_STR(struct group, id), F_SUB(struct group, cites, cites),
    F_SUB(struct group, title, text3),
    F_REFS(struct group, notes, nnotes, CT_NOTE, 0), F_END};
TYPE(group, struct group);

static const struct cache_field item_f[] = {
    F_REF(struct item, doc, CT_DOCUMENT), F_REF(struct item, cond, CT_CONDITION),
    F_INT(struct item, per, PER_ONCE, PER_DEPENDANT),
    F_REF(struct item, edition, CT_EDITION), F_END};
TYPE(item, struct item);

static const struct cache_field fee_f[] = {
    F_INT(struct fee, kind, FEE_SERVICE, FEE_FINE),
    F_INT(struct fee, amount, AMOUNT_KZT, AMOUNT_NONE),
    F_REF(struct fee, cond, CT_CONDITION), F_SUB(struct fee, label, text3),
    F_REF(struct fee, note, CT_NOTE), F_END};
TYPE(fee, struct fee);

static const struct cache_field fee_table_f[] = {
    F_REF(struct fee_table, edition, CT_EDITION),
    F_SUB(struct fee_table, cites, cites),
    F_ARR(struct fee_table, fees, nfees, fee), F_END};
TYPE(fee_table, struct fee_table);

static const struct cache_field timeframe_f[] = {
    F_INT(struct timeframe, unit, UNIT_BUSINESS_DAY, UNIT_MINUTE),
    F_SUB(struct timeframe, cites, cites), F_END};
TYPE(timeframe, struct timeframe);

static const struct cache_field window_f[] = {
    F_INT(struct filing_window, unit, UNIT_BUSINESS_DAY, UNIT_MINUTE),
    F_SUB(struct filing_window, cites, cites), F_END};
TYPE(window, struct filing_window);

static const struct cache_field passport_f[] = {
    F_SUB(struct passport_rule, cites, cites), F_END};
TYPE(passport, struct passport_rule);

static const struct cache_field category_f[] = {
    F_STR(struct visa_category, id), F_SUB(struct visa_category, cites, cites),
    F_SUB(struct visa_category, title, text3), F_END};
TYPE(category, struct visa_category);

#define LETTER_CAT(k) F_REF_AT(struct letter_rule, categories, k, CT_CATEGORY)
static const struct cache_field letter_f[] = {
    LETTER_CAT(0), LETTER_CAT(1), LETTER_CAT(2), LETTER_CAT(3),
    LETTER_CAT(4), LETTER_CAT(5), LETTER_CAT(6), LETTER_CAT(7),
    F_COUNT(struct letter_rule, ncategories, MAX_LETTER_CATEGORIES),
    F_INT(struct letter_rule, entries, -1, ENTRY_MULTIPLE),
    F_SUB(struct letter_rule, cites, cites), F_END};
TYPE(letter, struct letter_rule);
_Static_assert(MAX_LETTER_CATEGORIES == 8, "letter_f names 8 categories");

static const struct cache_field step_f[] = {
    F_REF(struct step, proc, CT_PROCEDURE), F_REF(struct step, edition, CT_EDITION),
    F_SUB(struct step, title, text3), F_END};
TYPE(step, struct step);

static const struct cache_field service_f[] = {
    F_STR(struct service, id),
    F_REF(struct service, group, CT_GROUP),
    F_SUB(struct service, cites, cites),
    F_SUB(struct service, title, text3),
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
    F_REFS(struct service, note_editions, nnotes, CT_EDITION, 1),
    F_END};
TYPE(service, struct service);

static const struct cache_field band_f[] = {
    F_INT(struct fine_band, size, SIZE_NONE, SIZE_LARGE),
    F_SUB(struct fine_band, also, text3), F_END};
TYPE(band, struct fine_band);

static const struct cache_field fine_f[] = {
    F_STR(struct fine, id),          F_STR(struct fine, article),
    F_SUB(struct fine, cites, cites), F_SUB(struct fine, title, text3),
    F_SUB(struct fine, also, text3), F_ARR(struct fine, bands, nbands, band),
    F_END};
TYPE(fine, struct fine);

static const struct cache_field country_f[] = {
    F_SUB(struct country, name, text3), F_END};
TYPE(country, struct country);

#define T struct letter_template
static const struct cache_field template_f[] = {
    F_STR(T, copy_mark),   F_STR(T, details),      F_STR(T, outgoing),
    F_STR(T, addressee),   F_STR_AT(T, subject, 0), F_STR_AT(T, subject, 1),
    F_STR_AT(T, body, 0),  F_STR_AT(T, body, 1),   F_STR_AT(T, body, 2),
    F_STR_AT(T, body, 3),  F_STR_AT(T, entries, 0), F_STR_AT(T, entries, 1),
    F_STR_AT(T, entries, 2), F_STR_AT(T, entries, 3), F_STR(T, columns),
    F_STR_AT(T, sex, 0),   F_STR_AT(T, sex, 1),    F_STR_AT(T, relation, 0),
    F_STR_AT(T, relation, 1), F_STR_AT(T, relation, 2),
    F_STR_AT(T, relation, 3), F_STR_AT(T, relation, 4),
    F_STR_AT(T, relation, 5), F_STR(T, prepared_by), F_STR(T, phone),
    F_STR(T, copies_of),   F_STR(T, stay),         F_STR(T, undertakings),
    F_STRS_AT(T, undertaking, nundertaking, 0),
    F_STRS_AT(T, undertaking, nundertaking, 1),
    F_STR(T, signature),   F_STR(T, stamp),        F_END};
#undef T
TYPE(template, struct letter_template);
_Static_assert(NRELATIONS == 6, "template_f names 6 relations");

static const struct cache_field font_f[] = {F_STR(struct font_file, path),
                                            F_END};
TYPE(font, struct font_file);

static const struct cache_field locale_f[] = {
    F_STRS(struct locale, keys, n), F_STRS(struct locale, values, n), F_END};
TYPE(locale, struct locale);

static const struct cache_field stay_f[] = {
    F_INT(struct stay_rule, work, TRI_UNSET, TRI_TRUE),
    F_INT(struct stay_rule, extendable, TRI_UNSET, TRI_TRUE),
    F_STR(struct stay_rule, or_term_of), F_END};
TYPE(stay, struct stay_rule);

static const struct cache_field member_f[] = {
    F_STR(struct list_member, name),  F_STR(struct list_member, also),
    F_STR(struct list_member, alt),   F_STR(struct list_member, group),
    F_STR(struct list_member, rule_text), F_SUB(struct list_member, stay, stay),
    F_END};
TYPE(member, struct list_member);

static const struct cache_field list_f[] = {
    F_STR(struct country_list, id),
    F_INT(struct country_list, kind, LIST_VISA_FREE, LIST_TRP_INSTEAD),
    F_SUB(struct country_list, cites, cites),
    F_SUB(struct country_list, title, text3),
    F_STR(struct country_list, dated),
    F_STR(struct country_list, categories),
    F_SUB(struct country_list, stay, stay),
    F_ARR(struct country_list, remarks, nremarks, text3),
    F_ARR(struct country_list, members, nmembers, member), F_END};
TYPE(list, struct country_list);

static const struct cache_field eta_f[] = {
    F_SUB(struct travel_authorisation, cites, cites),
    F_ARR(struct travel_authorisation, exempt, nexempt, text3),
    F_ARR(struct travel_authorisation, remarks, nremarks, text3), F_END};
TYPE(eta, struct travel_authorisation);

static const struct cache_field arrival_f[] = {
    F_SUB(struct arrival_rule, cites, cites), F_END};
TYPE(arrival, struct arrival_rule);

static const struct cache_field change_from_f[] = {
    F_STR(struct change_from, category), F_SUB(struct change_from, note, text3),
    F_END};
TYPE(change_from, struct change_from);

static const struct cache_field change_f[] = {
    F_STR(struct category_change, to), F_SUB(struct category_change, cites, cites),
    F_ARR(struct category_change, from, nfrom, change_from), F_END};
TYPE(change, struct category_change);

static const struct cache_field category_name_f[] = {
    F_STR(struct category_name, id), F_SUB(struct category_name, cites, cites),
    F_SUB(struct category_name, title, text3), F_END};
TYPE(category_name, struct category_name);

static const struct cache_field holiday_f[] = {
    F_SUB(struct holiday, cites, cites), F_SUB(struct holiday, title, text3),
    F_END};
TYPE(holiday, struct holiday);

static const struct cache_field transfer_f[] = {
    F_SUB(struct day_transfer, cites, cites), F_END};
TYPE(transfer, struct day_transfer);

static const struct cache_field calendar_f[] = {
    F_SUB(struct calendar, cites, cites),
    F_ARR(struct calendar, holidays, nholidays, holiday),
    F_ARR(struct calendar, transfers, ntransfers, transfer), F_END};
TYPE(calendar, struct calendar);

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

const struct cache_type qujat_cache_catalog_type = {sizeof(struct qujat_catalog),
                                                    catalog_f};
