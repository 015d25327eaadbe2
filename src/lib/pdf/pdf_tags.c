/* SPDX-License-Identifier: MIT */
/*
 * The tagged structure of a PDF (pdf_tags.h), through libharu's object API.
 *
 * Every block of the document gets its element, in block order, and for
 * kk+ru the Kazakh one before the Russian one, each with its /Lang:
 *   title H1; subtitle and headings H2; step titles H3; items and bullets
 *   LI in an L (Lbl: the item's number, LBody: the rest); fee lines and the
 *   total TR in a Table (TD); the letter's table of persons a Table; the QR
 *   code a Figure with /Alt; everything else P.
 * Marked content (BDC with an MCID) ties the drawn text to its element; the
 * page numbers, the running header and the repeated footer are pagination
 * artifacts, rules and boxes layout artifacts. Elements are kept small
 * (no /Type, integer MCIDs with /Pg where the content is on one page):
 * they are a good part of the file.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_tags.h"

struct elem {
  HPDF_Dict dict;
  HPDF_Array k;
  HPDF_Page pg;    /* the page of /Pg, NULL before the first MCID */
  const char *tag; /* of its marked content */
  int used;        /* has content already (an item's Lbl: drawn once) */
};

/* The marked content open: an element, or one of these artifacts. */
static struct elem pagination, layout_artifact;

struct tags {
  HPDF_Doc doc;
  const struct blocks *side[2];
  size_t nblocks;
  HPDF_Dict root, document;
  /* Per block and side: [0] its text, [1] its figure (the QR code),
   * [2] the Lbl of an item; NULL dict: no element (an artifact). */
  struct elem *leaf;
  struct elem **cells; /* per block and side: a table's cells, or NULL */
  HPDF_Array nums;         /* the ParentTree's /Nums */
  HPDF_Array page_parents; /* MCID -> element, this page */
  HPDF_Page page;
  int mcid, open;
  const struct elem *key;
};

static HPDF_Dict new_elem(struct tags *t, HPDF_Dict parent, const char *s,
                          const char *lang, HPDF_Array *k) {
  HPDF_MMgr mm = t->doc->mmgr;
  HPDF_Dict e = HPDF_Dict_New(mm);
  HPDF_Array kids = HPDF_Array_New(mm);
  if (!e || !kids || HPDF_Xref_Add(t->doc->xref, e) != HPDF_OK)
    return NULL;
  HPDF_STATUS rc = HPDF_Dict_AddName(e, "S", s);
  rc |= HPDF_Dict_Add(e, "P", parent);
  rc |= HPDF_Dict_Add(e, "K", kids);
  if (lang)
    rc |= HPDF_Dict_Add(e, "Lang", HPDF_String_New(mm, lang, NULL));
  HPDF_Array pk = HPDF_Dict_GetItem(parent, "K", HPDF_OCLASS_ARRAY);
  rc |= pk ? HPDF_Array_Add(pk, e) : HPDF_FAILD_TO_ALLOC_MEM;
  if (k)
    *k = kids;
  return rc == HPDF_OK ? e : NULL;
}

static struct elem *leaf(struct tags *t, size_t block, int side, int which) {
  return &t->leaf[(block * 2 + (size_t)side) * 3 + (size_t)which];
}

static int build(struct tags *t, const char *langs[2]) {
  HPDF_Dict group = NULL; /* the L or Table open */
  enum block_kind group_kind = BLK_TITLE;
  int nsides = t->side[1] ? 2 : 1;
  for (size_t i = 0; i < t->nblocks; i++)
    for (int s = 0; s < nsides; s++) {
      const struct block *b = &t->side[s]->v[i];
      /* The document says its language; with a twin column, each
       * column's elements say theirs. */
      const char *lang = nsides == 2 ? langs[s] : NULL;
      HPDF_Dict e = NULL;
      struct elem *text = leaf(t, i, s, 0);
      int list = b->kind == BLK_ITEM || b->kind == BLK_BULLET;
      int row = b->kind == BLK_FEE || b->kind == BLK_TOTAL;
      if (!(list || row))
        group = NULL;
      else if (!group || group_kind != (list ? BLK_ITEM : BLK_FEE)) {
        if (!(group = new_elem(t, t->document, list ? "L" : "Table", NULL,
                               NULL)))
          return 0;
        group_kind = list ? BLK_ITEM : BLK_FEE;
      }
      switch (b->kind) {
      case BLK_FOOTER:
      case BLK_PAGEBREAK:
        continue;
      case BLK_TITLE:
        e = new_elem(t, t->document, "H1", lang, &text->k);
        break;
      case BLK_SUBTITLE:
      case BLK_HEADING:
        e = new_elem(t, t->document, "H2", lang, &text->k);
        break;
      case BLK_SUBHEAD:
        e = new_elem(t, t->document, "H3", lang, &text->k);
        break;
      case BLK_ITEM:
      case BLK_BULLET: {
        HPDF_Dict li = new_elem(t, group, "LI", lang, NULL);
        if (!li)
          return 0;
        if (b->kind == BLK_ITEM && b->number > 0 && s == 0) {
          /* Only the left column draws the number (layout_blocks.c). */
          struct elem *lbl = leaf(t, i, s, 2);
          lbl->tag = "Lbl";
          if (!(lbl->dict = new_elem(t, li, "Lbl", NULL, &lbl->k)))
            return 0;
        }
        e = new_elem(t, li, "LBody", NULL, &text->k);
        break;
      }
      case BLK_FEE:
      case BLK_TOTAL: {
        HPDF_Dict tr = new_elem(t, group, "TR", lang, NULL);
        e = tr ? new_elem(t, tr, "TD", NULL, &text->k) : NULL;
        break;
      }
      case BLK_TABLE: {
        /* Row 0 the column titles (TH), the persons below (TD); each
         * text op of the table points into the cell it draws. */
        HPDF_Dict table = new_elem(t, t->document, "Table", lang, NULL);
        size_t ncells = (size_t)b->nrows * (size_t)b->ncols;
        struct elem *cell = calloc(ncells + 1, sizeof *cell);
        if (!table || !cell) {
          free(cell);
          return 0;
        }
        t->cells[i * 2 + (size_t)s] = cell;
        for (int r = 0; r < b->nrows; r++) {
          HPDF_Dict tr = new_elem(t, table, "TR", NULL, NULL);
          if (!tr)
            return 0;
          for (int c = 0; c < b->ncols; c++) {
            struct elem *x = &cell[r * b->ncols + c];
            x->tag = r == 0 ? "TH" : "TD";
            if (!(x->dict = new_elem(t, tr, x->tag, NULL, &x->k)))
              return 0;
          }
        }
        continue;
      }
      case BLK_QR: {
        struct elem *fig = leaf(t, i, s, 1);
        fig->tag = "Figure";
        fig->dict = new_elem(t, t->document, "Figure", lang, &fig->k);
        if (!fig->dict ||
            HPDF_Dict_Add(fig->dict, "Alt",
                          HPDF_String_New(t->doc->mmgr,
                                          b->text ? b->text : "QR code",
                                          NULL)) != HPDF_OK)
          return 0;
        e = new_elem(t, t->document, "P", lang, &text->k);
        break;
      }
      default:
        e = new_elem(t, t->document, "P", lang, &text->k);
      }
      if (!e)
        return 0;
      text->dict = e;
      text->tag = "P";
    }
  return 1;
}

struct tags *qujat_tags_new(HPDF_Doc doc, const struct blocks *left,
                            const struct blocks *right,
                            const char *lang_left, const char *lang_right) {
  struct tags *t = calloc(1, sizeof *t);
  if (!t)
    return NULL;
  t->doc = doc;
  t->side[0] = left;
  t->side[1] = right;
  t->nblocks = left->n;
  t->leaf = calloc(left->n * 6 + 1, sizeof *t->leaf);
  t->cells = calloc(left->n * 2 + 1, sizeof *t->cells);
  HPDF_MMgr mm = doc->mmgr;
  HPDF_Array kids = HPDF_Array_New(mm);
  t->root = HPDF_Dict_New(mm);
  t->nums = HPDF_Array_New(mm);
  const char *langs[2] = {lang_left, lang_right};
  if (!t->leaf || !t->cells || !kids || !t->root || !t->nums ||
      HPDF_Xref_Add(doc->xref, t->root) != HPDF_OK ||
      HPDF_Dict_AddName(t->root, "Type", "StructTreeRoot") != HPDF_OK ||
      HPDF_Dict_Add(t->root, "K", kids) != HPDF_OK ||
      !(t->document = new_elem(t, t->root, "Document", lang_left, NULL)) ||
      !build(t, langs)) {
    qujat_tags_free(t);
    return NULL;
  }
  return t;
}

void qujat_tags_free(struct tags *t) {
  if (!t)
    return;
  if (t->cells)
    for (size_t i = 0; i < t->nblocks * 2; i++)
      free(t->cells[i]);
  free(t->cells);
  free(t->leaf);
  free(t);
}

HPDF_STATUS qujat_tags_page(struct tags *t, HPDF_Page page, size_t index) {
  t->page = page;
  t->mcid = 0;
  t->open = 0;
  t->key = NULL;
  t->page_parents = HPDF_Array_New(t->doc->mmgr);
  if (!t->page_parents)
    return HPDF_FAILD_TO_ALLOC_MEM;
  HPDF_STATUS rc = HPDF_Array_AddNumber(t->nums, (HPDF_INT32)index);
  rc |= HPDF_Array_Add(t->nums, t->page_parents);
  rc |= HPDF_Dict_AddNumber(page, "StructParents", (HPDF_INT32)index);
  return rc;
}

/* Is `o` the number of its item ("12.")? */
static int is_label(const struct op *o) {
  size_t k = 0;
  while (k < o->len && o->text[k] >= '0' && o->text[k] <= '9')
    k++;
  return k > 0 && k + 1 == o->len && o->text[k] == '.';
}

/* The cell of table block `b` that text op `o` draws: its text points
 * into the cell's string. */
static int cell_of(const struct block *b, const struct op *o) {
  uintptr_t at = (uintptr_t)o->text;
  for (int k = 0; k < b->nrows * b->ncols; k++) {
    uintptr_t from = (uintptr_t)b->cells[k];
    if (b->cells[k] && at >= from && at + o->len <= from + strlen(b->cells[k]))
      return k;
  }
  return -1;
}

/* The marked content `o` belongs to: an element, or an artifact. */
static const struct elem *key_of(const struct tags *t, const struct op *o) {
  if (o->block <= 0 || (size_t)o->block > t->nblocks)
    return &pagination;
  size_t i = (size_t)o->block - 1;
  const struct block *b = &t->side[o->side]->v[i];
  if (b->kind == BLK_FOOTER)
    return &pagination;
  if (o->kind != OP_TEXT && b->kind != BLK_QR)
    return &layout_artifact;
  const struct elem *cells = t->cells[i * 2 + (size_t)o->side];
  if (cells) {
    int k = cell_of(b, o);
    if (k < 0)
      return &layout_artifact;
    /* The column titles repeated on the next page: pagination. */
    if (k < b->ncols && cells[k].pg && cells[k].pg != t->page)
      return &pagination;
    return &cells[k];
  }
  const struct elem *base = &t->leaf[(i * 2 + (size_t)o->side) * 3];
  /* A letter's copy mark repeated on the pages its copy continues on. */
  if (b->kind == BLK_COPYMARK && base[0].pg && base[0].pg != t->page)
    return &pagination;
  if (o->kind != OP_TEXT)
    return base[1].dict ? &base[1] : &layout_artifact;
  if (base[2].dict && !base[2].used && is_label(o))
    return &base[2];
  return base[0].dict ? &base[0] : &layout_artifact;
}

int qujat_tags_wants_switch(const struct tags *t, const struct op *o) {
  return key_of(t, o) != t->key;
}

qujat_status qujat_tags_switch(struct tags *t, const struct op *o,
                               struct buf *out) {
  const struct elem *key = key_of(t, o);
  if (key == t->key)
    return QUJAT_OK;
  qujat_status st = t->open ? qujat_buf_adds(out, "EMC\n") : QUJAT_OK;
  t->open = 0;
  t->key = key;
  if (st != QUJAT_OK)
    return st;
  if (key == &pagination)
    st = qujat_buf_adds(out, "/Artifact<</Type/Pagination>>BDC\n");
  else if (key == &layout_artifact)
    st = qujat_buf_adds(out, "/Artifact<</Type/Layout>>BDC\n");
  else {
    struct elem *e = (struct elem *)key; /* one of t's */
    e->used = 1;
    HPDF_STATUS rc;
    int mcid = t->mcid++;
    if (!e->pg) {
      e->pg = t->page;
      rc = HPDF_Dict_Add(e->dict, "Pg", t->page);
      rc |= HPDF_Array_AddNumber(e->k, mcid);
    } else if (e->pg == t->page) {
      rc = HPDF_Array_AddNumber(e->k, mcid);
    } else {
      HPDF_Dict mcr = HPDF_Dict_New(t->doc->mmgr);
      rc = mcr ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
      rc |= HPDF_Dict_AddName(mcr, "Type", "MCR");
      rc |= HPDF_Dict_Add(mcr, "Pg", t->page);
      rc |= HPDF_Dict_AddNumber(mcr, "MCID", mcid);
      rc |= HPDF_Array_Add(e->k, mcr);
    }
    rc |= HPDF_Array_Add(t->page_parents, e->dict);
    if (rc != HPDF_OK)
      return QUJAT_ERR_NOMEM;
    st = qujat_buf_addf(out, "/%s<</MCID %d>>BDC\n", e->tag, mcid);
  }
  t->open = st == QUJAT_OK;
  return st;
}

qujat_status qujat_tags_end_page(struct tags *t, struct buf *out) {
  qujat_status st = t->open ? qujat_buf_adds(out, "EMC\n") : QUJAT_OK;
  t->open = 0;
  t->key = NULL;
  return st;
}

HPDF_STATUS qujat_tags_finish(struct tags *t) {
  HPDF_MMgr mm = t->doc->mmgr;
  HPDF_Dict parent_tree = HPDF_Dict_New(mm);
  HPDF_Dict mark = HPDF_Dict_New(mm);
  if (!parent_tree || !mark)
    return HPDF_FAILD_TO_ALLOC_MEM;
  HPDF_STATUS rc = HPDF_Dict_Add(parent_tree, "Nums", t->nums);
  rc |= HPDF_Xref_Add(t->doc->xref, parent_tree);
  rc |= HPDF_Dict_Add(t->root, "ParentTree", parent_tree);
  rc |= HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
  rc |= HPDF_Dict_Add(t->doc->catalog, "MarkInfo", mark);
  rc |= HPDF_Dict_Add(t->doc->catalog, "StructTreeRoot", t->root);
  return rc;
}
