# SPDX-License-Identifier: MIT
# The tagged structure of --pdf-standard pdfa (issue 17): poppler's
# pdfinfo -struct-text reads a kk+ru checklist item by item, each Kazakh
# item before its Russian twin; every page's content is in the structure or
# an artifact (tests/cli/check_tags.py, pikepdf); headings, lists, tables
# and the QR code's Figure with its /Alt are there; and the extractors read
# the same text as from the plain PDF.
. "$2/cli/lib.sh"
DATE=2026-11-21
PY=/usr/bin/python3
CHECK=$TESTS/cli/check_tags.py

for tool in pdfinfo pdftotext mutool; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed"; exit 1; }
done
"$PY" -c "import pikepdf" 2>/dev/null ||
  { echo "FAIL: python3-pikepdf is not installed (scripts/deps.sh)"; exit 1; }

# both NAME ARGS...: NAME.pdf archival, NAME-plain.pdf plain.
both() {
  name=$1
  shift
  expect 0 "" "$@" --date "$DATE" --pdf-standard pdfa -o "$WORK/$name.pdf"
  expect 0 "" "$@" --date "$DATE" -o "$WORK/$name-plain.pdf"
}
both ck checklist work-visa-in-kz --lang kk+ru --profile "$PROFILES/smith-family.xml"
both gen checklist work-visa-invitation --lang kk+ru
both fe fees work-visa-in-kz --lang ru --profile "$PROFILES/smith-family.xml"
both le letter business-visa-multi-invitation --lang en --profile "$PROFILES/letter-b2-multi.xml"

# Every page in the structure or an artifact; kk+ru in twins.
for f in ck gen; do
  "$PY" "$CHECK" "$WORK/$f.pdf" --pair >"$WORK/check" 2>&1 ||
    { fail "$f: structure"; sed 's/^/  /' "$WORK/check"; }
done
for f in fe le; do
  "$PY" "$CHECK" "$WORK/$f.pdf" >"$WORK/check" 2>&1 ||
    { fail "$f: structure"; sed 's/^/  /' "$WORK/check"; }
done
# The checker is not blind: the plain PDF has no structure.
"$PY" "$CHECK" "$WORK/ck-plain.pdf" >/dev/null 2>&1 && fail "check_tags.py passes an untagged PDF"

# Reading order: the first two items, Kazakh then Russian, then the next.
# No-break spaces (typography: «о государственной» kept together) read as
# spaces here.
pdfinfo -struct-text "$WORK/ck.pdf" 2>&1 | sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' >"$WORK/struct" ||
  fail "pdfinfo -struct-text failed"
line() { grep -nF -- "$1" "$WORK/struct" | head -1 | cut -d: -f1; }
KK1="Заңды тұлғаны мемлекеттік тіркеу"
RU1="Справка о государственной регистрации"
KK2="Акционерлердің шешімі"
RU2="Решение акционеров"
a=$(line "$KK1"); b=$(line "$RU1"); c=$(line "$KK2"); d=$(line "$RU2")
if [ -z "$a" ] || [ -z "$b" ] || [ -z "$c" ] || [ -z "$d" ]; then
  fail "pdfinfo -struct-text lacks the first items: kk1=$a ru1=$b kk2=$c ru2=$d"
elif ! [ "$a" -lt "$b" ] || ! [ "$b" -lt "$c" ] || ! [ "$c" -lt "$d" ]; then
  fail "not item by item, kk before ru: lines $a $b $c $d"
fi
# ...whereas the drawing order interleaves the columns line by line.
pdftotext -q -raw -enc UTF-8 "$WORK/ck-plain.pdf" "$WORK/raw.txt"
grep -qF "Справка" "$WORK/raw.txt" || fail "pdftotext -raw lacks the Russian item"

for tag in Document H1 H2 L LI Lbl LBody Table TR TD; do
  grep -q "^ *$tag\b" "$WORK/struct" || fail "ck: no $tag element"
done
pdfinfo -struct-text "$WORK/le.pdf" >"$WORK/le.struct" 2>&1
for tag in Table TR TH TD; do
  grep -q "^ *$tag\b" "$WORK/le.struct" || fail "letter: no $tag element"
done
# Surname and given names in their own cells, as in the passport.
grep -q "DUBOIS" "$WORK/le.struct" && grep -q "CLAIRE" "$WORK/le.struct" ||
  fail "letter: the person is not in a cell"
[ "$(pdfinfo "$WORK/ck.pdf" | sed -n 's/^Tagged: *//p')" = yes ] || fail "ck: not Tagged"

# The QR code: a Figure with its alternative text.
"$PY" - "$WORK/fe.pdf" >"$WORK/alt" 2>&1 <<'EOF' || { fail "fe: Figure"; cat "$WORK/alt"; }
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
found = []
def walk(e):
    k = e.get("/K")
    if isinstance(k, pikepdf.Array):
        for x in k:
            if isinstance(x, pikepdf.Dictionary) and x.get("/S") is not None:
                if x.S == "/Figure":
                    found.append(str(x.get("/Alt", "")))
                walk(x)
walk(pdf.Root.StructTreeRoot)
assert found and all(len(a) > 10 for a in found), found
print(found[0])
EOF
grep -q "QJ-" "$WORK/alt" || fail "fe: the Figure's /Alt does not name the reference: $(cat "$WORK/alt")"

# The same text from the extractors as from the plain PDF.
for f in ck gen fe le; do
  pdftotext -q -layout -enc UTF-8 "$WORK/$f.pdf" "$WORK/$f.a.txt"
  pdftotext -q -layout -enc UTF-8 "$WORK/$f-plain.pdf" "$WORK/$f.p.txt"
  cmp -s "$WORK/$f.a.txt" "$WORK/$f.p.txt" || fail "$f: pdftotext reads another text"
  mutool draw -q -F txt -o "$WORK/$f.ma.txt" "$WORK/$f.pdf" 2>/dev/null
  mutool draw -q -F txt -o "$WORK/$f.mp.txt" "$WORK/$f-plain.pdf" 2>/dev/null
  # mutool starts a new block where marked content starts: the same lines,
  # with more blank lines between them.
  grep -v '^$' "$WORK/$f.ma.txt" >"$WORK/$f.ma2.txt"
  grep -v '^$' "$WORK/$f.mp.txt" >"$WORK/$f.mp2.txt"
  cmp -s "$WORK/$f.ma2.txt" "$WORK/$f.mp2.txt" || fail "$f: mutool reads another text"
  qpdf --check "$WORK/$f.pdf" >"$WORK/qpdf" 2>&1 || { fail "$f: qpdf --check"; cat "$WORK/qpdf"; }
done
finish
