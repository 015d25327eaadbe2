# SPDX-License-Identifier: MIT
# A character the bundled fonts lack, typed in a profile, stops a PDF with
# exit 1 and a message naming the profile's file, line and field and what
# the fonts cover, in the command's language; the same profile still makes
# the papers that do not print that field, and text output.
. "$2/cli/lib.sh"
src=$PROFILES/smith-family-four.xml
# The Russian company name with a snowman; the Kazakh one with a CJK
# character (line numbers of the copy as in the original).
sed 's/<name xml:lang="ru">ТОО/<name xml:lang="ru">ТОО ☃/;
     s/<name xml:lang="kk">«Example» ЖШС/<name xml:lang="kk">«Example» ЖШС 中/' \
  "$src" > "$WORK/p.xml"
ru_line=$(grep -n 'xml:lang="ru">ТОО' "$WORK/p.xml" | cut -d: -f1)
kk_line=$(grep -n 'xml:lang="kk">«Example»' "$WORK/p.xml" | cut -d: -f1)
d="--date 2026-11-21"

expect 1 "p\.xml:$ru_line: ошибка: <company name xml:lang=\"ru\">: символа U\+2603 «☃» нет в шрифте \(Qujat Sans содержит латиницу и кириллицу с казахскими буквами\)" \
  letter work-visa-invitation --lang ru $d --profile "$WORK/p.xml" -o "$WORK/ru.pdf"
[ -e "$WORK/ru.pdf" ] && fail "a PDF was written despite the error"
expect 1 "p\.xml:$kk_line: қате: <company name xml:lang=\"kk\">: U\+4E2D «中» таңбасы қаріпте жоқ \(Qujat Sans қарпі" \
  letter work-visa-invitation --lang kk $d --profile "$WORK/p.xml" -o "$WORK/kk.pdf"
# In English, with the English name (no such character), the letter is made.
expect 0 "" letter work-visa-invitation --lang en $d --profile "$WORK/p.xml" -o "$WORK/en.pdf"
[ -s "$WORK/en.pdf" ] || fail "the English letter was not written"
# A checklist does not print the company's name: made.
expect 0 "" checklist work-visa-invitation --lang ru $d --profile "$WORK/p.xml" -o "$WORK/c.pdf"
# A purpose in Russian with a character outside the fonts: named too.
sed 's/<purpose xml:lang="ru">трудовая/<purpose xml:lang="ru">中 трудовая/' "$src" > "$WORK/q.xml"
line=$(grep -n '<purpose xml:lang="ru">' "$WORK/q.xml" | cut -d: -f1)
expect 1 "q\.xml:$line: ошибка: <request purpose xml:lang=\"ru\">: символа U\+4E2D «中»" \
  letter work-visa-invitation --lang ru $d --profile "$WORK/q.xml" -o "$WORK/q.pdf"
finish
