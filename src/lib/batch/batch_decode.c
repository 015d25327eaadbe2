/* Spreadsheet text in UTF-8, UTF-16, CP1251 or KZ-1048, read as UTF-8. */
#include <errno.h>
#include <fcntl.h>
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
    ssize_t n = read(d->fd, d->in + d->in_len, sizeof d->in - d->in_len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return qujat_err_set(err, QUJAT_ERR_IO, d->path, 0, 0,
                           "cannot read: %s", strerror(errno));
    if (n == 0)
      d->eof = 1;
    d->in_len += (size_t)n;
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

/* CP1251 and KZ-1048 agree on Russian and differ on a few bytes: Serbian
 * and Macedonian letters in one, Kazakh letters in the other. Any of those
 * bytes in the file means KZ-1048 (a Kazakhstan spreadsheet with Serbian
 * letters is far less likely than one with Kazakh ones). */
static qujat_status code_page(struct decoder *d, int *out, qujat_error *err) {
  unsigned char differs[256] = {0};
  iconv_t a = iconv_open("UTF-8", "CP1251"), b = iconv_open("UTF-8", "RK1048");
  if (a == (iconv_t)-1 || b == (iconv_t)-1) {
    if (a != (iconv_t)-1)
      iconv_close(a);
    if (b != (iconv_t)-1)
      iconv_close(b);
    return qujat_err_set(err, QUJAT_ERR_ARG, NULL, 0, 0,
                         "iconv lacks CP1251 or RK1048");
  }
  for (int c = 0x80; c < 0x100; c++) {
    char in1 = (char)c, in2 = (char)c, o1[8] = {0}, o2[8] = {0};
    char *p1 = &in1, *p2 = &in2, *q1 = o1, *q2 = o2;
    size_t l1 = 1, l2 = 1, r1 = sizeof o1, r2 = sizeof o2;
    size_t e1 = iconv(a, &p1, &l1, &q1, &r1), e2 = iconv(b, &p2, &l2, &q2, &r2);
    /* A letter of KZ-1048 that CP1251 lacks or reads otherwise. A byte
     * neither defines (0x98) says nothing about the code page. */
    differs[c] = e2 != (size_t)-1 && (e1 == (size_t)-1 || strcmp(o1, o2) != 0);
  }
  iconv_close(a);
  iconv_close(b);
  *out = CP1251;
  unsigned char buf[64 * 1024];
  off_t at = 0;
  for (;;) {
    ssize_t n = pread(d->fd, buf, sizeof buf, at);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      return qujat_err_set(err, QUJAT_ERR_IO, d->path, 0, 0,
                           "cannot read: %s", strerror(errno));
    if (n == 0)
      return QUJAT_OK;
    for (ssize_t i = 0; i < n; i++)
      if (differs[buf[i]]) {
        *out = KZ1048;
        return QUJAT_OK;
      }
    at += n;
  }
}

static int utf8_prefix_valid(const unsigned char *p, size_t n) {
  struct utf8_stream s = {0};
  return qujat_utf8_stream(&s, p, n) == n;
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
    /* A sequence cut at the end of the sample is not a fault. */
    size_t m = n;
    while (m > 0 && n - m < 3 && (p[m - 1] & 0xc0) == 0x80)
      m--;
    if (m > 0 && p[m - 1] >= 0xc0)
      m--;
    if (utf8_prefix_valid(p, d->eof ? n : m))
      *e = UTF8;
    else
      return code_page(d, e, err);
  }
  if (bom == *e)
    d->in_pos = *e == UTF8 ? 3 : 2;
  return QUJAT_OK;
}

qujat_status qujat_decoder_open(struct decoder *d, const char *path,
                                const char *encoding, qujat_error *err) {
  memset(d, 0, sizeof *d);
  d->cd = (iconv_t)-1;
  d->path = path;
  d->first = 1;
  d->fd = open(path, O_RDONLY | O_CLOEXEC);
  if (d->fd < 0)
    return qujat_err_set(err, QUJAT_ERR_IO, path, 0, 0, "cannot open: %s",
                         strerror(errno));
  qujat_status st = fill(d, err);
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
  if (d->nbad == d->capbad) {
    size_t cap = d->capbad ? 2 * d->capbad : 16;
    struct decode_bad *more = realloc(d->bad, cap * sizeof *more);
    if (!more)
      return QUJAT_ERR_NOMEM;
    d->bad = more;
    d->capbad = cap;
  }
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
