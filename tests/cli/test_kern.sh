# SPDX-License-Identifier: MIT
# Kerning as a reader of the PDF sees it: the pages carry TJ arrays (and
# Tj for runs without a kerned pair); amounts set flush right end at one
# x, regular and bold alike, which holds only if the layout measured them
# with the kerning the page applies (regular and bold kern "тенге"
# differently); and poppler, mupdf and pypdf read kerned words whole, the
# bold «Төленетін» («Тө» is one of the tightest pairs) included.
. "$2/cli/lib.sh"
PROFILE=$PROFILES/smith-family.xml
PY=/usr/bin/python3
for tool in pdftotext mutool "$PY"; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed"; exit 1; }
done
"$PY" -c "import pypdf" 2>/dev/null ||
  { echo "FAIL: python3-pypdf is not installed"; exit 1; }

expect 0 "" fees work-visa-in-kz --lang ru --date 2026-11-21 \
  --profile "$PROFILE" -o "$WORK/ru.pdf"
expect 0 "" fees work-visa-in-kz --lang kk --date 2027-02-01 \
  --profile "$PROFILE" -o "$WORK/kk.pdf"

# The content stream: kerned runs as TJ arrays of strings and integers.
mutool show "$WORK/ru.pdf" pages/1/Contents >"$WORK/ru.content" 2>/dev/null ||
  fail "mutool cannot show the page"
grep -aEq '^\[\(.*\) -?[0-9]+ \(.*\)\] TJ$' "$WORK/ru.content" ||
  fail "no kerned TJ array on the page"
grep -aq ') Tj$' "$WORK/ru.content" || fail "no plain Tj on the page"

# Flush right: every amount in tenge ends where the others do.
pdftotext -bbox "$WORK/ru.pdf" - 2>/dev/null |
  sed -n 's/.*xMax="\([0-9.]*\)".*>тенге<.*/\1/p' >"$WORK/right"
awk '$1 > 500 { n++; if (min == "" || $1 < min) min = $1; if ($1 > max) max = $1 }
     END { if (n < 4) { print "only " n " amounts flush right"; exit 1 }
           if (max - min > 0.01) { print "amounts end between " min " and " max; exit 1 } }' \
  "$WORK/right" >"$WORK/right.msg" || fail "$(cat "$WORK/right.msg")"

# Kerned words read whole by three extractors.
pdftotext -q -enc UTF-8 "$WORK/kk.pdf" "$WORK/kk.poppler.txt"
mutool draw -q -F txt -o "$WORK/kk.mupdf.txt" "$WORK/kk.pdf" 2>/dev/null
"$PY" -c 'import sys, pypdf
r = pypdf.PdfReader(sys.argv[1])
open(sys.argv[2], "w", encoding="utf-8").write(
    "\n".join(p.extract_text() for p in r.pages))' "$WORK/kk.pdf" "$WORK/kk.pypdf.txt"
for tool in poppler mupdf pypdf; do
  for phrase in "Төленетін алымдар есебі" "Төленетін сомалар" "Сервистік алым"; do
    tr -s ' \t\n\f' '    ' <"$WORK/kk.$tool.txt" | grep -Fq -- "$phrase" ||
      fail "$tool: '$phrase' not in the text of the kerned slip"
  done
done
finish
