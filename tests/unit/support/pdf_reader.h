/* SPDX-License-Identifier: MIT */
/* A reader of our own for what qujat writes into a PDF, to test it
 * without the library: literal strings, content streams (numbers, names,
 * strings and operators) and the objects of a whole file. */
#ifndef QUJAT_TEST_PDF_READER_H
#define QUJAT_TEST_PDF_READER_H

#include <stddef.h>

/* Decodes the PDF literal string `s[0..len)`, which must be exactly one
 * string, as a reader does (ISO 32000-1, 7.3.4.2); counts the parentheses
 * left unescaped in `*bare`. Returns the number of bytes in `out`. */
size_t decode_literal(const char *s, size_t len, unsigned char *out, size_t cap,
                      int *bare);

/* One operator of a content stream with its operands: numbers (in
 * thousandths, and whether written with more than three decimals), a
 * name, a string's bytes. An array of strings and numbers (TJ's) gives
 * the bytes of its strings one after another in `str`, and its numbers, as
 * written (integers), in `adj`, each with the number of string bytes
 * before it in `adj_at`. */
struct cop {
  char op[8];
  int nnum;
  long long num[6];
  int fine[6];
  char name[32];
  unsigned char *str; /* malloc'ed */
  size_t nstr;
  int has_str;
  int is_array;
  long *adj;      /* malloc'ed */
  size_t *adj_at; /* malloc'ed */
  size_t nadj;
};

struct content {
  struct cop *ops;
  size_t n, cap;
};

/* Parses the content stream s[0..len): numbers, names, literal strings,
 * arrays of literal strings and integers, and operators, nothing else (no
 * nested arrays, dictionaries or hex strings). */
void parse_content(const char *s, size_t len, struct content *c);
void content_free(struct content *c);

/* The CIDs of a decoded string (two bytes each). */
size_t cop_cids(const struct cop *o, unsigned *cids, size_t cap);

/* Its codes: two bytes each, or one with `one_byte` (a simple font). */
size_t cop_codes(const struct cop *o, int one_byte, unsigned *codes,
                 size_t cap);

/* A whole PDF file. */
struct pdf_file {
  const unsigned char *p;
  size_t len;
  size_t *obj; /* offset of each object by number; 0: none */
  size_t nobj;
};

/* The objects' offsets from the cross-reference table; free() f->obj. */
void pdf_open(struct pdf_file *f, const unsigned char *p, size_t len);

/* The text of object `num` from its "num 0 obj" to its "endobj" (or
 * "stream"), NUL-terminated (a NUL within becomes a space); free() it. */
char *pdf_dict(const struct pdf_file *f, unsigned long num);

/* The inflated stream of object `num`; free() it. */
unsigned char *pdf_stream(const struct pdf_file *f, unsigned long num,
                          size_t *out_len);

/* The object `key` refers to in `dict` ("/key N 0 R"), or 0. */
unsigned long pdf_ref(const char *dict, const char *key);

/* The value of name `key` in `dict` ("/key /Name"), or "". */
void pdf_name(const char *dict, const char *key, char *out, size_t cap);

#endif
