# SPDX-License-Identifier: MIT
# qujat letter: marked copies, each starting on a new page, every page of a
# copy with its mark (and, in a copy of several pages, its page number in
# the copy); a persons table cut by a page repeats its column titles; the
# signature never alone on a page; text from the profile that looks like
# the letter's own separators or placeholders printed as it is; the problems
# of a profile as file:line: error: (exit 1, nothing written); usage errors
# (exit 2); warnings on stderr with the letter still written; the
# addressee's Kazakh and Russian text extractable from the PDF; -o - and
# byte-identical output for the same input.
. "$2/cli/lib.sh"

D="--date 2026-11-21"
SMITH=$PROFILES/smith-family.xml

# pages FILE: the page count pdfinfo gives.
pages() {
  pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'
}

# marks FILE: for each page (pages end with a form feed) that carries copy
# marks, "PAGE: K/N (MARKS)": the copy mark of the first non-blank line of
# the page as K/N, whatever its language ("Copy 1 of 2", "Экземпляр 1 из
# 2", "2-нің 1-данасы"), and how many marks are on the page.
marks() {
  pdftotext -q -layout -enc UTF-8 "$1" - | awk 'BEGIN { RS = "\f" }
  function mark(s,   a) {
    if (match(s, /Copy [0-9]+ of [0-9]+/)) {
      split(substr(s, RSTART, RLENGTH), a, " "); return a[2] "/" a[4] }
    if (match(s, /Экземпляр [0-9]+ из [0-9]+/)) {
      split(substr(s, RSTART, RLENGTH), a, " "); return a[2] "/" a[4] }
    if (match(s, /[0-9]+-[^ ]+ [0-9]+-данасы/)) {
      split(substr(s, RSTART, RLENGTH), a, /[- ]/); return a[3] "/" a[1] }
    return ""
  }
  {
    n = split($0, line, "\n"); first = ""; c = 0
    for (i = 1; i <= n; i++) {
      if (first == "" && line[i] ~ /[^ ]/) first = line[i]
      if (mark(line[i]) != "") c++
    }
    if (c) print NR ": " mark(first) " (" c ")"
  }'
}

# page_text FILE PAGE: the text of one page.
page_text() {
  pdftotext -q -layout -enc UTF-8 -f "$2" -l "$2" "$1" -
}

# expect_copies FILE N: N copies, each starting on a new page of its own,
# every copy with the same number of pages; each page with the mark of its
# copy "n-дана / Экземпляр n / Copy n of N" as the first line, once; the
# pages of a copy of several pages numbered in the copy ("2 / 2"), a copy
# of one page not numbered.
expect_copies() {
  file=$1
  n=$2
  if [ ! -s "$file" ]; then
    fail "$file: no PDF"
    return
  fi
  p=$(pages "$file")
  ff=$(pdftotext -q -layout -enc UTF-8 "$file" - | tr -cd '\f' | wc -c)
  [ "$ff" -eq "$p" ] || fail "$file: $ff form feeds for $p pages"
  if [ $((p % n)) != 0 ]; then
    fail "$file: $p pages for $n copies"
    return
  fi
  per=$((p / n))
  want=
  pg=1
  while [ "$pg" -le "$p" ]; do
    k=$(((pg - 1) / per + 1))
    want="$want$pg: $k/$n (1)
"
    num=$(page_text "$file" "$pg" | grep -Ec '^ *[0-9]+ ?/ ?[0-9]+ *$')
    if [ "$per" = 1 ]; then
      [ "$num" = 0 ] || fail "$file: page $pg of a one-page copy is numbered"
    else
      i=$(((pg - 1) % per + 1))
      page_text "$file" "$pg" | grep -Eq "^ *$i ?/ ?$per *\$" ||
        fail "$file: page $pg is not numbered $i / $per"
    fi
    pg=$((pg + 1))
  done
  got=$(marks "$file")
  if [ "$got" != "${want%
}" ]; then
    fail "$file: copy marks on the wrong pages"
    echo "  expected:"; printf '%s' "$want" | sed 's/^/    /'
    echo "  got:"; echo "$got" | sed 's/^/    /'
  fi
}

# --- Copies ---------------------------------------------------------------

# Two copies by default, a page each for the Smith family.
expect 0 "" letter work-visa-invitation --profile "$SMITH" $D -o "$WORK/two.pdf"
[ -s "$WORK/out" ] && fail "-o also wrote to stdout"
expect_copies "$WORK/two.pdf" 2
[ "$(pages "$WORK/two.pdf")" = 2 ] || fail "two.pdf: $(pages "$WORK/two.pdf") pages, expected 2"

# The request letter, in Kazakh, three copies.
expect 0 "" letter work-visa-in-kz --lang kk --copies 3 --profile "$SMITH" $D -o "$WORK/three.pdf"
expect_copies "$WORK/three.pdf" 3
[ "$(pages "$WORK/three.pdf")" = 3 ] || fail "three.pdf: $(pages "$WORK/three.pdf") pages, expected 3"

# One copy.
expect 0 "" letter investor-visa-invitation --copies 1 --profile "$PROFILES/letter-investor-a5.xml" $D -o "$WORK/one.pdf"
expect_copies "$WORK/one.pdf" 1

# Ten copies, the most.
expect 0 "" letter business-visa-single-invitation --copies 10 --profile "$PROFILES/letter-b2-single.xml" $D -o "$WORK/ten.pdf"
expect_copies "$WORK/ten.pdf" 10

# big_family GIVEN: 1 applicant and 20 children, SMITH GIVEN each.
big_family() {
  echo '<profile xmlns="urn:qujat:profile:1">'
  echo '  <applicant surname="SMITH" given-names="JOHN" birth-date="1985-03-14" sex="M" citizenship="GB">'
  echo '    <passport number="123456789" expires="2031-05-01"/>'
  echo '  </applicant>'
  i=1
  while [ "$i" -le 20 ]; do
    echo "  <dependant relation=\"child\" surname=\"SMITH\" given-names=\"$1\" birth-date=\"2010-01-0$((i % 9 + 1))\" sex=\"F\" citizenship=\"GB\">"
    echo "    <passport number=\"P10000$i\" expires=\"2031-01-01\"/>"
    echo "  </dependant>"
    i=$((i + 1))
  done
  echo '  <company name="Example LLP" bin="123456789012">'
  echo '    <address>55/18 Mangilik El Avenue, Astana, 010017</address>'
  echo '    <contacts>+7 7172 64 73 33, hr@example.kz</contacts>'
  echo '    <head position="Director" name="Aigerim Nurlanovna Sadykova"/>'
  echo '  </company>'
  echo '  <request category="C3" entries="single" from="2027-01-01" to="2027-12-31" purpose="Employment as an engineer" issue-place="Embassy of the Republic of Kazakhstan in London" stay-address="12 Dostyk Street, Astana" letter-number="HR-2"/>'
  echo '</profile>'
}

# expect_signed FILE STAMP LAST: the page with the place of the stamp
# (STAMP) of each copy also has the start of the last undertaking (LAST):
# the signature is never alone on a page.
expect_signed() {
  p=$(pages "$1")
  pg=1
  while [ "$pg" -le "$p" ]; do
    if page_text "$1" "$pg" | grep -q "$2"; then
      page_text "$1" "$pg" | grep -q "$3" ||
        fail "$1: the signature on page $pg without the last undertaking"
    fi
    pg=$((pg + 1))
  done
}

# A copy longer than a page: 1 applicant + 20 children. The second copy
# must still start on a page of its own; the last undertaking goes with the
# signature to the copy's second page.
big_family CHILD > "$WORK/big.xml"
expect 0 "" letter work-visa-invitation --lang ru --allow-mixed-language --profile "$WORK/big.xml" $D -o "$WORK/big.pdf"
expect_copies "$WORK/big.pdf" 2
[ "$(pages "$WORK/big.pdf")" -ge 4 ] || fail "big.pdf: a copy of 21 persons on one page?"
n=$(pdftotext -q -layout -enc UTF-8 "$WORK/big.pdf" - | grep -c 'P1000020')
[ "$n" = 2 ] || fail "big.pdf: the last child is listed $n times, expected 2"
expect_signed "$WORK/big.pdf" 'М\.П\.' 'своевременному выезду'

# Names over three lines: the table itself runs over a page of each copy,
# and every page it continues on repeats its column titles.
big_family "ALEXANDRA MARGARET ELIZABETH VICTORIA CHARLOTTE" > "$WORK/long.xml"
expect 0 "" letter work-visa-invitation --lang kk --allow-mixed-language --profile "$WORK/long.xml" $D -o "$WORK/long.pdf"
expect_copies "$WORK/long.pdf" 2
expect_signed "$WORK/long.pdf" 'М\.О\.' 'уақтылы'
p=$(pages "$WORK/long.pdf")
rows=0
pg=1
while [ "$pg" -le "$p" ]; do
  if page_text "$WORK/long.pdf" "$pg" | grep -q 'P10000'; then
    rows=$((rows + 1))
    n=$(page_text "$WORK/long.pdf" "$pg" | grep -c 'Тегі ')
    [ "$n" = 1 ] || fail "long.pdf: page $pg has persons and $n column titles"
  fi
  pg=$((pg + 1))
done
[ "$rows" = "$p" ] || fail "long.pdf: the table is on $rows of $p pages"

# Text of the profile that looks like the letter's own line break ("|"),
# a placeholder or an indented address over two lines is printed as it is.
sed -e 's#position="Director"#position="Director | Chief Executive {head}"#' \
    -e 's#<address>55/18 Mangilik El Avenue, Astana, 010017</address>#<address>55/18 Mangilik El Avenue,\n\t\tAstana | 010017</address>#' \
    "$SMITH" > "$WORK/bar.xml"
grep -q '	Astana |' "$WORK/bar.xml" || fail "bar.xml: no tab in the address"
expect 0 "" letter work-visa-invitation --copies 1 --format text --profile "$WORK/bar.xml" $D
grep -qx 'Director | Chief Executive {head}' "$WORK/out" || fail "text: the position is cut"
grep -qx 'Aigerim Nurlanovna Sadykova' "$WORK/out" || fail "text: the head's name is not on a line of its own"
grep -qx '55/18 Mangilik El Avenue, Astana | 010017' "$WORK/out" || fail "text: the address is not one line"
expect 0 "" letter work-visa-invitation --copies 1 --profile "$WORK/bar.xml" $D -o "$WORK/bar.pdf"
page_text "$WORK/bar.pdf" 1 | grep -Eq '^ *Director \| Chief Executive \{head\} .* Aigerim Nurlanovna Sadykova *$' ||
  fail "bar.pdf: the position and the name are not side by side"

# As text: the marks in order, once each.
expect 0 "Copy 1 of 3" letter work-visa-invitation --format text --copies 3 --profile "$SMITH" $D
got=$(grep -o 'Copy [0-9] of [0-9]' "$WORK/out" | tr '\n' ' ')
[ "$got" = "Copy 1 of 3 Copy 2 of 3 Copy 3 of 3 " ] || fail "text copy marks: $got"

# --- The addressee in Kazakh and Russian, as extracted text -------------

expect 0 "" letter work-visa-in-kz --lang kk --profile "$SMITH" $D -o "$WORK/kk.pdf"
expect 0 "" letter work-visa-in-kz --lang ru --profile "$SMITH" $D -o "$WORK/ru.pdf"
pdftotext -q -layout -enc UTF-8 "$WORK/kk.pdf" - | grep -q 'Көші-қон қызметі комитетіне' ||
  fail "pdftotext: no «Көші-қон қызметі комитетіне» in the Kazakh letter"
pdftotext -q -layout -enc UTF-8 "$WORK/ru.pdf" - | grep -q 'Комитет миграционной службы' ||
  fail "pdftotext: no «Комитет миграционной службы» in the Russian letter"
if command -v mutool >/dev/null 2>&1; then
  mutool draw -q -F txt -o "$WORK/kk-mutool.txt" "$WORK/kk.pdf" 2>/dev/null
  grep -q 'Көші-қон қызметі комитетіне' "$WORK/kk-mutool.txt" ||
    fail "mutool: no «Көші-қон қызметі комитетіне» in the Kazakh letter"
  mutool draw -q -F txt -o "$WORK/ru-mutool.txt" "$WORK/ru.pdf" 2>/dev/null
  grep -q 'Комитет миграционной службы' "$WORK/ru-mutool.txt" ||
    fail "mutool: no «Комитет миграционной службы» in the Russian letter"
else
  echo "mutool not found: its extraction is not checked"
fi

# --- A profile with problems: every one reported, nothing written --------

P=$PROFILES/letter-problems.xml
expect 1 "letter-problems.xml:13: error: <company>: the letter needs the bin" letter work-visa-invitation --profile "$P" $D -o "$WORK/problems.pdf"
[ -e "$WORK/problems.pdf" ] && fail "a letter was written despite the problems"
ls "$WORK" | grep -q 'tmp-' && fail "a temporary file was left behind"
n=$(grep -c 'letter-problems\.xml:[0-9][0-9]*: error: ' "$WORK/err")
[ "$n" = 6 ] || fail "$n problems printed, expected 6"
n=$(wc -l < "$WORK/err")
[ "$n" = 6 ] || fail "$n lines on stderr, expected the 6 problems only"
for want in \
  "letter-problems.xml:13: error: <company>: the letter needs the <head position name> who signs it" \
  "letter-problems.xml:14: error: <request category=\"A5\">: this service is for category C3" \
  "letter-problems.xml:14: error: <request>: the letter needs the purpose of the trip" \
  "letter-problems.xml:14: error: <request>: an invitation needs the issue-place" \
  "letter-problems.xml:10: error: dependant SMITH JANE: the letter needs the birth-date"; do
  grep -qF -- "$want" "$WORK/err" || fail "not printed: $want"
done
# The same as text on stdout: nothing comes out.
expect 1 "letter-problems.xml:14: error:" letter work-visa-invitation --format text --profile "$P" $D
[ -s "$WORK/out" ] && fail "text written to stdout despite the problems"
# An existing file is left as it was.
echo "old" > "$WORK/keep.pdf"
expect 1 "error:" letter work-visa-invitation --profile "$P" $D -o "$WORK/keep.pdf"
[ "$(cat "$WORK/keep.pdf")" = old ] || fail "keep.pdf was overwritten"

# A profile the schema refuses: exit 1 with its line.
printf '<profile xmlns="urn:qujat:profile:1">\n  <applicant surname="S\320\234ITH" given-names="JOHN"/>\n</profile>\n' > "$WORK/cyrillic.xml"
expect 1 "cyrillic.xml:2: error: " letter work-visa-invitation --profile "$WORK/cyrillic.xml" $D -o "$WORK/cyr.pdf"
[ -e "$WORK/cyr.pdf" ] && fail "a letter was written for a refused profile"
expect 1 "no-such.xml: error: cannot open" letter work-visa-invitation --profile "$WORK/no-such.xml" $D -o "$WORK/none.pdf"

# --- Usage errors: exit 2 ------------------------------------------------

expect 2 "letter needs --profile" letter work-visa-invitation $D -o "$WORK/u.pdf"
grep -q "Try 'qujat --help'" "$WORK/err" || fail "no hint after a usage error"
expect 2 "exactly one SERVICE" letter --profile "$SMITH" $D -o "$WORK/u.pdf"
expect 2 "exactly one SERVICE" letter work-visa-invitation work-visa-in-kz --profile "$SMITH" $D -o "$WORK/u.pdf"

# A service without a letter: the services that have one are listed, each
# whole, in the catalog's order.
expect 2 "^qujat: error: 'iin' has no letter; letters are for work-visa-invitation, work-visa-in-kz, investor-visa-invitation, investor-visa-in-kz, business-visa-single-invitation, business-visa-multi-invitation, business-visa-multi-in-kz, business-immigrant-visa-extension\$" letter iin --profile "$SMITH" $D -o "$WORK/u.pdf"
grep -q 'work-visa-extension' "$WORK/err" && fail "letter iin: work-visa-extension has no letter but is listed"
# A longer id leaves room for fewer: the list ends with "...", no id cut.
expect 2 "'trp-business-immigrant-extension' has no letter; letters are for .*, business-visa-multi-in-kz, \.\.\.\$" letter trp-business-immigrant-extension --profile "$SMITH" $D -o "$WORK/u.pdf"
expect 2 "unknown service 'no-such-service'" letter no-such-service --profile "$SMITH" $D -o "$WORK/u.pdf"

expect 2 "--copies '0': expected 1 to 10" letter work-visa-invitation --copies 0 --profile "$SMITH" $D -o "$WORK/u.pdf"
expect 2 "--copies '11': expected 1 to 10" letter work-visa-invitation --copies 11 --profile "$SMITH" $D -o "$WORK/u.pdf"
expect 2 "--copies '-1': expected 1 to 10" letter work-visa-invitation --copies -1 --profile "$SMITH" $D -o "$WORK/u.pdf"
expect 2 "--copies 'two': expected 1 to 10" letter work-visa-invitation --copies two --profile "$SMITH" $D -o "$WORK/u.pdf"
expect 2 "pdf or text" letter work-visa-invitation --format json --profile "$SMITH" $D
# The messages of a kk+ru command are in Kazakh.
expect 2 "хат бір тілде жазылады" letter work-visa-invitation --lang kk+ru --profile "$SMITH" $D -o "$WORK/u.pdf"
expect 2 "not a date" letter work-visa-invitation --date 2026-02-30 --profile "$SMITH" -o "$WORK/u.pdf"
expect 2 "does not take --copies" checklist work-visa-invitation --copies 2 --profile "$SMITH" $D --format text
[ -e "$WORK/u.pdf" ] && fail "a usage error left a file"

# --- Warnings: on stderr, and the letter is still written ----------------

expect 0 "" letter work-visa-invitation --profile "$PROFILES/letter-blanks.xml" $D -o "$WORK/blanks.pdf"
expect_copies "$WORK/blanks.pdf" 2
grep -q '^qujat: warning: the profile gives no stay-address' "$WORK/err" || fail "no stay-address warning"
grep -q '^qujat: warning: the profile gives no letter-number' "$WORK/err" || fail "no letter-number warning"
grep -v '^qujat: warning: ' "$WORK/err" | grep -q . && fail "stderr has more than warnings"
# The outgoing number's blank comes before the date (21 November 2026).
pdftotext -q -layout -enc UTF-8 "$WORK/blanks.pdf" - | grep -q '________[^_]*2026' ||
  fail "no blank for the outgoing number"

expect 0 "" letter work-visa-invitation --profile "$SMITH" $D -o "$WORK/smith.pdf"
grep -q '^qujat: warning: the digest lists category C3 visas as single-entry only' "$WORK/err" ||
  fail "no warning that C3 is single-entry"
[ -s "$WORK/smith.pdf" ] || fail "no letter despite warnings only"

# A clean profile: nothing on stderr.
expect 0 "" letter business-visa-single-invitation --profile "$PROFILES/letter-b2-single.xml" $D -o "$WORK/b2.pdf"
[ -s "$WORK/err" ] && { fail "warnings for a clean profile"; sed 's/^/  /' "$WORK/err"; }

# -o -: the PDF on stdout, the same bytes as in a file.
expect 0 "" letter business-visa-single-invitation --copies 1 --profile "$PROFILES/letter-b2-single.xml" $D -o -
head -c 7 "$WORK/out" | grep -q '%PDF-1\.' || fail "-o - did not write a PDF to stdout"
cp "$WORK/out" "$WORK/stdout.pdf"
expect 0 "" letter business-visa-single-invitation --copies 1 --profile "$PROFILES/letter-b2-single.xml" $D -o "$WORK/file.pdf"
cmp -s "$WORK/stdout.pdf" "$WORK/file.pdf" || fail "-o - and -o FILE differ"

# Determinism: the same profile and date give the same bytes, in every
# language (the date of the PDF is the letter's, not the clock's).
for run in 1 2; do
  [ "$run" = 2 ] && sleep 1
  for l in kk ru en; do
    expect 0 "" letter work-visa-invitation --lang $l --profile "$SMITH" $D -o "$WORK/det$run-$l.pdf"
  done
done
for l in kk ru en; do
  cmp -s "$WORK/det1-$l.pdf" "$WORK/det2-$l.pdf" || fail "$l: two runs differ"
done
cmp -s "$WORK/det1-kk.pdf" "$WORK/det1-ru.pdf" && fail "kk and ru letters are the same bytes"
# The letter's own options are refused by the other commands.
expect 2 "fees does not take --no-letterhead" fees iin --no-letterhead
expect 2 "checklist does not take --allow-mixed-language" checklist iin --allow-mixed-language
finish
