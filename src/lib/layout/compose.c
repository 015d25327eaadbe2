/* SPDX-License-Identifier: MIT */
/* Resolved document -> blocks, with every label from the locale. */
#include "layout/layout_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "catalog/catalog.h"
#include "rules/rules.h"

void qujat_blocks_free(struct blocks *b) {
  free(b->v);
  b->v = NULL;
  b->n = b->cap = 0;
}

/* ------------------------------------------------------------------------
 * Sections
 * ------------------------------------------------------------------------ */

/* Whether two reasons go under one item: equal, or one of them none. */
static int same_reason(const char *a, const char *b) {
  return !a || !b || a == b || strcmp(a, b) == 0;
}

/* "For the same reason as item n." */
static qujat_status reason_as(struct composer *C, int number,
                              const char **out) {
  char num[QUJAT_UINT_TEXT];
  qujat_int_text(num, number);
  const struct farg args[] = {{"n", num}};
  return cmp_Lf(C, "item.reason-as", args, 1, out);
}

static qujat_status documents(struct composer *C) {
  struct qujat_document *d = C->d;
  int checklist = d->kind == QUJAT_DOC_CHECKLIST;
  qujat_status st = cmp_heading(C, checklist ? "heading.documents"
                                             : "heading.required-documents");
  int number = 0;
  /* The brief form prints a reason once: a later item with the same one
   * refers to the first by its number. seen[k] is the reason item
   * seen_at[k] printed. */
  const char **seen = NULL;
  int *seen_at = NULL;
  size_t nseen = 0;
  if (d->brief && d->nitems > 0) {
    seen = qujat_arena_alloc(&d->arena, d->nitems * sizeof *seen);
    seen_at = qujat_arena_alloc(&d->arena, d->nitems * sizeof *seen_at);
    if (!seen || !seen_at)
      return QUJAT_ERR_NOMEM;
  }
  for (size_t i = 0; st == QUJAT_OK && i < d->nitems; i++) {
    const struct ritem *it = &d->items[i];
    struct block b = {.kind = BLK_ITEM,
                      .number = ++number,
                      .box = checklist,
                      .weak = it->status == ITEM_IF_APPLICABLE,
                      .text = it->text,
                      .sub2 = it->because};
    /* A document asked of several persons in a row (the same document,
     * the same reason, or none for some: the applicant's own, a family
     * member's because of a condition): its text once, the one reason, and
     * one box per person named under it (a grid of documents × persons),
     * not the text per person. */
    size_t n = 1;
    const char *why = it->because;
    while (checklist && it->person && i + n < d->nitems &&
           d->items[i + n].doc == it->doc && d->items[i + n].person &&
           d->items[i + n].status == it->status &&
           same_reason(why, d->items[i + n].because)) {
      if (!why)
        why = d->items[i + n].because;
      n++;
    }
    b.sub2 = why;
    if (seen && why) {
      size_t k = 0;
      while (k < nseen && strcmp(seen[k], why) != 0)
        k++;
      if (k < nseen)
        st = reason_as(C, seen_at[k], &b.sub2);
      else {
        seen[nseen] = why;
        seen_at[nseen++] = b.number;
      }
      if (st != QUJAT_OK)
        return st;
    }
    if (n > 1) {
      const char **names = qujat_arena_alloc(&d->arena, n * sizeof *names);
      if (!names)
        return QUJAT_ERR_NOMEM;
      for (size_t k = 0; k < n; k++)
        names[k] = d->items[i + k].person;
      b.box = 0;
      b.lines = names;
      b.nlines = n;
      i += n - 1;
    } else if (it->person) {
      const struct farg args[] = {{"name", it->person}};
      st = cmp_Lf(C, "item.for", args, 1, &b.sub);
    }
    if (st == QUJAT_OK)
      st = cmp_push(C, b);
  }
  if (st != QUJAT_OK || d->nomitted == 0 || d->brief)
    return st;
  st = cmp_heading(C, "heading.omitted");
  for (size_t i = 0; st == QUJAT_OK && i < d->nomitted; i++) {
    struct block b = {.kind = BLK_BULLET,
                      .text = d->omitted[i].text,
                      .sub = d->omitted[i].because};
    st = cmp_push(C, b);
  }
  return st;
}

static qujat_status timing(struct composer *C) {
  struct qujat_document *d = C->d;
  struct block b = {.kind = BLK_PARA, .text = d->timeframe};
  qujat_status st;
  if (d->brief && d->ndates > 0) {
    /* The brief form: the timeframe is the first line of the dates, under
     * one heading. */
    struct block f = {.kind = BLK_FIELD, .value = d->timeframe};
    st = cmp_heading(C, "heading.dates");
    if (st == QUJAT_OK)
      st = cmp_L(C, "heading.timeframe", &f.label);
    if (st == QUJAT_OK)
      st = cmp_push(C, f);
  } else {
    st = cmp_heading(C, "heading.timeframe");
    if (st == QUJAT_OK)
      st = cmp_push(C, b);
    if (st != QUJAT_OK || d->ndates == 0)
      return st;
    st = cmp_heading(C, "heading.dates");
  }
  /* An answer in words (the entry regime) reads as a paragraph, before the
   * dates. The brief form, for the window, keeps to the dates themselves:
   * no regime, no explanations. */
  for (size_t i = 0; st == QUJAT_OK && i < d->ndates; i++) {
    if (!d->dates[i].text || d->brief)
      continue;
    const struct farg a[] = {{"label", d->dates[i].label},
                             {"text", d->dates[i].text}};
    struct block p = {.kind = BLK_PARA};
    st = cmp_fmt(C, "{label}: {text}", a, 2, &p.text);
    if (st == QUJAT_OK)
      st = cmp_push(C, p);
  }
  for (size_t i = 0; st == QUJAT_OK && i < d->ndates; i++) {
    if (d->dates[i].text)
      continue;
    struct block f = {.kind = BLK_FIELD, .label = d->dates[i].label};
    st = cmp_date_text(C, d->dates[i].date, &f.value);
    if (st == QUJAT_OK)
      st = cmp_push(C, f);
  }
  /* Where each rule comes from. */
  for (size_t i = 0; st == QUJAT_OK && !d->brief && i < d->ndates; i++) {
    struct block note = {.kind = BLK_PARA, .text = d->dates[i].note};
    if (note.text && !d->dates[i].text)
      st = cmp_push(C, note);
  }
  if (st == QUJAT_OK && !d->brief &&
      (d->service->window.present || d->working_days)) {
    struct block note = {.kind = BLK_PARA};
    st = cmp_L(C, "dates.working-days", &note.text);
    if (st == QUJAT_OK)
      st = cmp_push(C, note);
  }
  return st;
}

static qujat_status steps(struct composer *C) {
  struct qujat_document *d = C->d;
  if (d->nsteps == 0)
    return QUJAT_OK;
  qujat_status st = cmp_heading(C, "heading.steps");
  for (size_t i = 0; st == QUJAT_OK && i < d->nsteps; i++) {
    struct block h = {.kind = BLK_SUBHEAD, .text = d->steps[i].title};
    st = cmp_push(C, h);
    for (size_t j = 0; st == QUJAT_OK && j < d->steps[i].nbullets; j++) {
      struct block b = {.kind = BLK_BULLET, .text = d->steps[i].bullets[j]};
      st = cmp_push(C, b);
    }
  }
  return st;
}

/* The service overview lists where each of its facts comes from. */
static qujat_status sources(struct composer *C) {
  struct qujat_document *d = C->d;
  const struct service *s = d->service;
  const struct fee_table *t = qujat_find_fee_table(s, d->edition);
  const struct cites *lists[] = {&s->cites, t ? &t->cites : NULL,
                                 &s->timeframe.cites};
  qujat_status st = cmp_heading(C, "heading.sources");
  for (size_t l = 0; st == QUJAT_OK && l < 3; l++) {
    for (size_t i = 0; lists[l] && st == QUJAT_OK && i < lists[l]->n; i++) {
      const struct cite *c = &lists[l]->v[i];
      /* The source by its title and edition: the reader has the
       * guidebook, not the data's file names. */
      struct block b = {.kind = BLK_BULLET,
                        .text = c->section,
                        .sub = c->source->title.s[d->lang]};
      st = cmp_push(C, b);
    }
  }
  return st;
}

/* An administrative fine: the article, what chose the sanction, the amount
 * for the date's MCI and what the article adds ("or expulsion"). */
static qujat_status fine(struct composer *C) {
  struct qujat_document *d = C->d;
  const struct fine *f = d->fine;
  qujat_status st;
  struct block title = {.kind = BLK_TITLE};
  struct block sub = {.kind = BLK_SUBTITLE, .text = f->title.s[d->lang]};
  const char *article, *date, *days;
  const struct farg art[] = {{"article", f->article}};
  CHECK(cmp_L(C, "fine.title", &title.text));
  CHECK(cmp_push(C, title));
  CHECK(cmp_push(C, sub));
  CHECK(cmp_Lf(C, "fine.article", art, 1, &article));
  CHECK(cmp_field(C, "field.article", article));
  CHECK(cmp_date_text(C, d->date, &date));
  CHECK(cmp_field(C, "field.date", date));
  if (f->by_days) {
    char n[16];
    snprintf(n, sizeof n, "%d", d->days);
    const struct farg args[] = {{"n", n}};
    CHECK(cmp_Lf(C, "fine.days-value", args, 1, &days));
    CHECK(cmp_field(C, "field.days-late", days));
  }
  if (f->by_size) {
    static const char *const keys[] = {"", "size.small", "size.medium",
                                       "size.large"};
    const char *size;
    CHECK(cmp_L(C, keys[d->size], &size));
    CHECK(cmp_field(C, "field.business-size", size));
  }
  CHECK(cmp_warnings(C));
  CHECK(cmp_heading(C, "heading.fine"));
  CHECK(cmp_fee_line(C, &d->fees[0]));
  /* What the article adds to the fine: from the band, else the fine. */
  const struct text3 *also = d->band->has_also ? &d->band->also
                             : f->has_also     ? &f->also
                                               : NULL;
  if (also) {
    struct block b = {.kind = BLK_PARA};
    const struct farg args[] = {{"also", also->s[d->lang]}};
    CHECK(cmp_Lf(C, "fine.also", args, 1, &b.text));
    CHECK(cmp_push(C, b));
  }
  const struct cite *c = &f->cites.v[0];
  const struct farg src[] = {{"title", c->source->title.s[d->lang]},
                             {"file", c->source->file}};
  struct block foot = {.kind = BLK_FOOTER};
  CHECK(cmp_Lf(C, d->mci_missing ? "footer.fine-mci-missing" : "footer.fine",
               src, 2, &foot.text));
  CHECK(cmp_push(C, foot));
done:
  return st;
}

/* A letter, in as many marked copies as asked, each on its own pages.
 * The undertakings' introduction stays with the first undertaking and the
 * last undertaking with the signature, which never stands alone. */
static qujat_status letter(struct composer *C) {
  struct qujat_document *d = C->d;
  const struct rletter *L = d->letter;
  qujat_status st = QUJAT_OK;
  for (int copy = 1; st == QUJAT_OK && copy <= L->copies; copy++) {
    char n[16], total[16];
    snprintf(n, sizeof n, "%d", copy);
    snprintf(total, sizeof total, "%d", L->copies);
    /* Kazakh says "2-нің 1-данасы": the genitive of the number of copies,
     * from the template's list "1-дің|2-нің|...". */
    char of[64];
    snprintf(of, sizeof of, "%s", total);
    for (const char *g = L->t->copies_of; g && *g;) {
      size_t len = strcspn(g, "|");
      size_t digits = strspn(g, "0123456789");
      if (digits == strlen(total) && strncmp(g, total, digits) == 0 &&
          len < sizeof of) {
        memcpy(of, g, len);
        of[len] = '\0';
        break;
      }
      g += len + (g[len] == '|');
    }
    const struct farg args[] = {{"n", n}, {"copies", total}, {"copies-of", of}};
    struct block mark = {.kind = BLK_COPYMARK};
    struct block head = {.kind = BLK_LETTERHEAD,
                         .text = L->company,
                         .lines = L->details,
                         .nlines = L->ndetails};
    if (L->head_kk_ru)
      head = (struct block){.kind = BLK_LETTERHEAD,
                            .text = L->head_company[0],
                            .lines = L->head_details[0],
                            .nlines = L->head_ndetails[0],
                            .value = L->head_company[1],
                            .lines2 = L->head_details[1],
                            .nlines2 = L->head_ndetails[1]};
    if (L->no_letterhead)
      head = (struct block){.kind = BLK_LETTERHEAD};
    struct block run = {.kind = BLK_RUNHEAD, .text = L->outgoing};
    struct block out = {.kind = BLK_PARA, .text = L->outgoing};
    struct block to = {
        .kind = BLK_ADDRESSEE, .lines = L->addressee, .nlines = L->naddressee};
    struct block subject = {.kind = BLK_SUBJECT, .text = L->subject};
    struct block body = {.kind = BLK_PARA, .text = L->body};
    struct block table = {.kind = BLK_TABLE,
                          .cells = L->cells,
                          .nrows = (int)L->npersons + 1,
                          .ncols = LETTER_COLUMNS};
    struct block stay = {.kind = BLK_PARA, .text = L->stay};
    struct block intro = {
        .kind = BLK_PARA, .text = L->undertakings, .keep_with_next = 1};
    struct block sign = {.kind = BLK_SIGNATURE,
                         .text = L->position,
                         .value = L->head,
                         .sub = L->t->stamp};
    struct block brk = {.kind = BLK_PAGEBREAK};
    if (copy > 1)
      CHECK(cmp_push(C, brk));
    /* Past the newest edition: the person who prints is told first, on
     * the first copy (the letter's own checks go to stderr only). */
    if (copy == 1 && d->past_edition) {
      struct block w = {.kind = BLK_WARNING, .text = d->past_edition};
      CHECK(cmp_push(C, w));
    }
    CHECK(cmp_fmt(C, L->t->copy_mark, args, 3, &mark.text));
    run.value = mark.text;
    const struct block parts[] = {mark,    run,  head,  out,  to,
                                  subject, body, table, stay, intro};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
      CHECK(cmp_push(C, parts[i]));
    for (size_t i = 0; i < L->nundertaking; i++) {
      struct block b = {.kind = BLK_BULLET,
                        .text = L->undertaking[i],
                        .keep_with_next = i + 1 == L->nundertaking};
      CHECK(cmp_push(C, b));
    }
    /* "Исп.: ..." stays on the page of the signature, never alone. */
    sign.keep_with_next = L->nfoot > 0;
    CHECK(cmp_push(C, sign));
    if (L->nfoot) {
      struct block by = {
          .kind = BLK_PREPARED, .lines = L->foot, .nlines = L->nfoot};
      CHECK(cmp_push(C, by));
    }
  }
done:
  return st;
}

qujat_status qujat_compose(struct qujat_document *d, struct blocks *out,
                           qujat_error *err) {
  struct composer C = {d, out, err};
  qujat_status st;
  out->v = NULL;
  out->n = out->cap = 0;
  if (d->kind == QUJAT_DOC_FINE) {
    CHECK(fine(&C));
    return QUJAT_OK;
  }
  if (d->kind == QUJAT_DOC_FEES) {
    CHECK(cmp_slip(&C));
    return QUJAT_OK;
  }
  if (d->kind == QUJAT_DOC_LETTER) {
    CHECK(letter(&C));
    return QUJAT_OK;
  }
  CHECK(cmp_header(&C));
  CHECK(cmp_warnings(&C));
  if (d->kind == QUJAT_DOC_SERVICE) {
    struct block desc = {.kind = BLK_PARA,
                         .text = d->service->description.s[d->lang]};
    CHECK(cmp_push(&C, desc));
    CHECK(steps(&C));
  }
  CHECK(documents(&C));
  CHECK(cmp_fees(&C));
  CHECK(timing(&C));
  /* The brief form is what to bring and pay, for the window. */
  if (d->kind == QUJAT_DOC_CHECKLIST && !d->brief)
    CHECK(steps(&C));
  if (!d->brief)
    CHECK(cmp_notes(&C));
  if (d->kind == QUJAT_DOC_SERVICE)
    CHECK(sources(&C));
  CHECK(cmp_footer(&C));
done:
  if (st != QUJAT_OK)
    qujat_blocks_free(out);
  return st;
}
