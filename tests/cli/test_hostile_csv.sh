# SPDX-License-Identifier: MIT
# Hostile CSV files (issue 12, items 1-3 and 15): the encoding is decided on
# the whole file's evidence and on which reading makes words, a doubled
# byte order mark moves nothing, CR-only line ends count lines.
. "$2/cli/lib.sh"
DATE=2026-11-21
C=$WORK/csv
mkdir -p "$C"
HEAD='id;document;service;lang;output;surname;given-names;birth-date;sex;citizenship;role;passport-number;passport-issued;passport-expires;company;company-bin;company-form;company-address;company-contacts;head-position;head-name;category;entries;from;to;purpose;issue-place;stay-address;letter-number;by-representative'
# letter ID COMPANY HEAD PURPOSE [SURNAME]: a letter row.
letter() {
  printf '%s;letter;business-visa-single-invitation;ru;%s.pdf;%s;ANNA;23.07.1990;F;DE;;C4J7R2X91;14.09.2021;13.09.2031;%s;150840012345;legal-entity;Astana;+7 7172 55 01 02;Director;%s;B2;single;01.02.2027;30.04.2027;%s;Berlin;Astana;SL-45;yes\n' \
    "$1" "$1" "${5:-BECKER}" "$2" "$3" "$4"
}
# text PDF: its text on one line.
text() { pdftotext -q -enc UTF-8 "$1" - | tr '\n' ' '; }
# status MANIFEST ID: the job's status.
status() { grep "\"id\": \"$2\"" "$1" | sed 's/.*"status": "\([a-z]*\)".*/\1/'; }

# (1) A UTF-8 file with one bad byte is UTF-8: that row fails, the others
# print their letters right.
{
  echo "$HEAD"
  letter A1 "ТОО «Қазақ Логистика»" "Ақметов Данияр" "Келіссөздер жүргізу"
  letter A2 "ТОО «Қазақ Логистика»" "Ақметов Данияр" "Келіссөздер жүргізу" "BECK$(printf '\377')ER"
  letter A3 "ТОО «Қазақ Логистика»" "Ақметов Данияр" "Келіссөздер жүргізу"
} >"$C/one-bad.csv"
run batch "$C/one-bad.csv" -o "$C/one-bad" --date "$DATE"
[ "$STATUS" = 1 ] || fail "one bad byte: exit $STATUS, expected 1"
M=$C/one-bad/manifest.jsonl
[ "$(status "$M" A1)$(status "$M" A2)$(status "$M" A3)" = okerrorok ] ||
  fail "one bad byte: statuses $(status "$M" A1) $(status "$M" A2) $(status "$M" A3)"
grep -q "A2.*0xFF.*not UTF-8 text" "$WORK/err" || fail "one bad byte: no UTF-8 error for row A2: $(cat "$WORK/err")"
text "$C/one-bad/A1.pdf" | grep -q "Қазақ Логистика" || fail "one bad byte: the letter A1 is mojibake: $(text "$C/one-bad/A1.pdf" | head -c 300)"

# (2) Ukrainian and Belarusian CP1251 stay CP1251: their words are words
# only that way; Kazakh KZ-1048 stays KZ-1048; a file whose words read
# both ways asks for --encoding.
{
  echo "$HEAD"
  letter U1 "ТОВ «Україна Логістик»" "Євген Ґонта" "Переговори щодо її контракту"
  letter U2 "ТОВ «Київські їжаки»" "Марія Сергіївна" "Моє завдання"
} >"$C/uk.utf8"
iconv -f UTF-8 -t CP1251 "$C/uk.utf8" >"$C/uk.csv"
run batch "$C/uk.csv" -o "$C/uk" --date "$DATE"
[ "$STATUS" = 0 ] || fail "Ukrainian CP1251: exit $STATUS: $(head -3 "$WORK/err")"
text "$C/uk/U1.pdf" | grep -q "Україна Логістик" || fail "Ukrainian CP1251 read as something else: $(text "$C/uk/U1.pdf" | head -c 300)"
text "$C/uk/U1.pdf" | grep -q "Євген Ґонта" || fail "Ukrainian CP1251: Є or Ґ lost"
{
  echo "$HEAD"
  letter B1 "ТАА «Праўда Беларусі»" "Уладзімір Жыгаловіч" "Даўгатэрміновыя перамовы"
} >"$C/be.utf8"
iconv -f UTF-8 -t CP1251 "$C/be.utf8" >"$C/be.csv"
run batch "$C/be.csv" -o "$C/be" --date "$DATE"
[ "$STATUS" = 0 ] || fail "Belarusian CP1251: exit $STATUS: $(head -3 "$WORK/err")"
text "$C/be/B1.pdf" | grep -q "Праўда" || fail "Belarusian CP1251 read as something else: $(text "$C/be/B1.pdf" | head -c 300)"
{
  echo "$HEAD"
  letter K1 "ТОО «Құрылыс Өнімдері»" "Үсенов Ғалым" "Келіссөздер жүргізу"
} >"$C/kk.utf8"
iconv -f UTF-8 -t RK1048 "$C/kk.utf8" >"$C/kk.csv"
run batch "$C/kk.csv" -o "$C/kk" --date "$DATE"
[ "$STATUS" = 0 ] || fail "Kazakh KZ-1048: exit $STATUS: $(head -3 "$WORK/err")"
text "$C/kk/K1.pdf" | grep -q "Құрылыс Өнімдері" || fail "Kazakh KZ-1048 read as something else"
# Үсен Ғалым alone: "Їсен Євлим" is as good a reading.
{
  echo "$HEAD"
  letter Q1 "ТОО «Үсен»" "Ғани" "Переговоры"
} >"$C/both.utf8"
iconv -f UTF-8 -t RK1048 "$C/both.utf8" >"$C/both.csv"
expect 1 "cannot tell its encoding.*--encoding CP1251 or --encoding KZ-1048" \
  batch "$C/both.csv" -o "$C/both" --date "$DATE"
[ -e "$C/both/Q1.pdf" ] && fail "ambiguous encoding: a PDF was written"
expect 0 "" batch "$C/both.csv" -o "$C/both" --date "$DATE" --encoding KZ-1048
text "$C/both/Q1.pdf" | grep -q "Үсен" || fail "--encoding KZ-1048: not read as Kazakh"

# (3) A doubled byte order mark: the row with the bad byte fails, not the
# next one, and nothing is dropped silently.
{
  printf '\357\273\277\357\273\277'
  echo "$HEAD"
  letter D1 "ТОО «Қазақ»" "Ақметов" "Келіссөздер"
  letter D2 "ТОО «Қазақ»" "Ақметов" "Келіссөздер" | sed "s/;yes\$/;ye$(printf '\377')s/"
  letter D3 "ТОО «Қазақ»" "Ақметов" "Келіссөздер"
} >"$C/bom2.csv"
run batch "$C/bom2.csv" -o "$C/bom2" --date "$DATE"
M=$C/bom2/manifest.jsonl
[ "$(status "$M" D1)$(status "$M" D2)$(status "$M" D3)" = okerrorok ] ||
  fail "doubled BOM: statuses $(status "$M" D1) $(status "$M" D2) $(status "$M" D3), expected ok error ok"
grep -q '"line": 3' "$M" && grep '"line": 3' "$M" | grep -q D2 || fail "doubled BOM: lines moved: $(cat "$M")"

finish
