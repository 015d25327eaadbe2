# SPDX-License-Identifier: MIT
# Dates past the newest data (issue 10), through the CLI with no --date:
# SOURCE_DATE_EPOCH in 2030 (and in January 2027), as when the clock is
# there. Every document is still produced, with the warning that the
# newest edition (2026) is applied, and the state fee in MCI only, out of
# an incomplete total; nothing shows a made-up amount.
. "$2/cli/lib.sh"
SMITH=$PROFILES/smith-family.xml

# 2030-06-01 12:00 UTC and 2027-01-05 12:00 UTC.
SDE_2030=1906545600
SDE_2027=1799150400
export SOURCE_DATE_EPOCH=$SDE_2030

EDITION_EN="The newest edition of the Expat Centre guidebook in the data is the 2026 edition"
MCI_EN="The MCI for 2030 is not in the data"

EDITION_KK="Деректердегі Экспат орталығы нұсқаулығының ең соңғы басылымы – 2026 жылғы басылым"
EDITION_RU="Последнее издание руководства Экспат-центра в данных — издание 2026 года"

# warned WHAT [mci] [EDITION]: stderr has the edition's warning (in the
# language of the document: EDITION, English by default) and, with "mci",
# the English MCI one.
warned() {
  edition=${3:-$EDITION_EN}
  # The label ("warning:", «ескерту:», «предупреждение:») is in the
  # command's language too.
  grep -Fq ": $edition" "$WORK/err" ||
    fail "$1: no warning about the edition on stderr: $(head -3 "$WORK/err")"
  if [ "${2:-}" = mci ]; then
    grep -Fq "warning: $MCI_EN" "$WORK/err" ||
      fail "$1: no warning about the MCI on stderr: $(head -3 "$WORK/err")"
  fi
}

# words FILE: the text of FILE with every run of white space made one
# space, so that a phrase wrapped over two lines is still found.
words() {
  tr -s ' \t\n\f' '    ' <"$1"
}

for tool in pdftotext pdfdetach; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed"; exit 1; }
done

# (a) Checklist: text, JSON, PDF, kk+ru. --------------------------------
expect 0 "Date: +1 June 2030" checklist work-visa-in-kz --profile "$SMITH" --format text
warned "checklist text" mci
words "$WORK/out" >"$WORK/words"
grep -Fq "$EDITION_EN" "$WORK/words" || fail "checklist text: no edition warning"
grep -Fq "30 MCI × 3 persons" "$WORK/words" || fail "checklist text: no 30 MCI"
grep -Fq "the MCI for 2030 is not in the data" "$WORK/words" || fail "checklist text: no missing MCI"

expect 0 '"date": "2030-06-01", "edition": "2026"' checklist work-visa-in-kz --profile "$SMITH" --format json
grep -q '"total_complete": false' "$WORK/out" || fail "checklist JSON: total_complete is not false"
grep -q '"mci_value": null, "mci_year": 2030' "$WORK/out" || fail "checklist JSON: MCI basis"
grep -Fq "$EDITION_EN" "$WORK/out" || fail "checklist JSON: no edition warning"

expect 0 "" checklist work-visa-in-kz --profile "$SMITH" --lang kk+ru -o "$WORK/cl.pdf"
warned "checklist kk+ru" "" "$EDITION_KK"
pdftotext -enc UTF-8 "$WORK/cl.pdf" "$WORK/cl.txt" || fail "pdftotext failed"
words "$WORK/cl.txt" >"$WORK/cl.words"
grep -Fq "2026 жылғы басылым" "$WORK/cl.words" || fail "checklist kk+ru PDF: no Kazakh warning"
grep -Fq "издание 2026 года" "$WORK/cl.words" || fail "checklist kk+ru PDF: no Russian warning"

# (b) Fee slip: text, JSON, PDF with its XML twin. -----------------------
expect 0 "30 MCI × 3 persons" fees work-visa-in-kz --profile "$SMITH" --format text
warned "fees text" mci
grep -q " 0\.00 KZT" "$WORK/out" && fail "fees text: a made-up 0.00: $(cat "$WORK/out")"

expect 0 '"total_kzt": "730000.00", "total_complete": false' fees work-visa-in-kz --profile "$SMITH" --format json
grep -q '"kind": "state", "payee": "state-budget", "mci": "30", "mci_value": null, "mci_year": 2030, "persons": 3, "kzt": null' "$WORK/out" ||
  fail "fees JSON: state fee: $(cat "$WORK/out")"

expect 0 "" fees work-visa-in-kz --profile "$SMITH" --lang ru -o "$WORK/slip.pdf"
warned "fees PDF" "" "$EDITION_RU"
pdfdetach -save 1 -o "$WORK/x.xml" "$WORK/slip.pdf" 2>/dev/null || fail "pdfdetach failed"
grep -q 'mci="30" mci-year="2030" mci-known="false"' "$WORK/x.xml" ||
  fail "XML twin: the state fee: $(grep state "$WORK/x.xml")"
grep -q 'complete="false"' "$WORK/x.xml" || fail "XML twin: the total is complete"
expect 0 "x.xml: valid" validate "$WORK/x.xml"
pdftotext -enc UTF-8 "$WORK/slip.pdf" "$WORK/slip.txt" || fail "pdftotext failed"
words "$WORK/slip.txt" >"$WORK/slip.words"
grep -Fq "МРП на 2030 год в данных отсутствует" "$WORK/slip.words" || fail "fees PDF: no missing MCI"
grep -Fq "30 МРП × 3 человека" "$WORK/slip.words" || fail "fees PDF: no 30 МРП"
# No QR code: the total is partial (a cashier could take a code for the
# whole), and the page says why.
grep -Fq "Платёжного кода нет: итоговая сумма неполная" "$WORK/slip.words" ||
  fail "fees PDF: no word that the code is left out"
if command -v zbarimg >/dev/null; then
  pdftoppm -r 150 -png "$WORK/slip.pdf" "$WORK/page" || fail "pdftoppm failed"
  : >"$WORK/qr"
  for png in "$WORK"/page*.png; do
    zbarimg --quiet --raw "$png" >>"$WORK/qr" 2>/dev/null
  done
  [ -s "$WORK/qr" ] && fail "the 2030 slip (partial total) has a QR code: $(cat "$WORK/qr")"
fi

# (c) A fine, the service overview, a letter. ----------------------------
expect 0 "15 MCI" fees --fine overstay --days 7
grep -q "warning: $MCI_EN: the fine is given in MCI only" "$WORK/err" ||
  fail "fine: no warning on stderr: $(cat "$WORK/err")"
expect 0 '"mci_value": null, "mci_year": 2030, "kzt": null' fees --fine overstay --days 7 --format json

expect 0 "4 MCI" show permanent-residence
warned "show"

expect 0 "Copy 1 of 2" letter work-visa-invitation --profile "$SMITH" --format text
warned "letter text"
words "$WORK/out" >"$WORK/words"
grep -Fq "$EDITION_EN" "$WORK/words" || fail "letter text: no edition warning"
expect 0 "" letter work-visa-invitation --profile "$SMITH" --lang kk -o "$WORK/letter.pdf"
pdftotext -enc UTF-8 "$WORK/letter.pdf" "$WORK/letter.txt" || fail "pdftotext failed"
words "$WORK/letter.txt" >"$WORK/letter.words"
grep -Fq "2026 жылғы басылым" "$WORK/letter.words" || fail "letter PDF: no warning"

# (d) A batch with no date of its own: every job done, with warnings. -----
mkdir -p "$WORK/b"
cat >"$WORK/b/jobs.xml" <<EOF
<jobs xmlns="urn:qujat:jobs:1">
  <job id="c" document="checklist" service="work-visa-in-kz" lang="kk" output="c.pdf" profile="$SMITH"/>
  <job id="f" document="fees" service="work-visa-in-kz" lang="en" output="f.pdf" profile="$SMITH"/>
  <job id="l" document="letter" service="work-visa-invitation" lang="ru" output="l.pdf" profile="$SMITH"/>
</jobs>
EOF
run batch "$WORK/b/jobs.xml" -o "$WORK/b/out" --allow-outside-profiles
[ "$STATUS" = 0 ] || fail "batch: exit $STATUS: $(head -3 "$WORK/err")"
for id in c f l; do
  grep "\"id\": \"$id\"" "$WORK/b/out/manifest.jsonl" | grep -q '"status": "ok"' ||
    fail "batch: job $id not ok: $(cat "$WORK/b/out/manifest.jsonl")"
done
grep '"id": "f"' "$WORK/b/out/manifest.jsonl" | grep -Fq "$MCI_EN" ||
  fail "batch: the fee slip's manifest line has no MCI warning"

# (e) --version says what the data covers. ------------------------------
expect 0 "guidebook editions: 2025, 2026" --version
grep -q "^MCI years: 2024, 2025, 2026" "$WORK/out" || fail "--version: $(cat "$WORK/out")"
QUJAT_DATA_DIR=$WORK expect 0 "^qujat [0-9]+\.[0-9]+\.[0-9]+" --version
grep -q "^data: not found" "$WORK/out" || fail "--version without data: $(cat "$WORK/out")"

# (f) January 2027, as on the first working days of that year. ----------
export SOURCE_DATE_EPOCH=$SDE_2027
expect 0 "Date: +5 January 2027" checklist iin --format text
grep -Fq "warning: $EDITION_EN" "$WORK/err" || fail "2027: no edition warning"
expect 0 "" fees work-visa-in-kz --profile "$SMITH" -o "$WORK/slip27.pdf"
grep -Fq "warning: The MCI for 2027 is not in the data" "$WORK/err" || fail "2027: no MCI warning"

# A date before the first edition stays an error.
expect 1 "no edition of the price list covers 2024-12-31" checklist iin --format text --date 2024-12-31

finish
