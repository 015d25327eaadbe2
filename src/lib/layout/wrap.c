/* SPDX-License-Identifier: MIT */
#include "layout/layout.h"

#include <math.h>
#include <string.h>

/* Length of the UTF-8 sequence starting at `s` (input is valid UTF-8). */
static size_t char_len(const char *s) {
  unsigned char c = (unsigned char)*s;
  return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Whether a line may break after the hyphen at text[i]: inside a word
 * ("ANNA-MARIA", "Нур-Султан"), between two letters, never in a number or
 * a date ("2026-11-21") or at a word's edge. Bytes from 0x80 are letters
 * here (the Cyrillic and Kazakh ones); digits are not. */
static int hyphen_break(const char *text, size_t i, size_t len) {
  if (text[i] != '-' || i == 0 || i + 1 >= len)
    return 0;
  unsigned char a = (unsigned char)text[i - 1], b = (unsigned char)text[i + 1];
  int la = a >= 0x80 || (a >= 'A' && a <= 'Z') || (a >= 'a' && a <= 'z');
  int lb = b >= 0x80 || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
  return la && lb;
}

/* The end of the unit that starts at `pos`: the next space or newline, or
 * just after a hyphen a line may break at. */
size_t qujat_wrap_unit_end(const char *text, size_t pos, size_t len) {
  size_t e = pos;
  while (e < len && text[e] != ' ' && text[e] != '\n') {
    if (hyphen_break(text, e, len))
      return e + 1;
    e++;
  }
  return e;
}

static void emit(struct wrap_line *lines, size_t max, size_t *n, size_t start,
                 size_t end, const char *text) {
  while (end > start && text[end - 1] == ' ')
    end--;
  if (*n < max) {
    lines[*n].start = start;
    lines[*n].len = end - start;
  }
  (*n)++;
}

/* The start of the character that ends just before `end` (> 0). */
static size_t last_char(const char *text, size_t end) {
  size_t i = end - 1;
  while (i > 0 && ((unsigned char)text[i] & 0xC0) == 0x80)
    i--;
  return i;
}

/* The width of text[line..end) given `fit_w`, the width of
 * text[line..fit) (line < fit <= end): what the added bytes add, measured
 * from the last character before them so that a kerning pair across the
 * join counts, less that character's own width. Measuring each line's
 * prefix again for every word made wrapping quadratic in the line's
 * length; for a measure that is a sum of advances and pair kerning (the
 * PDF's) or of characters (the text renderer's) this is the same width. */
static double extended_width(const char *text, size_t fit, size_t end,
                             double fit_w, wrap_measure_fn measure,
                             void *user) {
  size_t c = last_char(text, fit);
  return fit_w + measure(text + c, end - c, user) -
         measure(text + c, fit - c, user);
}

size_t qujat_wrap(const char *text, double width, wrap_measure_fn measure,
                  void *user, struct wrap_line *lines, size_t max) {
  size_t n = 0, len = strlen(text);
  size_t line = 0; /* start of the current line */
  while (line < len || n == 0) {
    /* Skip the spaces a break leaves at the start of a line. */
    while (line < len && text[line] == ' ')
      line++;
    size_t fit = line; /* end of the longest prefix that fits, at a break */
    double fit_w = 0;  /* its width */
    size_t pos = line;
    int forced = 0;
    while (pos < len) {
      if (text[pos] == '\n') {
        fit = pos;
        forced = 1;
        break;
      }
      size_t word_end = qujat_wrap_unit_end(text, pos, len);
      double w = fit == line
                     ? measure(text + line, word_end - line, user)
                     : extended_width(text, fit, word_end, fit_w, measure, user);
      /* The sum of the parts may round otherwise than the whole run: at
       * the line's very width the run is measured whole, so that a line
       * breaks exactly where measuring each prefix whole breaks it. */
      if (fit != line && fabs(w - width) <= 1e-9 * (fabs(width) + 1))
        w = measure(text + line, word_end - line, user);
      if (w <= width) {
        fit = word_end;
        fit_w = w;
        pos = word_end;
        while (pos < len && text[pos] == ' ')
          pos++;
        continue;
      }
      if (fit == line) {
        /* A word wider than the line: break it between characters. */
        size_t end = pos, next = pos;
        while (next < word_end) {
          next = end + char_len(text + end);
          if (end > line && measure(text + line, next - line, user) > width)
            break;
          end = next;
        }
        fit = end > line ? end : line + char_len(text + line);
      }
      break;
    }
    if (pos >= len && !forced)
      fit = len;
    emit(lines, max, &n, line, fit, text);
    line = fit;
    if (forced)
      line++; /* the newline */
    if (line >= len)
      break;
  }
  return n;
}
