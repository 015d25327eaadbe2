/* SPDX-License-Identifier: MIT */
/*
 * The fee slip's machine-readable side: a reference derived from the
 * content (SHA-256 of a canonical, language-neutral statement of what is
 * paid), the total in words, and the XML twin attached inside the PDF
 * (urn:qujat:fees:1), in the spirit of e-invoices.
 */
#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>

#include "base/base.h"
#include "rules/rules.h"

static const char *const kind_ids[] = {"service",  "personal-manager",
                                       "priority", "walk-in",
                                       "state",    "fine"};

const char *qujat_fee_kind_id(enum fee_kind k) { return kind_ids[k]; }

/* The service fees go to the Expat Centre, the state fee to the budget. */
const char *qujat_fee_payee_id(enum fee_kind k) {
  return k == FEE_STATE || k == FEE_FINE ? "state-budget" : "expat-centre";
}

/* "kzt" of a fee line as text: "730000.00", "not-stated", "none", or
 * "mci-unknown" when the data lacks the MCI of the year. */
static void line_amount(const struct rfee *f, char *out, size_t size) {
  if (f->mci_unknown)
    snprintf(out, size, "mci-unknown:%lld/100@%d", (long long)f->mci_centi,
             f->mci_year);
  else if (f->amount == AMOUNT_KZT || f->amount == AMOUNT_MCI)
    qujat_tiyn_plain(f->tiyn, out, size);
  else
    snprintf(out, size, "%s",
             f->amount == AMOUNT_NONE ? "none" : "not-stated");
}

/* Crockford's base 32: no I, L, O, U, so a reference reads aloud well. */
static void base32(const uint8_t *bytes, int chars, char *out) {
  static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  uint64_t v = 0;
  for (int i = 0; i < 8; i++)
    v = (v << 8) | bytes[i];
  for (int i = 0; i < chars; i++)
    out[i] = alphabet[(v >> (59 - 5 * i)) & 31];
  out[chars] = '\0';
}

static qujat_status make_reference(struct qujat_document *d) {
  struct buf b;
  qujat_buf_init(&b, 1 << 20);
  char date[11];
  qujat_date_format(d->date, date);
  qujat_status st = qujat_buf_addf(&b, "qujat-fees-1\nservice=%s\ndate=%s\n"
                                       "edition=%s\napplicant=%s\n",
                                   d->service->id, date, d->edition->id,
                                   d->applicant ? d->applicant : "");
  for (size_t i = 0; st == QUJAT_OK && i < d->nfees; i++) {
    char amount[32];
    line_amount(&d->fees[i], amount, sizeof amount);
    st = qujat_buf_addf(&b, "fee=%s,%s,%d,%s\n", kind_ids[d->fees[i].kind],
                        d->fees[i].label ? "labelled" : "", d->fees[i].persons,
                        amount);
  }
  char total[32];
  qujat_tiyn_plain(d->total, total, sizeof total);
  if (st == QUJAT_OK)
    st = qujat_buf_addf(&b, "total=%s,%d\n", total, d->total_complete);
  if (st == QUJAT_OK) {
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    sha256_update(&ctx, b.len, (const uint8_t *)b.data);
    sha256_digest(&ctx, sizeof digest, digest);
    char code[11];
    base32(digest, 10, code);
    char ref[32];
    snprintf(ref, sizeof ref, "QJ-%.5s-%.5s", code, code + 5);
    d->reference = qujat_arena_strdup(&d->arena, ref);
    if (!d->reference)
      st = QUJAT_ERR_NOMEM;
  }
  qujat_buf_free(&b);
  return st;
}

/* Whether the source states at least one fee of the slip: a total of no
 * stated fee is not "zero tenge" and has no amount in words. */
static int any_fee_counted(const struct qujat_document *d) {
  for (size_t i = 0; i < d->nfees; i++)
    if (d->fees[i].counted)
      return 1;
  return 0;
}

qujat_status qujat_rules_slip(struct qujat_document *d, qujat_error *err) {
  qujat_status st = make_reference(d);
  struct buf words;
  qujat_buf_init(&words, 4096);
  if (st == QUJAT_OK && any_fee_counted(d))
    st = qujat_money_in_words(&words, d->lang, d->total);
  if (st == QUJAT_OK && words.len &&
      !(d->in_words = qujat_arena_strndup(&d->arena, words.data, words.len)))
    st = QUJAT_ERR_NOMEM;
  qujat_buf_free(&words);
  /* A code only for a complete total: a partial one has none (a cashier
   * scanning it could take it for the whole). */
  if (st == QUJAT_OK && d->total_complete) {
    /* What the code says: enough to check a slip against its payment. */
    char total[32], date[11], payload[256];
    qujat_tiyn_plain(d->total, total, sizeof total);
    qujat_date_format(d->date, date);
    snprintf(payload, sizeof payload,
             "QUJAT-FEES;REF=%s;SERVICE=%s;DATE=%s;TOTAL=%s;CUR=KZT",
             d->reference, d->service->id, date, total);
    return qujat_qr_encode(payload, &d->arena, &d->qr, err);
  }
  if (st != QUJAT_OK)
    return qujat_err_set(err, st, NULL, 0, 0, "cannot make the fee slip: %s",
                         qujat_strerror(st));
  return QUJAT_OK;
}

/* ------------------------------------------------------------------------
 * The XML twin
 * ------------------------------------------------------------------------ */

/* Text escaped for XML content and attribute values. */
static qujat_status escaped(struct buf *b, const char *s) {
  qujat_status st = QUJAT_OK;
  for (; *s && st == QUJAT_OK; s++) {
    switch (*s) {
    case '&':
      st = qujat_buf_adds(b, "&amp;");
      break;
    case '<':
      st = qujat_buf_adds(b, "&lt;");
      break;
    case '>':
      st = qujat_buf_adds(b, "&gt;");
      break;
    case '"':
      st = qujat_buf_adds(b, "&quot;");
      break;
    default:
      st = qujat_buf_addc(b, *s);
    }
  }
  return st;
}

static qujat_status fee_element(struct buf *b, const struct rfee *f) {
  char amount[32];
  line_amount(f, amount, sizeof amount);
  qujat_status st = qujat_buf_addf(b, "  <fee kind=\"%s\" payee=\"%s\"",
                                   kind_ids[f->kind],
                                   qujat_fee_payee_id(f->kind));
  if (st == QUJAT_OK && f->mci_unknown) {
    char mci[32];
    qujat_centi_format(f->mci_centi, ".", mci, sizeof mci);
    st = qujat_buf_addf(b, " mci=\"%s\" mci-year=\"%d\" mci-known=\"false\"",
                        mci, f->mci_year);
  } else if (st == QUJAT_OK && f->amount == AMOUNT_MCI) {
    char mci[32], value[32];
    qujat_centi_format(f->mci_centi, ".", mci, sizeof mci);
    qujat_tiyn_plain(f->mci_tiyn, value, sizeof value);
    st = qujat_buf_addf(b, " mci=\"%s\" mci-value=\"%s\" mci-year=\"%d\"", mci,
                        value, f->mci_year);
  }
  if (st == QUJAT_OK && f->persons > 1)
    st = qujat_buf_addf(b, " persons=\"%d\"", f->persons);
  if (st == QUJAT_OK)
    st = f->mci_unknown                 ? QUJAT_OK
         : f->amount == AMOUNT_NOT_STATED ? qujat_buf_adds(b, " stated=\"false\"")
         : f->amount == AMOUNT_NONE     ? qujat_buf_adds(b, " none=\"true\"")
                                    : qujat_buf_addf(b, " kzt=\"%s\"", amount);
  if (st == QUJAT_OK && f->label) {
    st = qujat_buf_adds(b, " label=\"");
    if (st == QUJAT_OK)
      st = escaped(b, f->label);
    if (st == QUJAT_OK)
      st = qujat_buf_adds(b, "\"");
  }
  return st == QUJAT_OK ? qujat_buf_adds(b, "/>\n") : st;
}

qujat_status qujat_fees_xml(const struct qujat_document *d, struct buf *b) {
  static const char *const langs[NLANGS] = {"kk", "ru", "en"};
  char date[11], total[32];
  qujat_date_format(d->date, date);
  qujat_tiyn_plain(d->total, total, sizeof total);
  qujat_status st = qujat_buf_addf(
      b,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<fee-slip xmlns=\"urn:qujat:fees:1\" reference=\"%s\" service=\"%s\" "
      "date=\"%s\" edition=\"%s\" lang=\"%s\">\n  <title>",
      d->reference, d->service->id, date, d->edition->id, langs[d->lang]);
  if (st == QUJAT_OK)
    st = escaped(b, d->service->title.s[d->lang]);
  if (st == QUJAT_OK)
    st = qujat_buf_adds(b, "</title>\n");
  if (st == QUJAT_OK && d->applicant) {
    st = qujat_buf_adds(b, "  <applicant>");
    if (st == QUJAT_OK)
      st = escaped(b, d->applicant);
    if (st == QUJAT_OK)
      st = qujat_buf_adds(b, "</applicant>\n");
  }
  for (size_t i = 0; st == QUJAT_OK && i < d->nfees; i++)
    st = fee_element(b, &d->fees[i]);
  if (st == QUJAT_OK)
    st = qujat_buf_addf(b, "  <total kzt=\"%s\" complete=\"%s\">", total,
                        d->total_complete ? "true" : "false");
  if (st == QUJAT_OK)
    st = escaped(b, d->in_words ? d->in_words : "");
  if (st == QUJAT_OK)
    st = qujat_buf_adds(b, "</total>\n</fee-slip>\n");
  return st;
}
