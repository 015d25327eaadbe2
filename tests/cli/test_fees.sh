# SPDX-License-Identifier: MIT
# Fee slips and fines through the CLI: the PDF's attached XML twin
# (poppler's pdfdetach), its reference against the JSON, the total in
# figures and words (pdftotext), the QR code (zbarimg),
# determinism, usage errors (exit 2) and failures (exit 1).
#
# Expected amounts are worked out from the data: work-visa-in-kz in 2026 is
# 730 000 KZT + 30 MCI × 4 325 KZT × 3 persons (Smith family) =
# 1 119 250.00 KZT; a late notification by a small business is 10 MCI =
# 43 250.00 KZT in 2026.
. "$2/cli/lib.sh"
PROFILE=$PROFILES/smith-family.xml
DATE=2026-11-21

# slip STATUS PATTERN [ARGS...]: the Russian fee slip of work-visa-in-kz
# for the Smith family on DATE, with ARGS.
slip() {
  want=$1
  pattern=$2
  shift 2
  expect "$want" "$pattern" fees work-visa-in-kz --profile "$PROFILE" \
    --date "$DATE" --lang ru "$@"
}

for tool in pdfdetach pdftotext pdftoppm zbarimg; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed"; exit 1; }
done

# words FILE: the text of FILE with every run of white space made one
# space, so that a phrase wrapped over two lines is still found.
words() {
  tr -s ' \t\n\f' '    ' <"$1"
}

# (a) The slip, its XML twin and its text. ----------------------------
slip 0 "" -o "$WORK/slip.pdf"
[ -s "$WORK/slip.pdf" ] || { fail "no slip.pdf: the rest cannot run"; finish; }
[ "$(head -c 5 "$WORK/slip.pdf")" = "%PDF-" ] || fail "slip.pdf is not a PDF"

pdfdetach -list "$WORK/slip.pdf" >"$WORK/list" 2>&1 || fail "pdfdetach -list failed"
# "1 embedded files" then "1: qujat-fees.xml", nothing else.
head -1 "$WORK/list" | grep -Eq '^1 embedded files?$' ||
  fail "not exactly one attachment: $(cat "$WORK/list")"
[ "$(sed -n '2,$p' "$WORK/list")" = "1: qujat-fees.xml" ] ||
  fail "the attachment is not qujat-fees.xml: $(cat "$WORK/list")"

pdfdetach -save 1 -o "$WORK/x.xml" "$WORK/slip.pdf" 2>"$WORK/detach.err" ||
  fail "pdfdetach -save failed: $(cat "$WORK/detach.err")"
head -c 5 "$WORK/x.xml" | grep -q '^<?xml' || fail "x.xml is not XML: $(head -c 80 "$WORK/x.xml")"
grep -q 'xmlns="urn:qujat:fees:1"' "$WORK/x.xml" || fail "x.xml is not a fee slip"
expect 0 "x.xml: valid" validate "$WORK/x.xml"
grep -q 'total kzt="1119250.00" complete="true"' "$WORK/x.xml" ||
  fail "x.xml total: $(grep total "$WORK/x.xml")"

# The reference of the JSON, the XML twin and the PDF's text agree.
slip 0 '"reference": "QJ-' --format json
REF=$(sed -n 's/.*"reference": "\([^"]*\)".*/\1/p' "$WORK/out")
echo "$REF" | grep -Eqx 'QJ-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}' ||
  fail "JSON reference '$REF' has not the QJ-XXXXX-XXXXX shape"
grep -q '"total_kzt": "1119250.00"' "$WORK/out" || fail "JSON total: $(cat "$WORK/out")"
XREF=$(sed -n 's/.*<fee-slip [^>]*reference="\([^"]*\)".*/\1/p' "$WORK/x.xml")
[ -n "$REF" ] && [ "$XREF" = "$REF" ] ||
  fail "the XML twin's reference '$XREF' is not the JSON's '$REF'"
# The reference does not depend on the language.
expect 0 "\"reference\": \"$REF\"" fees work-visa-in-kz --profile "$PROFILE" \
  --date "$DATE" --lang kk --format json

pdftotext -enc UTF-8 "$WORK/slip.pdf" "$WORK/slip.txt" 2>"$WORK/pdftotext.err" ||
  fail "pdftotext failed"
words "$WORK/slip.txt" >"$WORK/slip.words"
grep -Fq -- "$REF" "$WORK/slip.words" || fail "the PDF does not show the reference $REF"
grep -Fq -- "1 119 250,00 тенге" "$WORK/slip.words" ||
  fail "the PDF does not show the total 1 119 250,00 тенге"
grep -Fq -- "Один миллион сто девятнадцать тысяч двести пятьдесят тенге 00 тиынов" \
  "$WORK/slip.words" || fail "the PDF does not show the total in words"
grep -Fq -- "389 250,00 тенге" "$WORK/slip.words" ||
  fail "the PDF does not show the state fee 389 250,00 тенге"

# (b) The QR code. ----------------------------------------------------
pdftoppm -r 150 -png "$WORK/slip.pdf" "$WORK/page" || fail "pdftoppm failed"
: >"$WORK/qr"
for png in "$WORK"/page*.png; do
  zbarimg --quiet --raw "$png" >>"$WORK/qr" 2>/dev/null
done
WANT="QUJAT-FEES;REF=$REF;SERVICE=work-visa-in-kz;DATE=$DATE;TOTAL=1119250.00;CUR=KZT"
[ "$(cat "$WORK/qr")" = "$WANT" ] ||
  fail "the QR code says '$(cat "$WORK/qr")', expected '$WANT'"

# A total that leaves out a fee the source does not state has no code (a
# cashier could take it for the whole): the multiple-entry business visa
# extension has the digest's state fee (30 MCI × 4 325) and no stated
# service fee. The page says there is no code, and why.
expect 0 "" fees business-visa-multi-extension --date "$DATE" -o "$WORK/partial.pdf"
pdftoppm -r 150 -png "$WORK/partial.pdf" "$WORK/partial" || fail "pdftoppm failed"
: >"$WORK/qr-partial"
for png in "$WORK"/partial*.png; do
  zbarimg --quiet --raw "$png" >>"$WORK/qr-partial" 2>/dev/null
done
[ -s "$WORK/qr-partial" ] &&
  fail "a partial total has a QR code: '$(cat "$WORK/qr-partial")'"
pdftotext -enc UTF-8 "$WORK/partial.pdf" - | tr '\n' ' ' |
  grep -Fq "No payment code: the total is not complete" ||
  fail "the partial slip does not say it has no code"

# (c) Determinism. -----------------------------------------------------
slip 0 "" -o "$WORK/again.pdf"
cmp -s "$WORK/slip.pdf" "$WORK/again.pdf" || fail "two runs give different PDFs"
# To stdout, the same bytes.
run fees work-visa-in-kz --profile "$PROFILE" --date "$DATE" --lang ru -o -
cmp -s "$WORK/out" "$WORK/slip.pdf" || fail "-o - differs from -o FILE"

# (d) Usage errors exit 2, failures exit 1. -----------------------------
expect 2 "fees needs exactly one SERVICE, or --fine KIND" fees --date 2026-11-21
expect 2 "fees needs exactly one SERVICE" fees --date 2026-11-21 iin work-visa-in-kz --format text
expect 2 "--days and --size go with --fine KIND" fees --date 2026-11-21 work-visa-in-kz --days 3 --format text
expect 2 "--days and --size go with --fine KIND" fees --date 2026-11-21 iin --size small --format text
expect 2 "depends on the days late" fees --date 2026-11-21 --fine overstay
expect 2 "--days 'abc': expected a whole number" fees --date 2026-11-21 --fine overstay --days abc
expect 2 "--days '0'" fees --date 2026-11-21 --fine overstay --days 0
expect 2 "--size 'huge': expected small, medium or large" fees --date 2026-11-21 --fine late-notification --size huge
expect 2 "depends on the size of the business" fees --date 2026-11-21 --fine late-notification
expect 2 "does not depend on the days late" fees --date 2026-11-21 --fine late-notification --size small --days 3
expect 2 "unknown fine 'no-such'" fees --date 2026-11-21 --fine no-such
for kind in overstay overstay-repeat work-without-permit late-notification late-notification-repeat; do
  grep -q "$kind" "$WORK/err" || fail "the unknown fine message does not list $kind: $(cat "$WORK/err")"
done
# A kk+ru command speaks Kazakh.
expect 2 "kk\+ru алымдар есебі үшін қолданылмайды" fees --date 2026-11-21 iin --lang kk+ru
expect 2 "kk\+ru айыппұлдар үшін қолданылмайды" fees --date 2026-11-21 --fine overstay --days 3 --lang kk+ru
expect 2 "fees --fine takes no SERVICE" fees --date 2026-11-21 --fine overstay --days 3 iin
expect 2 "does not take --profile" fees --date 2026-11-21 --fine overstay --days 3 --profile "$PROFILE"
expect 2 "unknown service 'no-such-service'" fees --date 2026-11-21 no-such-service --format text
expect 2 "'2026-02-30' is not a date" fees iin --date 2026-02-30
expect 1 "no edition of the price list covers 2024-05-05" fees iin --date 2024-05-05 --format text
grep -q "in force from 2025-01-01" "$WORK/err" ||
  fail "the message does not say where the data begins: $(cat "$WORK/err")"
[ -s "$WORK/out" ] && fail "a failed fee slip printed: $(head -c 200 "$WORK/out")"
expect 1 "no edition" fees iin --date 2024-05-05 -o "$WORK/none.pdf"
[ -e "$WORK/none.pdf" ] && fail "a failed fee slip left none.pdf"
# A year whose MCI the data lacks: the fine in MCI only, with a warning.
expect 0 "10 MCI" fees --fine late-notification --size small --date 2027-03-01
grep -q "the MCI for 2027 is not in the data" "$WORK/out" ||
  fail "2027 fine: no word of the missing MCI: $(cat "$WORK/out")"
grep -q "warning: The MCI for 2027 is not in the data" "$WORK/err" ||
  fail "2027 fine: no warning on stderr: $(cat "$WORK/err")"
grep -q "0\.00" "$WORK/out" && fail "2027 fine: a made-up amount: $(cat "$WORK/out")"
expect 1 "no MCI for 2023, so the fine cannot be computed.*2024, 2025, 2026" fees --fine late-notification --size small --date 2023-03-01

# (e) Fines: text by default, JSON on request. -------------------------
expect 0 "43 250\.00 KZT" fees --fine late-notification --size small --date 2026-01-01
grep -q "10 MCI × 4 325.00 KZT (MCI 2026)" "$WORK/out" ||
  fail "the fine does not show its MCI basis: $(cat "$WORK/out")"
expect 0 '"kzt": "43250\.00"' fees --fine late-notification --size small --date 2026-01-01 --format json
grep -q '"mci": "10", "mci_value": "4325.00", "mci_year": 2026' "$WORK/out" ||
  fail "fine JSON: $(cat "$WORK/out")"
# 100 × 3 932 = 393 200 KZT.
expect 0 '"kzt": "393200\.00"' fees --fine late-notification-repeat --size large --date 2025-06-15 --format json
# Up to 3 days: a warning, nothing to pay.
expect 0 '"warning": true' fees --fine overstay --days 3 --date 2026-11-21 --format json
grep -q '"kzt": null' "$WORK/out" || fail "a warning has an amount: $(cat "$WORK/out")"
# 11 days: 25 × 4 325 = 108 125 KZT, or expulsion.
expect 0 "108 125\.00 KZT" fees --fine overstay --days 11 --date 2026-11-21
grep -q "expulsion" "$WORK/out" || fail "the 11-day fine does not add expulsion: $(cat "$WORK/out")"
# A fine as PDF has no attachment.
expect 0 "" fees --fine overstay --days 11 --date 2026-11-21 --format pdf -o "$WORK/fine.pdf"
pdfdetach -list "$WORK/fine.pdf" | head -1 | grep -Eq '^0 embedded files?$' ||
  fail "the fine PDF has attachments: $(pdfdetach -list "$WORK/fine.pdf")"
finish
