# SPDX-License-Identifier: MIT
# PDF/A (issue 17), with --pdf-standard pdfa: checklists, letters and fines
# are PDF/A-2b, fee slips PDF/A-3b; the default stays the plain PDF
# (bench/README.md: PDF/A costs more than 15 %).
# Debian's PDFBox Preflight (libpdfbox2-java) validates PDF/A-1b only, the
# nearest standard it knows; it must report no error except the rules where
# PDF/A-1b differs from 2b and 3b, each listed here:
#
#   7.11.2  "part must be 1": the XMP says pdfaid:part 2 (or 3), as it must
#           for PDF/A-2b/3b; Preflight knows only part 1.
#   1.4.7   "EmbeddedFile entry is present in the Names dictionary" and
#   1.2.9   "EmbeddedFile entry is present in a FileSpecification": fee slips
#           only. PDF/A-1 forbids embedded files; PDF/A-3 allows them as
#           associated files (/AF, /AFRelationship), which is how the XML
#           twin is attached.
#   1.4     "/XRef cross reference streams are not allowed": qujat writes
#           object and cross-reference streams (PDF 1.5, pdf_pack.c), which
#           PDF/A-1 forbids and PDF/A-2 and 3 allow (the trailer's entries,
#           the /ID among them, are in the cross-reference stream's
#           dictionary).
#
# The version header (%PDF-1.7; PDF/A-1 is based on PDF 1.4) is another
# difference, but this Preflight (2.0.27) does not report it.
#
# Also checked: the XMP says what the document information says, the fee
# slip's XML is an associated file with its MIME type and dates, the trailer
# /ID follows from the content (same input, same bytes; other input, other
# ID), qpdf --check is clean, and --pdf-standard none gives the plain PDF.
#
# Skipped (exit 77) only where java is missing.
. "$2/cli/lib.sh"
DATE=2026-11-21

if ! command -v java >/dev/null; then
  echo "SKIP: java is missing (Debian: default-jre-headless), PDFBox Preflight cannot run"
  exit 77
fi
for tool in pdfinfo qpdf; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed"; exit 1; }
done
CP=
for jar in pdfbox2 fontbox2 pdfbox2-tools preflight xmpbox commons-logging \
           javax.activation jaxb-api; do
  [ -f "/usr/share/java/$jar.jar" ] ||
    { echo "FAIL: /usr/share/java/$jar.jar is missing (scripts/deps.sh installs it)"; exit 1; }
  CP=$CP${CP:+:}/usr/share/java/$jar.jar
done

# preflight FILE ALLOWED...: the error codes Preflight reports for FILE
# must be exactly the ALLOWED ones (each must be reported: the PDF claims
# PDF/A-2 or 3, and nothing else may be wrong).
preflight() {
  file=$1
  shift
  java -cp "$CP" org.apache.pdfbox.preflight.Validator_A1b "$file" \
    >"$WORK/preflight" 2>&1
  sed -n 's/^\([0-9][0-9.]*\) : .*/\1/p' "$WORK/preflight" | sort -u >"$WORK/got"
  printf '%s\n' "$@" | sort -u >"$WORK/want"
  if ! cmp -s "$WORK/got" "$WORK/want"; then
    fail "$(basename "$file"): Preflight reports $(tr '\n' ' ' <"$WORK/got")" \
         "instead of $(tr '\n' ' ' <"$WORK/want")"
    sed 's/^/  /' "$WORK/preflight" | head -20
  fi
}

# info FILE FIELD
info() {
  pdfinfo -isodates "$1" | sed -n "s/^$2: *//p"
}

# xmp_has FILE TEXT: the XMP metadata of FILE contains TEXT.
xmp_has() {
  pdfinfo -meta "$1" | grep -qF -- "$2" || fail "$(basename "$1"): the XMP lacks '$2'"
}

run_ok() {
  out=$1
  shift
  expect 0 "" "$@" --date "$DATE" --pdf-standard pdfa -o "$WORK/$out"
}

run_ok ck.pdf checklist work-visa-in-kz --lang kk+ru --profile "$PROFILES/smith-family.xml"
run_ok ck-en.pdf checklist work-visa-in-kz --lang en --profile "$PROFILES/smith-family.xml"
run_ok le.pdf letter business-visa-multi-invitation --lang en --profile "$PROFILES/letter-b2-multi.xml"
run_ok fe.pdf fees work-visa-in-kz --lang ru --profile "$PROFILES/smith-family.xml"
run_ok fi.pdf fees --fine late-notification --size medium --lang kk --format pdf
# A letter of 385 glyphs: Type0 fonts of two-byte CIDs, with their CIDSet
# (the others, under 256 glyphs, have simple fonts of one-byte codes).
run_ok wide.pdf letter business-visa-multi-invitation --lang en --allow-mixed-language --profile "$PROFILES/letter-wide.xml"

preflight "$WORK/ck.pdf" 7.11.2 1.4
preflight "$WORK/ck-en.pdf" 7.11.2 1.4
preflight "$WORK/le.pdf" 7.11.2 1.4
preflight "$WORK/fi.pdf" 7.11.2 1.4
preflight "$WORK/fe.pdf" 7.11.2 1.4.7 1.2.9 1.4
preflight "$WORK/wide.pdf" 7.11.2 1.4

# PDF 1.7, the identification and the metadata the XMP must repeat.
for f in ck le fe fi wide; do
  file=$WORK/$f.pdf
  [ "$(head -c 8 "$file")" = "%PDF-1.7" ] || fail "$f: header $(head -c 8 "$file")"
  part=2
  [ "$f" = fe ] && part=3
  xmp_has "$file" "<pdfaid:part>$part</pdfaid:part>"
  xmp_has "$file" "<pdfaid:conformance>B</pdfaid:conformance>"
  xmp_has "$file" "<rdf:li xml:lang=\"x-default\">$(info "$file" Title)</rdf:li>"
  xmp_has "$file" "<xmp:CreatorTool>$(info "$file" Creator)</xmp:CreatorTool>"
  xmp_has "$file" "<xmp:CreateDate>${DATE}T00:00:00+00:00</xmp:CreateDate>"
  info "$file" CreationDate | grep -q "^${DATE}T00:00:00" ||
    fail "$f: CreationDate $(info "$file" CreationDate)"
  qpdf --check "$file" >"$WORK/qpdf" 2>&1 || { fail "$f: qpdf --check"; cat "$WORK/qpdf"; }
  grep -qi "warning" "$WORK/qpdf" && { fail "$f: qpdf warns"; cat "$WORK/qpdf"; }
  qpdf --qdf --object-streams=disable "$file" "$WORK/$f.qdf" 2>/dev/null
  grep -aq "/DisplayDocTitle true" "$WORK/$f.qdf" || fail "$f: no DisplayDocTitle"
  grep -aq "/S /GTS_PDFA1" "$WORK/$f.qdf" || fail "$f: no output intent"
  if [ "$f" = wide ]; then
    grep -aq "/CIDFontType2" "$WORK/$f.qdf" || fail "$f: no CID font"
    grep -aq "/CIDSet" "$WORK/$f.qdf" || fail "$f: the CID fonts have no CIDSet"
  else
    grep -aq "/Subtype /TrueType" "$WORK/$f.qdf" || fail "$f: no simple font"
    grep -aq "/CIDSet" "$WORK/$f.qdf" && fail "$f: a CIDSet for simple fonts"
  fi
done
xmp_has "$WORK/ck.pdf" "<rdf:li>kk</rdf:li><rdf:li>ru</rdf:li>"

# A title per kind of paper.
case "$(info "$WORK/ck-en.pdf" Title)" in
  "Checklist of documents — "*) ;;
  *) fail "checklist title: $(info "$WORK/ck-en.pdf" Title)" ;;
esac
case "$(info "$WORK/fe.pdf" Title)" in
  "Расчёт сборов к оплате — Получение рабочей визы"*) ;;
  *) fail "fee slip title: $(info "$WORK/fe.pdf" Title)" ;;
esac
info "$WORK/le.pdf" Title | grep -q " — " || fail "letter title: $(info "$WORK/le.pdf" Title)"

# The fee slip's XML twin: an associated file of the document.
for want in "/AFRelationship /Alternative" "/Subtype /text#2fxml" \
            "/ModDate (D:${DATE%%-*}" "/CreationDate (D:$(echo "$DATE" | tr -d -)"; do
  grep -aqi -- "$want" "$WORK/fe.qdf" || fail "fe: no '$want' in the attachment"
done
grep -aq "^  /AF \[" "$WORK/fe.qdf" || grep -aq "/AF \[" "$WORK/fe.qdf" ||
  fail "fe: the catalog has no /AF"

# Deterministic, with an /ID from the content.
run_ok ck2.pdf checklist work-visa-in-kz --lang kk+ru --profile "$PROFILES/smith-family.xml"
cmp -s "$WORK/ck.pdf" "$WORK/ck2.pdf" || fail "two runs differ"
# The /ID of the cross-reference stream's dictionary, the last object.
id() { grep -ao '/ID \[ *<[0-9a-fA-F]*>' "$1" | tail -n 1 | sed 's/.*<//; s/>//'; }
[ -n "$(id "$WORK/ck.pdf")" ] || fail "no trailer /ID"
[ "$(id "$WORK/ck.pdf")" != "$(id "$WORK/ck-en.pdf")" ] || fail "two documents share an /ID"
case "$(id "$WORK/ck.pdf")" in 7175*6964*) fail "the /ID placeholder is left" ;; esac

# --pdf-standard none, and the default: the plain PDF 1.3, untagged, no
# metadata stream, smaller; the same bytes either way.
for how in none default; do
  opt="--pdf-standard none"
  [ $how = default ] && opt=
  # shellcheck disable=SC2086
  expect 0 "" checklist work-visa-in-kz --lang kk+ru --profile "$PROFILES/smith-family.xml" \
    --date "$DATE" $opt -o "$WORK/$how.pdf"
  [ "$(head -c 8 "$WORK/$how.pdf")" = "%PDF-1.5" ] || fail "$how: header $(head -c 8 "$WORK/$how.pdf")"
  [ "$(info "$WORK/$how.pdf" "Metadata Stream")" = no ] || fail "$how: has a metadata stream"
  [ "$(info "$WORK/$how.pdf" Tagged)" = no ] || fail "$how: tagged"
  [ "$(wc -c <"$WORK/$how.pdf")" -lt "$(wc -c <"$WORK/ck.pdf")" ] || fail "$how: not smaller"
done
cmp -s "$WORK/none.pdf" "$WORK/default.pdf" || fail "the default is not --pdf-standard none"
# The same words either way.
pdftotext -q -layout -enc UTF-8 "$WORK/none.pdf" "$WORK/none.txt"
pdftotext -q -layout -enc UTF-8 "$WORK/ck.pdf" "$WORK/ck.txt"
cmp -s "$WORK/none.txt" "$WORK/ck.txt" || fail "pdftotext reads the archival PDF differently"
expect 2 "pdf-standard 'pdf-x'" checklist work-visa-in-kz --pdf-standard pdf-x --date "$DATE" -o "$WORK/x.pdf"
finish
