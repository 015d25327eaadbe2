/* SPDX-License-Identifier: MIT */
/*
 * The fee slip's blocks: one section per payee (the Expat Centre's service
 * fee, the state budget's state fee) with its subtotal in figures and
 * words, the grand total, the blanks for what the sources do not give, and
 * the QR code for a complete total only. Part of compose.c's composer
 * (layout_internal.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout_internal.h"

/* An amount in words as a field "Amount in words: ...". */
static qujat_status words_field(struct composer *C, int64_t tiyn) {
  struct buf w;
  qujat_buf_init(&w, 4096);
  qujat_status st = qujat_money_in_words(&w, C->d->lang, tiyn);
  const char *text = NULL;
  if (st == QUJAT_OK && !(text = cmp_keep(C, &w)))
    st = QUJAT_ERR_NOMEM;
  qujat_buf_free(&w);
  return st == QUJAT_OK ? cmp_field(C, "field.in-words", text) : st;
}

/* A labelled blank line to fill in by hand: what the sources do not give
 * (the payer's IIN, the payee's bank details), never an invented value. */
static qujat_status blank_field(struct composer *C, const char *key) {
  return cmp_field(C, key, "______________________________");
}

/* The fees of one payee ("expat-centre", "state-budget") under its name,
 * with their subtotal in figures and in words; nothing when the slip has
 * none of its fees. `subtotal`: whether to add them up (there are two
 * payees). */
static qujat_status payee_section(struct composer *C, const char *payee,
                                  int subtotal) {
  struct qujat_document *d = C->d;
  size_t n = 0;
  int64_t sum = 0;
  int counted = 0, unknown = 0, not_stated = 0;
  for (size_t i = 0; i < d->nfees; i++) {
    const struct rfee *f = &d->fees[i];
    if (strcmp(qujat_fee_payee_id(f->kind), payee) != 0)
      continue;
    n++;
    if (f->counted) {
      sum += f->tiyn;
      counted = 1;
    }
    unknown |= f->mci_unknown;
    not_stated |= f->amount == AMOUNT_NOT_STATED;
  }
  if (n == 0)
    return QUJAT_OK;
  char key[64];
  snprintf(key, sizeof key, "payee.%s", payee);
  const char *name;
  qujat_status st = cmp_L(C, key, &name);
  struct block head = {.kind = BLK_SUBHEAD, .keep_with_next = 1};
  const struct farg args[] = {{"payee", name}};
  if (st == QUJAT_OK)
    st = cmp_Lf(C, "slip.paid-to", args, 1, &head.text);
  if (st == QUJAT_OK)
    st = cmp_push(C, head);
  for (size_t i = 0; st == QUJAT_OK && i < d->nfees; i++)
    if (strcmp(qujat_fee_payee_id(d->fees[i].kind), payee) == 0)
      st = cmp_fee_line_to(C, &d->fees[i], 0);
  if (st == QUJAT_OK && subtotal) {
    /* Nothing counted: no amount, and never "0.00". */
    struct block b = {.kind = BLK_TOTAL};
    st = cmp_L(C,
               counted && (unknown || not_stated) ? "slip.subtotal-partial"
                                                  : "slip.subtotal",
               &b.label);
    if (st == QUJAT_OK)
      st = counted ? cmp_money_text(C, sum, &b.value)
           : unknown
               ? cmp_L(C, "fee.total-unknown", &b.value)
               : cmp_L(C, not_stated ? "not-stated" : "fee.none", &b.value);
    if (st == QUJAT_OK)
      st = cmp_push(C, b);
    if (st == QUJAT_OK && counted)
      st = words_field(C, sum);
  }
  if (st == QUJAT_OK)
    st = blank_field(C, "slip.bank-details");
  return st;
}

/* The slip's amounts: a section per payee, each with its subtotal, then
 * the grand total (what cmp_fees() says of a checklist's fees, said per
 * payee); the year up to which the MCI amounts hold; the payer's IIN. */
static qujat_status slip_fees(struct composer *C) {
  struct qujat_document *d = C->d;
  int payees = 0, seen_ec = 0, seen_sb = 0, mci_year = 0;
  for (size_t i = 0; i < d->nfees; i++) {
    const struct rfee *f = &d->fees[i];
    int state = strcmp(qujat_fee_payee_id(f->kind), "state-budget") == 0;
    seen_sb |= state;
    seen_ec |= !state;
    /* An amount the MCI of a year sets: valid for payments in that year. */
    if (f->counted && f->amount == AMOUNT_MCI && f->mci_year > mci_year)
      mci_year = f->mci_year;
  }
  payees = seen_ec + seen_sb;
  qujat_status st = cmp_heading(C, "heading.to-pay");
  if (st == QUJAT_OK)
    st = payee_section(C, "expat-centre", payees > 1);
  if (st == QUJAT_OK)
    st = payee_section(C, "state-budget", payees > 1);
  if (st != QUJAT_OK)
    return st;
  int any_counted = 0, any_not_stated = 0;
  for (size_t i = 0; i < d->nfees; i++) {
    any_counted |= d->fees[i].counted;
    any_not_stated |= d->fees[i].amount == AMOUNT_NOT_STATED;
  }
  struct block total = {.kind = BLK_TOTAL};
  /* A partial total says so beside its amount. */
  const char *label = any_counted && !d->total_complete ? "slip.total-partial"
                      : payees > 1                      ? "slip.grand-total"
                                                        : "fee.total";
  if ((st = cmp_L(C, label, &total.label)) != QUJAT_OK)
    return st;
  st = any_counted      ? cmp_money_text(C, d->total, &total.value)
       : d->mci_missing ? cmp_L(C, "fee.total-unknown", &total.value)
                        : cmp_L(C, "not-stated", &total.value);
  if (st == QUJAT_OK)
    st = cmp_push(C, total);
  if (st == QUJAT_OK && d->in_words)
    st = cmp_field(C, "field.in-words", d->in_words);
  if (st == QUJAT_OK && mci_year) {
    const char *until;
    st = cmp_date_text(C, (struct date){mci_year, 12, 31}, &until);
    if (st == QUJAT_OK)
      st = cmp_field(C, "slip.valid-until", until);
  }
  if (st == QUJAT_OK)
    st = blank_field(C, "slip.payer-iin");
  if (st == QUJAT_OK)
    st = cmp_incomplete_notes(C, any_not_stated);
  if (st == QUJAT_OK) {
    struct block b = {.kind = BLK_PARA};
    st = cmp_L(C, "slip.blanks-note", &b.text);
    if (st == QUJAT_OK)
      st = cmp_push(C, b);
  }
  return st;
}

/* The fee slip: what to pay, to whom, in figures and in words, with a
 * scannable reference. */
qujat_status cmp_slip(struct composer *C) {
  struct qujat_document *d = C->d;
  qujat_status st;
  CHECK(cmp_header(C));
  CHECK(cmp_warnings(C));
  CHECK(slip_fees(C));
  CHECK(cmp_notes(C));
  struct block note = {.kind = BLK_PARA};
  CHECK(cmp_L(C, "slip.payees-note", &note.text));
  CHECK(cmp_push(C, note));
  /* The caption's total in the slip's number format ("1 119 250,00
   * тенге"); the code itself carries the plain "1119250.00". */
  const char *total = "";
  if (d->total_complete)
    CHECK(cmp_money_text(C, d->total, &total));
  const struct farg args[] = {{"reference", d->reference},
                              {"total", total},
                              {"file", QUJAT_FEES_ATTACHMENT}};
  if (d->total_complete && d->qr.size) {
    struct block qr = {.kind = BLK_QR, .qr = &d->qr};
    CHECK(cmp_Lf(C, "slip.qr-caption", args, 3, &qr.text));
    CHECK(cmp_push(C, qr));
  } else {
    /* A partial total has no code a cashier could take for the whole. */
    struct block no = {.kind = BLK_PARA};
    CHECK(cmp_Lf(C, "slip.no-qr", args, 3, &no.text));
    CHECK(cmp_push(C, no));
  }
  CHECK(cmp_footer(C));
done:
  return st;
}
