# SPDX-License-Identifier: MIT
# The text of qujat's PDFs as five extractors read it: poppler (pdftotext),
# mupdf (mutool), Ghostscript (txtwrite), pypdf and pdfminer. Each must
# give back the titles and headings exactly, every Kazakh letter included,
# with no replacement character. (Ghostscript garbles ToUnicode bfrange
# entries, which is why qujat writes bfchar only: PITFALLS.md.)
. "$2/cli/lib.sh"
PROFILE=$PROFILES/smith-family.xml
DATE=2026-11-21
PY=/usr/bin/python3

for tool in pdftotext mutool gs "$PY"; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed"; exit 1; }
done
for module in pypdf pdfminer; do
  "$PY" -c "import $module" 2>/dev/null ||
    { echo "FAIL: python3-$module is not installed"; exit 1; }
done

# extract TOOL PDF OUT
extract() {
  case $1 in
    poppler) pdftotext -q -enc UTF-8 "$2" "$3" ;;
    mupdf) mutool draw -q -F txt -o "$3" "$2" 2>/dev/null ;;
    ghostscript) gs -q -dNOPAUSE -dBATCH -dSAFER -sDEVICE=txtwrite \
                   -sOutputFile="$3" "$2" ;;
    pypdf) "$PY" -c 'import sys, pypdf
r = pypdf.PdfReader(sys.argv[1])
open(sys.argv[2], "w", encoding="utf-8").write(
    "\n".join(p.extract_text() for p in r.pages))' "$2" "$3" ;;
    pdfminer) "$PY" -c 'import sys
from pdfminer.high_level import extract_text
open(sys.argv[2], "w", encoding="utf-8").write(extract_text(sys.argv[1]))' \
                "$2" "$3" ;;
  esac
}

# check LANG PHRASE...: the checklist in LANG, read by every extractor,
# holds every PHRASE (white space runs made one space) and no U+FFFD.
check() {
  lang=$1
  shift
  expect 0 "" checklist work-visa-in-kz --profile "$PROFILE" --date "$DATE" \
    --lang "$lang" -o "$WORK/$lang.pdf"
  for tool in poppler mupdf ghostscript pypdf pdfminer; do
    out=$WORK/$lang.$tool.txt
    extract "$tool" "$WORK/$lang.pdf" "$out" || { fail "$tool cannot read $lang.pdf"; continue; }
    tr -s ' \t\n\f' '    ' <"$out" >"$out.flat"
    for phrase in "$@"; do
      grep -Fq -- "$phrase" "$out.flat" ||
        fail "$tool: '$phrase' not in the text of $lang.pdf"
    done
    grep -q "$(printf '\357\277\275')" "$out" &&
      fail "$tool: a replacement character in the text of $lang.pdf"
  done
}

# Between them the Kazakh phrases use ә ғ қ ң ө ұ ү і.
check kk "Құжаттар тізбесі" "Қазақстан аумағында жұмыс визасын алу" \
  "Тапсырылатын құжаттар" "Өтініш беруші" "Алымдар мен баждар" \
  "ақ-қара фотосуреті бар визалық сауалнама" "SMITH JOHN"
check ru "Получение рабочей визы на территории Казахстана" \
  "Документы, которые нужно представить" "SMITH JOHN"
check en "Obtaining an employment visa within Kazakhstan" "SMITH JOHN"
finish
