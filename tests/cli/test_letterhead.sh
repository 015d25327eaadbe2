# SPDX-License-Identifier: MIT
# <company letterhead="kk+ru">: the letterhead in Kazakh and Russian side by
# side whatever the letter's language, the letter's own text in its one
# language; a name or address missing in Kazakh or Russian is an error
# naming the field and the language (in the command's language), which
# --allow-mixed-language does not lift; another value is refused by the
# schema.
. "$2/cli/lib.sh"
src=$PROFILES/letterhead-kk-ru.xml
d="--date 2026-11-21"

# English letter: both letterheads, the body in English only.
expect 0 "" letter work-visa-invitation --lang en $d --profile "$src" -o "$WORK/en.pdf"
pdftotext -layout "$WORK/en.pdf" "$WORK/en.txt"
grep -q '«Example» ЖШС *ТОО «Example»' "$WORK/en.txt" ||
  fail "the Kazakh and Russian names are not side by side"
grep -q 'БСН 123456789012 *БИН 123456789012' "$WORK/en.txt" ||
  fail "the BIN lines are not side by side"
grep -q 'Мәңгілік Ел даңғылы.*проспект Мангилик Ел' "$WORK/en.txt" ||
  fail "the addresses are not side by side"
grep -q 'Example LLP (BIN 123456789012) requests' "$WORK/en.txt" ||
  fail "the body is not in English"
# Past the letterhead, no Cyrillic: the letter itself is in one language.
sed -n '/^Ref\./,$p' "$WORK/en.txt" | grep -q '[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]' &&
  fail "Cyrillic in the body of the English letter"

# The Russian address missing: named, in Russian and in Kazakh.
grep -v '<address xml:lang="ru">' "$src" > "$WORK/no-ru.xml"
line=$(grep -n '<company ' "$WORK/no-ru.xml" | cut -d: -f1)
expect 1 "no-ru\.xml:[0-9]+: ошибка: <company> <address>: нет текста на русском языке для бланка на казахском и русском языках \(<company letterhead=\"kk\+ru\">\); добавьте <address xml:lang=\"ru\">" \
  letter work-visa-invitation --lang ru $d --profile "$WORK/no-ru.xml" -o "$WORK/x.pdf"
expect 1 "қате: <company> <address>: қазақ және орыс тілдеріндегі бланк .* үшін орыс тіліндегі мәтін жоқ" \
  letter work-visa-invitation --lang kk $d --profile "$WORK/no-ru.xml" -o "$WORK/x.pdf"
# Not lifted by --allow-mixed-language, and the English letter needs it too.
expect 1 "error: <company> <address>: no Russian text for the letterhead in Kazakh and Russian" \
  letter work-visa-invitation --lang en $d --allow-mixed-language --profile "$WORK/no-ru.xml" -o "$WORK/x.pdf"
[ -e "$WORK/x.pdf" ] && fail "a letter was written despite the error"
# The Kazakh name missing.
grep -v '<name xml:lang="kk">«Example»' "$src" > "$WORK/no-kk.xml"
expect 1 "error: <company name>: no Kazakh text for the letterhead in Kazakh and Russian .*add <name xml:lang=\"kk\">" \
  letter work-visa-invitation --lang en $d --profile "$WORK/no-kk.xml" -o "$WORK/x.pdf"
# Without the attribute the same profile makes an English letter with an
# English letterhead only.
sed 's/ letterhead="kk+ru"//' "$src" > "$WORK/plain.xml"
grep -v '<address xml:lang="ru">' "$WORK/plain.xml" > "$WORK/plain-no-ru.xml"
expect 0 "" letter work-visa-invitation --lang en $d --profile "$WORK/plain-no-ru.xml" -o "$WORK/plain.pdf"
pdftotext "$WORK/plain.pdf" - | grep -q 'ТОО' && fail "a Russian letterhead without letterhead=\"kk+ru\""
# Another value: the schema's word.
sed 's/letterhead="kk+ru"/letterhead="ru+kk"/' "$src" > "$WORK/bad.xml"
expect 1 "bad\.xml:$line: error: <company letterhead> must be one of: kk\+ru" \
  letter work-visa-invitation --lang en $d --profile "$WORK/bad.xml" -o "$WORK/x.pdf"
finish
