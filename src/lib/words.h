/*
 * Amounts in words, as payment documents in Kazakhstan write them below the
 * figures: "Две тысячи сто шестьдесят два тенге 50 тиынов".
 */
#ifndef QUJAT_WORDS_H
#define QUJAT_WORDS_H

#include <stdint.h>

#include "buf.h"

/*
 * Appends the amount `tiyn` (1 tenge = 100 tiyn, 0 <= tiyn < 10^17) to `out`
 * in language `lang` (LANG_KK, LANG_RU or LANG_EN from model.h): the whole
 * tenge in words with a capital first letter, the currency word, the tiyn as
 * two digits and the tiyn word, e.g. "Одна тысяча тенге 00 тиынов",
 * "Бір мың теңге 00 тиын", "Twenty-one tenge 21 tiyn".
 *
 * Returns QUJAT_OK; QUJAT_ERR_ARG for an amount out of range or an unknown
 * language; QUJAT_ERR_NOMEM or QUJAT_ERR_LIMIT from the buffer. On any error
 * `out` is left as it was.
 */
qujat_status qujat_money_in_words(struct buf *out, int lang, int64_t tiyn);

#ifdef QUJAT_UNITTEST
/* Upper-cases the first letter of the UTF-8 string `s` in place (Latin,
 * Russian and Kazakh letters; anything else is left alone). */
void upper_first(char *s);
#endif

#endif
