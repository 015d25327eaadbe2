/* SPDX-License-Identifier: MIT */
/* Spreadsheet text in UTF-8, UTF-16, CP1251 or KZ-1048, read as UTF-8. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "batch/batch.h"
#include "base/base.h"

struct encoding {
  const char *name;  /* as qujat says it */
  const char *iconv; /* as glibc knows it (PITFALLS: KZ-1048 is RK1048) */
  unsigned unit;
};

static const struct encoding encodings[] = {
    {"UTF-8", "UTF-8", 1},       {"UTF-16LE", "UTF-16LE", 2},
    {"UTF-16BE", "UTF-16BE", 2}, {"CP1251", "CP1251", 1},
    {"KZ-1048", "RK1048", 1}};

enum { UTF8, UTF16LE, UTF16BE, CP1251, KZ1048 };

/* Other names people use for them. */
static int named(const char *s) {
  static const struct {
    const char *alias;
    int e;
  } aliases[] = {{"UTF-8", UTF8},          {"UTF8", UTF8},
                 {"UTF-16LE", UTF16LE},    {"UTF-16BE", UTF16BE},
                 {"CP1251", CP1251},       {"WINDOWS-1251", CP1251},
                 {"KZ-1048", KZ1048},      {"RK1048", KZ1048},
                 {"STRK1048-2002", KZ1048}};
  for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
    if (strcasecmp(s, aliases[i].alias) == 0)
      return aliases[i].e;
  return -1;
}

static qujat_status fill(struct decoder *d, qujat_error *err) {
  if (d->in_pos > 0) {
    memmove(d->in, d->in + d->in_pos, d->in_len - d->in_pos);
    d->offset += (long long)d->in_pos;
    d->in_len -= d->in_pos;
    d->in_pos = 0;
  }
  while (!d->eof && d->in_len < sizeof d->in) {
    size_t n;
    qujat_status st = qujat_read_some(d->fd, d->in + d->in_len,
                                      sizeof d->in - d->in_len, -1, d->path,
                                      &n, err);
    if (st != QUJAT_OK)
      return st;
    if (n == 0)
      d->eof = 1;
    d->in_len += n;
  }
  return QUJAT_OK;
}

/* UTF-16 without a byte order mark: zero high bytes on ASCII. */
static int utf16_guess(const unsigned char *p, size_t n) {
  size_t even = 0, odd = 0;
  for (size_t i = 0; i + 1 < n; i += 2) {
    even += p[i] == 0;
    odd += p[i + 1] == 0;
  }
  size_t pairs = n / 2;
  if (pairs >= 2 && odd * 3 > pairs && even * 10 < pairs)
    return UTF16LE;
  if (pairs >= 2 && even * 3 > pairs && odd * 10 < pairs)
    return UTF16BE;
  return -1;
}

/* ------------------------------------------------------------------------
 * Which encoding, on the evidence of the whole file
 * ------------------------------------------------------------------------ */

/* CP1251 and KZ-1048 agree on Russian and differ on 16 bytes: where
 * KZ-1048 has the Kazakh letters Ғ Қ Ң Һ Ә Ө Ұ Ү, CP1251 has Ukrainian and
 * Belarusian ones (Є Ї Ґ Ў) or Serbian and Macedonian ones (Ќ Ћ Ј Ѕ). A
 * byte alone cannot tell Ukrainian Є from Kazakh Ғ: the words can. Each
 * word that holds such a byte is read both ways and checked against rules
 * that real words keep (Ukrainian ї and є, Belarusian ў come first or after
 * a vowel; a Kazakh ә ө ү ұ never stands beside another vowel; a word has a
 * vowel...). The reading that alone makes words wins. */
enum {
  L_LETTER = 1,       /* part of a word */
  L_VOWEL = 2,        /* а е ё и о у ы э ю я і ї є ә ө ү ұ */
  L_GLIDE = 4,        /* и у ю я: glides beside a Kazakh vowel (Сәуле, ұя) */
  L_KZ = 8,           /* ә ғ қ ң һ ө ұ ү */
  L_KZ_VOWEL = 16,    /* ә ө ү ұ */
  L_NOT_KZ = 32,      /* ё ц щ ъ ь э: never in a word with Kazakh letters */
  L_SERBIAN = 64,     /* Ќ Ћ Ј Ѕ */
  L_UK = 128,         /* є ї ґ */
  L_AFTER_V = 256,    /* є ї ў: first, or after a vowel or an apostrophe */
  L_BE = 512,         /* ў */
  L_NOT_UK = 1024,    /* ё ъ ы э: Ukrainian has none */
  L_NOT_BE = 2048,    /* и щ ъ: Belarusian has none */
  L_APOS = 4096,      /* ' or ’ inside a word (Ukrainian м'ясо) */
  L_NOT_FIRST = 8192, /* ң never starts a word */
  L_DIFF = 16384      /* a byte the two code pages read otherwise */
};

static const unsigned char differing[] = {0x8d, 0x8e, 0x9d, 0x9e, 0xa1, 0xa2,
                                          0xa3, 0xa5, 0xaa, 0xaf, 0xb4, 0xba,
                                          0xbc, 0xbd, 0xbe, 0xbf};

/* The class of each byte read as CP1251 (`kz` = 0) or as KZ-1048. */
static void byte_classes(unsigned short *c, int kz) {
  memset(c, 0, 256 * sizeof *c);
  for (int b = 0xc0; b <= 0xff; b++) {
    int i = b & 0x1f; /* А..Я and а..я in the same order */
    c[b] = L_LETTER;
    if (i == 0 || i == 5 || i == 8 || i == 14 || i == 19 || i == 27 ||
        i == 29 || i == 30 || i == 31)
      c[b] |= L_VOWEL;
    if (i == 8 || i == 19 || i == 30 || i == 31)
      c[b] |= L_GLIDE; /* И У Ю Я */
    if (i == 22 || i == 25 || i == 26 || i == 28 || i == 29)
      c[b] |= L_NOT_KZ; /* Ц Щ Ъ Ь Э */
    if (i == 26 || i == 27 || i == 29)
      c[b] |= L_NOT_UK; /* Ъ Ы Э */
    if (i == 8 || i == 25 || i == 26)
      c[b] |= L_NOT_BE; /* И Щ Ъ */
  }
  c[0xa8] = c[0xb8] = L_LETTER | L_VOWEL | L_NOT_KZ | L_NOT_UK; /* Ё */
  c[0xb2] = c[0xb3] = L_LETTER | L_VOWEL;                       /* І */
  c[0x27] = c[0x92] = L_APOS;
  for (size_t k = 0; k < sizeof differing; k++) {
    unsigned b = differing[k];
    unsigned short v = L_LETTER | L_DIFF;
    if (kz) {
      v |= L_KZ;
      if (b == 0xa1 || b == 0xa2 || b == 0xa3 || b == 0xa5 || b == 0xaf ||
          b == 0xb4 || b == 0xbc || b == 0xbf)
        v |= L_VOWEL | L_KZ_VOWEL; /* Ұ ұ Ә Ө Ү ө ә ү */
      if (b == 0xbd || b == 0xbe)
        v |= L_NOT_FIRST; /* Ң ң */
    } else if (b == 0xa1 || b == 0xa2) {
      v |= L_BE | L_AFTER_V; /* Ў ў */
    } else if (b == 0xaa || b == 0xba || b == 0xaf || b == 0xbf) {
      v |= L_UK | L_AFTER_V | L_VOWEL; /* Є є Ї ї */
    } else if (b == 0xa5 || b == 0xb4) {
      v |= L_UK; /* Ґ ґ */
    } else {
      v |= L_SERBIAN;
    }
    c[b] = v;
  }
}

/* One reading's view of the word being read. */
struct word {
  unsigned flags; /* the classes of all its letters */
  unsigned prev;  /* the class of the letter before, 0 at the start */
  int len, bad;   /* letters; a rule broken */
};

static void word_add(struct word *w, unsigned c) {
  int first = w->len == 0 || (w->prev & L_APOS);
  if ((c & L_AFTER_V) && !first && !(w->prev & L_VOWEL))
    w->bad = 1;
  if ((c & L_NOT_FIRST) && w->len == 0)
    w->bad = 1;
  if (((c & L_KZ_VOWEL) && (w->prev & L_VOWEL) && !(w->prev & L_GLIDE)) ||
      ((w->prev & L_KZ_VOWEL) && (c & L_VOWEL) && !(c & L_GLIDE)))
    w->bad = 1;
  w->flags |= c;
  w->prev = c;
  w->len += !(c & L_APOS);
}

static int word_ok(const struct word *w, int kz) {
  unsigned f = w->flags;
  if (w->bad)
    return 0;
  if (kz)
    return !((f & L_KZ) && (f & L_NOT_KZ));
  if (f & L_SERBIAN)
    return 0;
  if ((f & L_UK) && (f & (L_NOT_UK | L_BE)))
    return 0;
  if ((f & L_BE) && (f & (L_NOT_BE | L_UK)))
    return 0;
  return w->len < 2 || (f & L_VOWEL);
}

struct evidence {
  /* UTF-8: characters of two to four bytes, and bytes that fit no
   * character. */
  unsigned long long utf8_chars, utf8_bad;
  int need;
  unsigned char lo, hi;
  /* The code pages: words only one reading makes. */
  unsigned short cls[2][256];
  struct word w[2];
  unsigned long long only[2], words; /* words with a differing byte */
};

static void utf8_byte(struct evidence *v, unsigned char b) {
  if (v->need) {
    if (b >= v->lo && b <= v->hi) {
      v->lo = 0x80;
      v->hi = 0xbf;
      if (--v->need == 0)
        v->utf8_chars++;
      return;
    }
    v->utf8_bad++;
    v->need = 0;
  }
  v->lo = 0x80;
  v->hi = 0xbf;
  if (b < 0x80)
    return;
  if (b >= 0xc2 && b <= 0xdf)
    v->need = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    v->need = 2;
    if (b == 0xe0)
      v->lo = 0xa0;
    if (b == 0xed)
      v->hi = 0x9f; /* no surrogates */
  } else if (b >= 0xf0 && b <= 0xf4) {
    v->need = 3;
    if (b == 0xf0)
      v->lo = 0x90;
    if (b == 0xf4)
      v->hi = 0x8f;
  } else {
    v->utf8_bad++;
  }
}

static void word_end(struct evidence *v) {
  if (v->w[0].len && (v->w[0].flags & L_DIFF)) {
    int cp = word_ok(&v->w[0], 0), kz = word_ok(&v->w[1], 1);
    v->words++;
    v->only[0] += cp && !kz;
    v->only[1] += kz && !cp;
  }
  memset(v->w, 0, sizeof v->w);
}

static void code_page_byte(struct evidence *v, unsigned char b) {
  unsigned c0 = v->cls[0][b], c1 = v->cls[1][b];
  /* An apostrophe joins letters; anything else that is no letter ends the
   * word. */
  if (!(c0 & L_LETTER) && !((c0 & L_APOS) && v->w[0].len)) {
    word_end(v);
    return;
  }
  word_add(&v->w[0], c0);
  word_add(&v->w[1], c1);
}

/* Reads the whole file for its evidence. */
static qujat_status gather(struct decoder *d, struct evidence *v,
                           qujat_error *err) {
  memset(v, 0, sizeof *v);
  byte_classes(v->cls[0], 0);
  byte_classes(v->cls[1], 1);
  unsigned char buf[64 * 1024];
  long long at = 0;
  for (;;) {
    size_t n;
    qujat_status st =
        qujat_read_some(d->fd, buf, sizeof buf, at, d->path, &n, err);
    if (st != QUJAT_OK)
      return st;
    if (n == 0)
      break;
    for (size_t i = 0; i < n; i++) {
      utf8_byte(v, buf[i]);
      code_page_byte(v, buf[i]);
    }
    at += (long long)n;
  }
  v->utf8_bad += v->need > 0; /* cut at the end */
  word_end(v);
  return QUJAT_OK;
}

/* UTF-8, unless the bytes that fit no UTF-8 character are more than a few
 * beside those that do: a UTF-8 file with a stray byte is UTF-8 with that
 * row failed. Then CP1251 or KZ-1048, by the words. */
static qujat_status decide(struct decoder *d, int *out, qujat_error *err) {
  struct evidence v;
  qujat_status st = gather(d, &v, err);
  if (st != QUJAT_OK)
    return st;
  if (v.utf8_bad == 0 || v.utf8_chars >= 2 * v.utf8_bad) {
    *out = UTF8;
    return QUJAT_OK;
  }
  unsigned long long cp = v.only[0], kz = v.only[1];
  if (v.words == 0 || cp > 4 * kz) {
    *out = CP1251; /* the two read it alike, or its words are Ukrainian or
                      Belarusian */
    return QUJAT_OK;
  }
  if (kz > 4 * cp) {
    *out = KZ1048;
    return QUJAT_OK;
  }
  return qujat_err_set(
      err, QUJAT_ERR_ARG, d->path, 0, 0,
      "cannot tell its encoding: its letters make words both as CP1251 "
      "(Ukrainian or Belarusian: Є Ї Ґ Ў) and as KZ-1048 (Kazakh: Ғ Ү Ө Ұ); "
      "name it with --encoding CP1251 or --encoding KZ-1048");
}

/* Skips the byte order mark and any copies of it: a file saved twice by a
 * careless tool starts with two. */
static void skip_boms(struct decoder *d, int e) {
  static const unsigned char u8[] = {0xef, 0xbb, 0xbf}, le[] = {0xff, 0xfe},
                             be[] = {0xfe, 0xff};
  const unsigned char *m = e == UTF8 ? u8 : e == UTF16LE ? le : be;
  size_t n = e == UTF8 ? 3 : 2;
  while (d->in_len - d->in_pos >= n && memcmp(d->in + d->in_pos, m, n) == 0)
    d->in_pos += n;
}

static qujat_status detect(struct decoder *d, const char *encoding, int *e,
                           qujat_error *err) {
  const unsigned char *p = d->in;
  size_t n = d->in_len;
  int bom = n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf ? UTF8
            : n >= 2 && p[0] == 0xff && p[1] == 0xfe               ? UTF16LE
            : n >= 2 && p[0] == 0xfe && p[1] == 0xff               ? UTF16BE
                                                                   : -1;
  if (encoding && strcasecmp(encoding, "UTF-16") == 0)
    *e = bom == UTF16BE ? UTF16BE : UTF16LE; /* glibc's default: LE */
  else if (encoding && (*e = named(encoding)) < 0)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "unknown encoding '%s' (expected UTF-8, UTF-16, "
                         "UTF-16LE, UTF-16BE, CP1251 or KZ-1048)",
                         encoding);
  else if (!encoding && bom >= 0)
    *e = bom;
  else if (!encoding && (*e = utf16_guess(p, n)) >= 0)
    ;
  else if (!encoding) {
    qujat_status st = decide(d, e, err);
    if (st != QUJAT_OK)
      return st;
  }
  if (bom == *e)
    skip_boms(d, *e);
  return QUJAT_OK;
}

qujat_status qujat_jobs_path_dir(const char *path, char **path_out,
                                 char **dir_out, qujat_error *err) {
  char *copy = strdup(path);
  *path_out = strdup(path);
  *dir_out = copy ? strdup(dirname(copy)) : NULL;
  free(copy);
  if (!*path_out || !*dir_out)
    return qujat_err_set(err, QUJAT_ERR_NOMEM, NULL, 0, 0, "out of memory");
  return QUJAT_OK;
}

qujat_status qujat_jobs_open_fd(const char *path, int *fd, qujat_error *err) {
  *fd = qujat_open_regular(AT_FDCWD, path, 0);
  if (*fd >= 0)
    return QUJAT_OK;
  if (errno == EINVAL)
    return qujat_err_set(err, QUJAT_ERR_IO, path, 0, 0,
                         "is not a regular file (a pipe, a FIFO or a "
                         "device): a batch reads its job file more than "
                         "once; save it to a file first");
  return qujat_err_set(err, QUJAT_ERR_IO, path, 0, 0, "cannot open: %s",
                       qujat_open_problem(errno));
}

qujat_status qujat_decoder_open(struct decoder *d, const char *path,
                                const char *encoding, qujat_error *err) {
  memset(d, 0, sizeof *d);
  d->cd = (iconv_t)-1;
  d->path = path;
  d->first = 1;
  qujat_status st = qujat_jobs_open_fd(path, &d->fd, err);
  if (st != QUJAT_OK)
    return st;
  st = fill(d, err);
  int e = UTF8;
  if (st == QUJAT_OK)
    st = detect(d, encoding, &e, err);
  if (st != QUJAT_OK)
    return st;
  snprintf(d->name, sizeof d->name, "%s", encodings[e].name);
  d->unit = encodings[e].unit;
  d->cd = iconv_open("UTF-8", encodings[e].iconv);
  if (d->cd == (iconv_t)-1)
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "iconv cannot read %s", encodings[e].name);
  return QUJAT_OK;
}

/* Records a byte that does not decode: `cut` when the file ends inside a
 * character. */
static qujat_status note_bad(struct decoder *d, size_t at, int cut) {
  struct decode_bad *more =
      qujat_array_room(d->bad, &d->capbad, d->nbad, sizeof *more, 16);
  if (!more)
    return QUJAT_ERR_NOMEM;
  d->bad = more;
  struct decode_bad *b = &d->bad[d->nbad++];
  b->at = at;
  unsigned byte = d->in[d->in_pos];
  long long where = d->offset + (long long)d->in_pos;
  if (cut)
    snprintf(b->what, sizeof b->what,
             "the file ends inside a %s character (byte 0x%02X, offset "
             "%lld)",
             d->name, byte, where);
  else
    snprintf(b->what, sizeof b->what,
             "byte 0x%02X (offset %lld in the file) is not %s text", byte,
             where, d->name);
  return QUJAT_OK;
}

qujat_status qujat_decoder_read(struct decoder *d, char *out, size_t cap,
                                size_t *got, qujat_error *err) {
  size_t made = 0;
  qujat_status st = QUJAT_OK;
  while (st == QUJAT_OK && made + 8 < cap) {
    if (d->in_pos == d->in_len && !d->eof && (st = fill(d, err)) != QUJAT_OK)
      break;
    if (d->in_pos == d->in_len)
      break;
    char *ip = (char *)d->in + d->in_pos, *op = out + made;
    size_t il = d->in_len - d->in_pos, ol = cap - made;
    size_t r = iconv(d->cd, &ip, &il, &op, &ol);
    int e = errno;
    made = (size_t)(op - out);
    d->in_pos = (size_t)((unsigned char *)ip - d->in);
    if (r != (size_t)-1 || e == E2BIG)
      continue;
    if (e == EINVAL && !d->eof) {
      st = fill(d, err);
    } else if (e == EINVAL) {
      st = note_bad(d, d->out_total + made, 1);
      d->in_pos = d->in_len;
    } else {
      st = note_bad(d, d->out_total + made, 0);
      size_t skip = d->in_len - d->in_pos < d->unit ? d->in_len - d->in_pos
                                                    : d->unit;
      d->in_pos += skip;
    }
  }
  if (d->first && made >= 3 && memcmp(out, "\xef\xbb\xbf", 3) == 0) {
    memmove(out, out + 3, made - 3);
    made -= 3;
    /* The bad bytes of this call were placed in the text before the
     * U+FEFF went. */
    for (size_t k = 0; k < d->nbad; k++)
      if (d->bad[k].at >= d->out_total)
        d->bad[k].at = d->bad[k].at >= d->out_total + 3 ? d->bad[k].at - 3
                                                         : d->out_total;
  }
  if (made)
    d->first = 0;
  d->out_total += made;
  *got = made;
  if (st == QUJAT_ERR_NOMEM)
    qujat_err_set(err, st, NULL, 0, 0, "out of memory");
  return st;
}

int qujat_decoder_take_bad(struct decoder *d, size_t from, size_t at,
                           char *what, size_t n) {
  size_t k = 0;
  int found = 0;
  while (k < d->nbad && d->bad[k].at < at) {
    if (!found && d->bad[k].at >= from) {
      snprintf(what, n, "%s", d->bad[k].what);
      found = 1;
    }
    k++;
  }
  if (k) /* d->bad is NULL until a bad byte is seen */
    memmove(d->bad, d->bad + k, (d->nbad - k) * sizeof *d->bad);
  d->nbad -= k;
  return found;
}

void qujat_decoder_close(struct decoder *d) {
  if (d->cd != (iconv_t)-1)
    iconv_close(d->cd);
  if (d->fd >= 0)
    close(d->fd);
  free(d->bad);
  d->fd = -1;
  d->cd = (iconv_t)-1;
  d->bad = NULL;
}
