# SPDX-License-Identifier: MIT
# qujat batch: job files (XML and CSV) with good and bad jobs mixed, the
# manifest (JSON lines and CSV), outputs that try to leave the output
# directory (names and symbolic links), a batch killed with SIGKILL and
# resumed, CSV files in every encoding qujat reads, sharding, determinism
# across thread counts, usage errors (exit 2), fatal errors of the job file
# (exit 1, nothing rendered), qujat validate on job files, and stderr
# without a progress line when it is not a terminal.
#
# Every run's stderr is searched for sanitizer reports, so that the script
# also checks an ASan/UBSan build of qujat.
. "$2/cli/lib.sh"
DATE=2026-11-21
SMITH=$PROFILES/smith-family.xml
CR=$(printf '\r')

for tool in pdfinfo pdftotext iconv cmp sha256sum awk; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed"; exit 1; }
done

# ------------------------------------------------------------------------
# Helpers
# ------------------------------------------------------------------------

# sanitizers CMD...: a sanitizer report on stderr is a failure.
sanitizers() {
  if grep -Eq 'runtime error:|AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer' "$WORK/err"; then
    fail "qujat $*: sanitizer report"
    sed 's/^/  /' "$WORK/err" | head -40
  fi
}

# batch ARGS...: qujat batch ARGS; STATUS, $WORK/out and $WORK/err.
batch() {
  run batch "$@"
  sanitizers batch "$@"
}

# xexpect STATUS PATTERN CMD...: lib.sh's expect, with the sanitizer check.
xexpect() {
  expect "$@"
  shift 2
  sanitizers "$@"
}

# fields MANIFEST: a line per job: "id status output line bytes pages
# sha256", "-" for what the job's line lacks. Inside JSON strings every
# quote is escaped, so "key": matches only keys.
fields() {
  awk '
    function str(k,   s) {
      if (!match($0, "\"" k "\": \"([^\"\\\\]|\\\\.)*\"")) return "-"
      s = substr($0, RSTART, RLENGTH)
      sub("^\"" k "\": \"", "", s)
      sub("\"$", "", s)
      return s
    }
    function num(k,   s) {
      if (!match($0, "\"" k "\": [0-9]+")) return "-"
      s = substr($0, RSTART, RLENGTH)
      sub("^\"" k "\": ", "", s)
      return s
    }
    { print str("id"), str("status"), str("output"), num("line"),
            num("bytes"), num("pages"), str("sha256") }' "$1"
}

# same FILE1 FILE2 WHAT: the two files are equal.
same() {
  if ! cmp -s "$1" "$2"; then
    fail "$3"
    diff "$1" "$2" | head -20 | sed 's/^/  /'
  fi
}

# count_pdfs DIR: NPDF = the number of *.pdf directly in DIR (no process
# is started: the kill test polls with it).
count_pdfs() {
  set -- "$1"/*.pdf
  if [ -e "$1" ]; then NPDF=$#; else NPDF=0; fi
}

# check_outputs DIR MANIFEST: every "ok" or "skipped" job of MANIFEST has its
# PDF in DIR, which pdfinfo reads, with the manifest's size, pages and
# SHA-256.
check_outputs() {
  fields "$2" >"$WORK/outputs.fields"
  while read -r id status output line bytes pages sha; do
    [ "$status" = ok ] || [ "$status" = skipped ] || continue
    f=$1/$output
    if [ ! -f "$f" ] || [ -L "$f" ]; then
      fail "job $id: no regular file $output"
      continue
    fi
    pdfinfo "$f" >"$WORK/info" 2>&1 || fail "job $id: pdfinfo cannot read $output"
    got=$(sed -n 's/^Pages: *//p' "$WORK/info")
    [ "$got" = "$pages" ] || fail "job $id: $output has $got pages, the manifest says $pages"
    got=$(wc -c <"$f" | tr -d ' ')
    [ "$got" = "$bytes" ] || fail "job $id: $output has $got bytes, the manifest says $bytes"
    got=$(sha256sum "$f" | cut -d' ' -f1)
    [ "$got" = "$sha" ] || fail "job $id: the SHA-256 of $output is not the manifest's"
  done <"$WORK/outputs.fields"
}

# ------------------------------------------------------------------------
# (a) Good and bad jobs mixed
# ------------------------------------------------------------------------
M=$WORK/mixed
mkdir -p "$M/profiles"
cp "$SMITH" "$M/profiles/smith.xml"
J=$M/jobs.xml
cat >"$J" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<jobs xmlns="urn:qujat:jobs:1" date="$DATE">
  <job id="good-1" document="checklist" service="work-visa-in-kz" lang="en" output="good/checklist-en.pdf" profile="profiles/smith.xml"/>
  <job id="svc" document="checklist" service="no-such-service" output="bad/svc.pdf" profile="profiles/smith.xml"/>
  <job id="noprof" document="checklist" service="work-visa-in-kz" output="bad/noprof.pdf" profile="profiles/missing.xml"/>
  <job id="attr" document="checklist" service="work-visa-in-kz" output="bad/attr.pdf" profile="profiles/smith.xml" colour="red"/>
  <job id="lang" document="checklist" service="work-visa-in-kz" lang="de" output="bad/lang.pdf" profile="profiles/smith.xml"/>
  <jbo id="misspelt" document="checklist" service="work-visa-in-kz" output="bad/misspelt.pdf" profile="profiles/smith.xml"/>
  <job id="inner" document="checklist" service="work-visa-in-kz" output="bad/inner.pdf">
    <profil xmlns="urn:qujat:profile:1"/>
  </job>
  <job id="dup-out" document="fees" service="work-visa-in-kz" output="good/checklist-en.pdf" profile="profiles/smith.xml"/>
  <job id="good-1" document="fees" service="work-visa-in-kz" output="bad/dup-id.pdf" profile="profiles/smith.xml"/>
  <job id="dotdot" document="checklist" service="work-visa-in-kz" output="../escape.pdf" profile="profiles/smith.xml"/>
  <job id="abs" document="checklist" service="work-visa-in-kz" output="$WORK/abs.pdf" profile="profiles/smith.xml"/>
  <job id="dot" document="checklist" service="work-visa-in-kz" output="a/./b.pdf" profile="profiles/smith.xml"/>
  <job id="hidden" document="checklist" service="work-visa-in-kz" output=".hidden.pdf" profile="profiles/smith.xml"/>
  <job id="txt" document="checklist" service="work-visa-in-kz" output="x.txt" profile="profiles/smith.xml"/>
  <job id="good-2" document="fees" service="work-visa-in-kz" lang="ru" output="good/fees-ru.pdf" profile="profiles/smith.xml"/>
  <job id="inline" document="checklist" service="work-visa-in-kz" output="bad/inline.pdf">
    <profile xmlns="urn:qujat:profile:1">
      <applicant surname="SMITH" given-names="JOHN" birth-date="1985-03-14" sex="M" citizenship="GB" role="employee">
        <passport number="123456789" expires="2029-13-01"/>
      </applicant>
    </profile>
  </job>
  <job id="good-3" document="letter" service="work-visa-invitation" lang="kk" output="good/letter-kk.pdf">
    <profile xmlns="urn:qujat:profile:1" xml:lang="kk">
      <applicant surname="SMITH" given-names="JOHN" birth-date="1985-03-14" sex="M"
                 citizenship="GB" role="employee">
        <passport number="123456789" issued="2019-05-02" expires="2029-05-01"/>
      </applicant>
      <company name="«Example» ЖШС" bin="123456789012" form="legal-entity">
        <address>010017, Астана қ., Мәңгілік Ел даңғылы, 55/18</address>
        <contacts>+7 7172 64 73 33, hr@example.kz</contacts>
        <head position="Директор" name="Садыкова Айгерим Нурлановна"/>
      </company>
      <request category="C3" entries="multiple" from="2027-01-01" to="2027-12-31"
               purpose="инженер лауазымында еңбек қызметі" issue-place="Қазақстан Республикасының Лондондағы елшілігі"
               stay-address="Астана қ., Достық көшесі, 12" letter-number="HR-7"/>
    </profile>
  </job>
</jobs>
EOF
# id status line: what the error says (in the manifest and on stderr).
cat >"$WORK/expected" <<EOF
good-1 ok 3
svc error 4 unknown service 'no-such-service'
noprof error 5 missing.xml: cannot open the profile
attr error 6 unknown attribute 'colour'
lang error 7 lang 'de'
misspelt error 8 <jbo> in <jobs>: expected <job>
inner error 9 line 10: <profil> inside <job>
dup-out error 12 the output 'good/checklist-en.pdf' is already written by job good-1 (line 3)
good-1 error 13 the id 'good-1' is already used by job good-1 (line 3)
dotdot error 14 output '../escape.pdf': a part of it is
abs error 15 it is absolute
dot error 16 output 'a/./b.pdf': a part of it is
hidden error 17 output '.hidden.pdf': a part of it is
txt error 18 it does not end in .pdf
good-2 ok 19
inline error 20 $J:23: <passport expires
good-3 ok 27
EOF
batch "$J" -o "$M/out" -j 2
[ "$STATUS" = 1 ] || fail "mixed jobs: exit $STATUS, expected 1"
MAN=$M/out/manifest.jsonl
[ -f "$MAN" ] || fail "mixed jobs: no manifest.jsonl"
[ -e "$MAN.part" ] && fail "mixed jobs: manifest.jsonl.part left behind"
fields "$MAN" >"$WORK/got"
cut -d' ' -f1-3 "$WORK/expected" >"$WORK/want.ids"
cut -d' ' -f1,2,4 "$WORK/got" >"$WORK/got.ids"
same "$WORK/want.ids" "$WORK/got.ids" "mixed jobs: the manifest is not one line per job in job order with these statuses"
while read -r id status line what; do
  [ "$status" = error ] || continue
  grep -F "\"line\": $line}" "$MAN" | grep -F "\"id\": \"$id\"" | grep -Fq -- "$what" ||
    fail "mixed jobs: the manifest line of job $id (line $line) does not say: $what"
  grep -F "$J:$line: error: job $id: " "$WORK/err" | grep -Fq -- "$what" ||
    fail "mixed jobs: stderr has no '$J:$line: error: job $id: ...$what'"
done <"$WORK/expected"
# stderr: the error lines and nothing else; no progress line (not a tty).
n_err=$(grep -c ' error ' "$WORK/expected")
[ "$(wc -l <"$WORK/err" | tr -d ' ')" = "$n_err" ] ||
  fail "mixed jobs: stderr has $(wc -l <"$WORK/err") lines, expected the $n_err error lines"
grep -v "^$J:[0-9]*: error: job " "$WORK/err" >"$WORK/other"
[ -s "$WORK/other" ] && fail "mixed jobs: stderr has other lines than job errors: $(head -3 "$WORK/other")"
grep -q "$CR" "$WORK/err" && fail "mixed jobs: a carriage return on stderr (a progress line?)"
# The good PDFs, and nothing else, anywhere.
check_outputs "$M/out" "$MAN"
(cd "$M/out" && find . -type f | sort) >"$WORK/files"
printf '%s\n' ./good/checklist-en.pdf ./good/fees-ru.pdf ./good/letter-kk.pdf ./manifest.jsonl >"$WORK/want.files"
same "$WORK/want.files" "$WORK/files" "mixed jobs: the output directory holds other files than the good PDFs and the manifest"
(cd "$M/out" && find . -type d | sort) >"$WORK/dirs"
printf '%s\n' . ./good >"$WORK/want.dirs"
same "$WORK/want.dirs" "$WORK/dirs" "mixed jobs: directories made for bad jobs"
for f in "$M/escape.pdf" "$WORK/abs.pdf" "$WORK/escape.pdf"; do
  [ -e "$f" ] && fail "mixed jobs: $f was written outside the output directory"
done
pdftotext -enc UTF-8 "$M/out/good/checklist-en.pdf" - 2>/dev/null |
  grep -Fq "Obtaining an employment visa within Kazakhstan" ||
  fail "mixed jobs: the English checklist does not show its title"
pdftotext -enc UTF-8 "$M/out/good/fees-ru.pdf" - 2>/dev/null |
  grep -Fq "Получение рабочей визы на территории Казахстана" ||
  fail "mixed jobs: the Russian fee slip does not show its title"
pdftotext -enc UTF-8 "$M/out/good/letter-kk.pdf" - 2>/dev/null |
  grep -Fq "Қазақстан Республикасы" ||
  fail "mixed jobs: the Kazakh letter does not show «Қазақстан Республикасы»"
# The letter's warning reaches the manifest.
grep '"id": "good-3"' "$MAN" | grep -Fq '"warnings": [' ||
  fail "mixed jobs: the letter's warning is not in the manifest"

# An inline profile whose start tags span lines: the error still points
# at its line of the job file.
cat >"$M/multiline.xml" <<EOF
<jobs xmlns="urn:qujat:jobs:1" date="$DATE">
  <job id="ml" document="checklist" service="work-visa-in-kz" output="ml.pdf">
    <profile xmlns="urn:qujat:profile:1">
      <applicant surname="SMITH" given-names="JOHN"
                 birth-date="1985-03-14" sex="M"
                 citizenship="GB" role="employee">
        <passport number="123456789" expires="2029-13-01"/>
      </applicant>
    </profile>
  </job>
</jobs>
EOF
batch "$M/multiline.xml" -o "$M/ml"
# Each element of the inline profile keeps its line (qujat_xml_copy_lines),
# however many lines the start tags before it take.
grep -Fq "job ml: $M/multiline.xml:7: <passport" "$WORK/err" ||
  fail "multi-line inline profile: the error is not at line 7: $(cat "$WORK/err")"

# Long texts cut to fit the messages still make valid UTF-8 in the
# manifest and on stderr, whichever byte the cut falls on.
ZH=$(awk 'BEGIN { for (i = 0; i < 700; i++) printf "ж" }')
ZH150=$(awk 'BEGIN { for (i = 0; i < 150; i++) printf "ж" }')
cat >"$M/long.xml" <<EOF
<jobs xmlns="urn:qujat:jobs:1" date="$DATE">
  <job id="$ZH" document="checklist" service="no-such" output="a.pdf"/>
  <job id="a$ZH" document="checklist" service="no-such" output="b.pdf"/>
  <job id="x" document="fees" service="iin" output="$ZH150.pdf"/>
  <job id="y" document="fees" service="iin" output="a$ZH150.pdf"/>
  <job id="z" document="fees" service="iin" lang="ru" output="ok.pdf" colour="$ZH"/>
</jobs>
EOF
batch "$M/long.xml" -o "$M/long"
[ "$STATUS" = 1 ] || fail "long texts: exit $STATUS, expected 1"
[ "$(grep -c '"status": "error"' "$M/long/manifest.jsonl")" = 5 ] || fail "long texts: not 5 errors in the manifest"
iconv -f UTF-8 -t UTF-8 "$M/long/manifest.jsonl" >/dev/null 2>&1 ||
  fail "long texts: the manifest is not valid UTF-8"
iconv -f UTF-8 -t UTF-8 "$WORK/err" >/dev/null 2>&1 || fail "long texts: stderr is not valid UTF-8"

# On a terminal: a progress line and a summary (when script(1) can make one).
if command -v script >/dev/null && script -qec true /dev/null >/dev/null 2>&1; then
  script -qec "\"$QUJAT\" batch \"$J\" -o \"$M/tty\"" /dev/null >"$WORK/tty" 2>&1
  grep -q "3 written, 0 already complete, 14 failed" "$WORK/tty" ||
    fail "on a terminal: no summary '3 written, 0 already complete, 14 failed'"
  grep -q "17/17 done, 14 failed" "$WORK/tty" ||
    fail "on a terminal: no progress line '17/17 done, 14 failed'"
fi

# ------------------------------------------------------------------------
# (b) Symbolic links in the output directory
# ------------------------------------------------------------------------
S=$WORK/sym
mkdir -p "$S/out/real" "$S/outside"
ln -s ../outside "$S/out/dirlink"
ln -s ../../outside "$S/out/real/inner"
echo precious >"$S/outside/target.pdf"
ln -s ../outside/target.pdf "$S/out/final.pdf"
ln -s ../outside/new.pdf "$S/out/dangling.pdf"
cat >"$S/jobs.xml" <<EOF
<jobs xmlns="urn:qujat:jobs:1" date="$DATE">
  <job id="dir" document="fees" service="iin" output="dirlink/x.pdf"/>
  <job id="dir-deep" document="fees" service="iin" output="dirlink/sub/y.pdf"/>
  <job id="inner" document="fees" service="iin" output="real/inner/z.pdf"/>
  <job id="final" document="fees" service="iin" output="final.pdf"/>
  <job id="dangling" document="fees" service="iin" output="dangling.pdf"/>
</jobs>
EOF
batch "$S/jobs.xml" -o "$S/out"
[ "$STATUS" = 1 ] || fail "symlinks: exit $STATUS, expected 1 (three jobs cannot write)"
fields "$S/out/manifest.jsonl" | cut -d' ' -f1,2 >"$WORK/got"
printf '%s\n' "dir error" "dir-deep error" "inner error" "final ok" "dangling ok" >"$WORK/want"
same "$WORK/want" "$WORK/got" "symlinks: statuses"
grep -Fq "job dir: cannot create the directory of 'dirlink/x.pdf'" "$WORK/err" ||
  fail "symlinks: no error for dirlink/x.pdf: $(cat "$WORK/err")"
(cd "$S/outside" && find . | sort) >"$WORK/got"
printf '%s\n' . ./target.pdf >"$WORK/want"
same "$WORK/want" "$WORK/got" "symlinks: something was written outside the output directory"
[ "$(cat "$S/outside/target.pdf")" = precious ] || fail "symlinks: the target of final.pdf was changed"
for f in final.pdf dangling.pdf; do
  if [ -L "$S/out/$f" ] || [ ! -f "$S/out/$f" ]; then
    fail "symlinks: $f is not a regular file replacing the link"
  fi
done
check_outputs "$S/out" "$S/out/manifest.jsonl"
# --resume does not take a link to a complete PDF elsewhere for the output.
cp "$S/out/final.pdf" "$S/outside/complete.pdf"
rm "$S/out/final.pdf"
ln -s ../outside/complete.pdf "$S/out/final.pdf"
batch "$S/jobs.xml" -o "$S/out" --resume
grep '"id": "final"' "$S/out/manifest.jsonl" | grep -q '"status": "ok"' ||
  fail "symlinks: --resume skipped a job whose output is a symbolic link: $(grep '"id": "final"' "$S/out/manifest.jsonl")"
grep '"id": "dangling"' "$S/out/manifest.jsonl" | grep -q '"status": "skipped"' ||
  fail "symlinks: --resume did not skip a complete output"
[ -L "$S/out/final.pdf" ] && fail "symlinks: --resume left the link at final.pdf"
cmp -s "$S/out/final.pdf" "$S/outside/complete.pdf" || fail "symlinks: final.pdf differs after --resume"

# ------------------------------------------------------------------------
# (c) SIGKILL in the middle, then --resume
# ------------------------------------------------------------------------
K=$WORK/kill
mkdir -p "$K"
cp "$SMITH" "$K/smith.xml"
{
  echo "<jobs xmlns=\"urn:qujat:jobs:1\" date=\"$DATE\">"
  i=1
  while [ "$i" -le 300 ]; do
    case $((i % 3)) in
      0) doc='document="letter" service="work-visa-invitation" lang="ru" copies="4"' ;;
      1) doc='document="checklist" service="work-visa-in-kz" lang="kk+ru"' ;;
      2) doc='document="fees" service="work-visa-in-kz" lang="kk"' ;;
    esac
    printf '  <job id="k%03d" %s output="k%03d.pdf" profile="smith.xml"/>\n' "$i" "$doc" "$i"
    i=$((i + 1))
  done
  echo "</jobs>"
} >"$K/jobs.xml"
batch "$K/jobs.xml" -o "$K/clean" -j 2
[ "$STATUS" = 0 ] || { fail "kill: the clean run failed: $(head -3 "$WORK/err")"; }
fields "$K/clean/manifest.jsonl" >"$WORK/clean.fields"
[ "$(grep -c ' ok ' "$WORK/clean.fields")" = 300 ] || fail "kill: the clean run has not 300 ok jobs"

"$QUJAT" batch "$K/jobs.xml" -o "$K/run" -j 2 >/dev/null 2>"$WORK/kill.err" &
pid=$!
NPDF=0
while kill -0 "$pid" 2>/dev/null; do
  count_pdfs "$K/run"
  [ "$NPDF" -ge 25 ] && break
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
count_pdfs "$K/run"
killed=$NPDF
if [ -f "$K/run/manifest.jsonl" ]; then
  echo "note: the batch finished before it could be killed; the resume is checked anyway"
else
  echo "kill: $killed of 300 outputs were complete when the batch was killed"
fi
# Every complete name holds a complete PDF: the clean run's bytes.
for f in "$K/run"/*.pdf; do
  [ -e "$f" ] || continue
  b=$(basename "$f")
  cmp -s "$f" "$K/clean/$b" || fail "kill: $b under its final name is not the complete PDF"
  pdfinfo "$f" >/dev/null 2>&1 || fail "kill: pdfinfo cannot read $b"
done
# Half-written files have only temporary names (never *.pdf).
(cd "$K/run" && find . -type f) | grep -Ev '^\./(k[0-9]{3}\.pdf|\.k[0-9]{3}\.pdf\.qujat-part|manifest\.jsonl\.part)$' >"$WORK/odd"
[ -s "$WORK/odd" ] && fail "kill: other files than PDFs, temporary files and the manifest's: $(cat "$WORK/odd")"
# A torn PDF under a final name (as a copy by another tool could leave) is
# rendered again, and a temporary file left by a killed batch goes.
i=300
while [ -e "$K/run/k$i.pdf" ] && [ "$i" -gt 250 ]; do i=$((i - 1)); done
head -c 3000 "$K/clean/k$i.pdf" >"$K/run/k$i.pdf"
torn=k$i
i=$((i - 1))
while [ -e "$K/run/k$i.pdf" ] && [ "$i" -gt 200 ]; do i=$((i - 1)); done
head -c 2000 "$K/clean/k$i.pdf" >"$K/run/.k$i.pdf.qujat-part"
# Expected statuses: skipped for what was complete, ok for the rest.
for f in "$K/run"/*.pdf; do
  b=$(basename "$f" .pdf)
  [ "$b" = "$torn" ] || echo "$b"
done >"$WORK/complete"
batch "$K/jobs.xml" -o "$K/run" -j 2 --resume
[ "$STATUS" = 0 ] || fail "kill: --resume exit $STATUS, expected 0: $(head -3 "$WORK/err")"
[ -f "$K/run/manifest.jsonl" ] || fail "kill: no manifest.jsonl after --resume"
[ -e "$K/run/manifest.jsonl.part" ] && fail "kill: manifest.jsonl.part left after --resume"
fields "$K/run/manifest.jsonl" >"$WORK/resume.fields"
cut -d' ' -f1 "$WORK/resume.fields" >"$WORK/got"
cut -d' ' -f1 "$WORK/clean.fields" >"$WORK/want"
same "$WORK/want" "$WORK/got" "kill: after --resume the manifest is not every job once, in order"
awk '$2 == "skipped" { print $1 }' "$WORK/resume.fields" >"$WORK/got"
same "$WORK/complete" "$WORK/got" "kill: --resume skipped other jobs than those complete on disk ($killed were)"
grep -q "^$torn ok " "$WORK/resume.fields" || fail "kill: the torn $torn.pdf was not rendered again"
cut -d' ' -f1,3- "$WORK/resume.fields" >"$WORK/got"
cut -d' ' -f1,3- "$WORK/clean.fields" >"$WORK/want"
same "$WORK/want" "$WORK/got" "kill: after --resume the manifest's outputs and SHA-256 are not the clean run's"
find "$K/run" -name '*.qujat-part' >"$WORK/parts"
[ -s "$WORK/parts" ] && fail "kill: temporary files left after --resume: $(cat "$WORK/parts")"
rm -f "$K/run/manifest.jsonl" "$K/clean/manifest.jsonl"
diff -r "$K/clean" "$K/run" >/dev/null || fail "kill: after --resume the PDFs are not byte-identical to a clean run's"
# Killed or not, the temporary file of a job that is complete goes too.
cp "$K/clean/k001.pdf" "$K/run/.k001.pdf.qujat-part"
batch "$K/jobs.xml" -o "$K/run" -j 2 --resume
[ "$STATUS" = 0 ] || fail "kill: second --resume exit $STATUS"
[ "$(grep -c '"status": "skipped"' "$K/run/manifest.jsonl")" = 300 ] ||
  fail "kill: a second --resume did not skip all 300 jobs"
[ -e "$K/run/.k001.pdf.qujat-part" ] && fail "kill: --resume left the temporary file of a complete output"

# ------------------------------------------------------------------------
# (d) CSV in every encoding
# ------------------------------------------------------------------------
C=$WORK/csv
mkdir -p "$C"
# csv_rows COMPANY HEAD PURPOSE: the job rows, ';'-separated, LF line
# ends: a letter, a row whose birth date is not a date (that job fails),
# a bilingual checklist and a fee slip.
csv_rows() {
  cat <<EOF
id;document;service;lang;output;surname;given-names;birth-date;sex;citizenship;role;passport-number;passport-issued;passport-expires;company;company-bin;company-form;company-address;company-contacts;head-position;head-name;category;entries;from;to;purpose;issue-place;stay-address;letter-number;by-representative
L1;letter;business-visa-single-invitation;ru;letters/l1.pdf;BECKER;ANNA MARIA;23.07.1990;F;DE;;C4J7R2X91;14.09.2021;13.09.2031;$1;150840012345;legal-entity;"8 Kunayev Street, office 412, Astana";"+7 7172 55 01 02, ""office"" desk";Директор;$2;B2;single;01.02.2027;30.04.2027;$3;Посольство в Берлине;"Отель «Достык», Астана";SL-45;yes
BAD;checklist;work-visa-in-kz;ru;checklists/bad.pdf;IVANOV;IVAN;31.02.1990;M;RU;employee;723456789;02.05.2019;01.05.2029;$1;123456789012;legal-entity;;;;;;;;;;;;;yes
C1;checklist;work-visa-in-kz;kk+ru;checklists/c1.pdf;SMITH;JOHN;14.03.1985;M;GB;employee;123456789;02.05.2019;01.05.2029;$1;123456789012;legal-entity;;;;;;;;;;;;;yes
F1;fees;work-visa-in-kz;ru;fees/f1.pdf;SMITH;JOHN;14.03.1985;M;GB;employee;123456789;02.05.2019;01.05.2029;$1;123456789012;legal-entity;;;;;;;;;;;;;no
EOF
}
csv_rows "ТОО «Қазақ Логистика»" "Ақметов Данияр" "Келіссөздер жүргізу" >"$C/kk-utf8.csv"
csv_rows "ТОО «Казахская Логистика»" "Ахметов Данияр" "Переговоры по контракту" >"$C/ru-utf8.csv"
BOM8=$(printf '\357\273\277')
{ printf '%s' "$BOM8"; cat "$C/kk-utf8.csv"; } >"$C/kk-utf8-bom.csv"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$C/kk-utf8.csv"; } >"$C/kk-utf16le-bom.csv"
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$C/kk-utf8.csv"; } >"$C/kk-utf16be-bom.csv"
iconv -f UTF-8 -t UTF-16LE "$C/kk-utf8.csv" >"$C/kk-utf16le.csv"
iconv -f UTF-8 -t RK1048 "$C/kk-utf8.csv" >"$C/kk-kz1048.csv"
sed "s/\$/$CR/" "$C/kk-utf8.csv" >"$C/kk-crlf.csv"
tr ';' '\t' <"$C/kk-utf8.csv" >"$C/kk-tab.csv"
tr ';' ',' <"$C/kk-utf8.csv" >"$C/kk-comma.csv"
{ printf '\377\376'; sed "s/\$/$CR/" "$C/kk-utf8.csv" | tr ';' '\t' | iconv -f UTF-8 -t UTF-16LE; } >"$C/kk-excel.csv"
iconv -f UTF-8 -t CP1251 "$C/ru-utf8.csv" >"$C/ru-cp1251.csv"
# The same in CP1251 with one more row whose surname holds the byte 0x98,
# which CP1251 leaves undefined: only that row fails.
{
  sed -n 1,2p "$C/ru-cp1251.csv"
  printf 'X98;fees;work-visa-in-kz;ru;fees/x98.pdf;\320\305\322\230\316\302;PETR;14.03.1985;M;RU;employee;123456789;02.05.2019;01.05.2029;ABC;123456789012;legal-entity;;;;;;;;;;;;;no\n'
  sed -n '3,$p' "$C/ru-cp1251.csv"
} >"$C/ru-cp1251-bad.csv"

# csv_run NAME [ARGS...]: the batch of $C/NAME.csv into $C/out-NAME[-TAG],
# its manifest fields (without the line for NAME*-bad) in $C/NAME.fields.
csv_run() {
  name=$1
  shift
  batch "$C/$name.csv" -o "$C/out-$name$TAG" --date "$DATE" "$@"
  [ "$STATUS" = 1 ] || fail "CSV $name $*: exit $STATUS, expected 1 (one bad row)"
  fields "$C/out-$name$TAG/manifest.jsonl" >"$C/$name$TAG.fields"
  grep -Fq "$C/$name.csv:$BADLINE: error: job BAD: " "$WORK/err" ||
    fail "CSV $name $*: no error for the bad row at line $BADLINE: $(head -3 "$WORK/err")"
}
BADLINE=3
TAG=
csv_run kk-utf8
csv_run ru-utf8
[ "$(cut -d' ' -f1,2,4 "$C/kk-utf8.fields" | tr '\n' ' ')" = "L1 ok 2 BAD error 3 C1 ok 4 F1 ok 5 " ] ||
  fail "CSV: ids, statuses and lines of the UTF-8 file: $(cat "$C/kk-utf8.fields")"
check_outputs "$C/out-kk-utf8" "$C/out-kk-utf8/manifest.jsonl"
for name in kk-utf8-bom kk-utf16le-bom kk-utf16be-bom kk-utf16le kk-kz1048 kk-crlf kk-tab kk-comma kk-excel; do
  csv_run "$name"
  same "$C/kk-utf8.fields" "$C/$name.fields" "CSV $name (detected): the manifest differs from the UTF-8 file's"
done
csv_run ru-cp1251
same "$C/ru-utf8.fields" "$C/ru-cp1251.fields" "CSV ru-cp1251 (detected): the manifest differs from the UTF-8 file's"
# The encoding named with --encoding.
TAG=-named
for pair in kk-utf8:UTF-8 kk-utf8-bom:UTF-8 kk-utf16le-bom:UTF-16 kk-utf16be-bom:UTF-16 \
  kk-utf16le:UTF-16LE kk-utf16le-bom:UTF-16LE kk-utf16be-bom:UTF-16BE kk-kz1048:KZ-1048 \
  kk-kz1048:RK1048 kk-excel:UTF-16; do
  name=${pair%%:*}
  enc=${pair#*:}
  rm -rf "$C/out-$name$TAG"
  csv_run "$name" --encoding "$enc"
  same "$C/kk-utf8.fields" "$C/$name$TAG.fields" "CSV $name --encoding $enc: the manifest differs from the UTF-8 file's"
done
for enc in CP1251 windows-1251; do
  rm -rf "$C/out-ru-cp1251$TAG"
  csv_run ru-cp1251 --encoding "$enc"
  same "$C/ru-utf8.fields" "$C/ru-cp1251$TAG.fields" "CSV ru-cp1251 --encoding $enc: the manifest differs from the UTF-8 file's"
done
TAG=
# The Kazakh company name of the KZ-1048 file is in the letter's text.
pdftotext -enc UTF-8 "$C/out-kk-kz1048/letters/l1.pdf" - 2>/dev/null | tr -s ' \n' '  ' >"$WORK/l1.txt"
grep -Fq "ТОО «Қазақ Логистика»" "$WORK/l1.txt" ||
  fail "CSV: the letter from the KZ-1048 file does not show ТОО «Қазақ Логистика»"
grep -Fq "Ақметов Данияр" "$WORK/l1.txt" || fail "CSV: the letter does not show the head's Kazakh name"
grep -Fq '+7 7172 55 01 02, "office" desk' "$WORK/l1.txt" ||
  fail "CSV: the quoted cell with a comma and a doubled quote is not in the letter"
pdftotext -enc UTF-8 "$C/out-ru-cp1251/letters/l1.pdf" - 2>/dev/null | tr -s ' \n' '  ' |
  grep -Fq "ТОО «Казахская Логистика»" || fail "CSV: the letter from the CP1251 file does not show its company"
# A byte CP1251 leaves undefined fails its row, and only it.
BADLINE=4
for enc in "" CP1251; do
  rm -rf "$C/out-ru-cp1251-bad"
  if [ -n "$enc" ]; then csv_run ru-cp1251-bad --encoding "$enc"; else csv_run ru-cp1251-bad; fi
  grep -Fq "$C/ru-cp1251-bad.csv:3: error: job X98: byte 0x98" "$WORK/err" ||
    fail "CSV 0x98 ${enc:-detected}: no error for the row at line 3: $(cat "$WORK/err")"
  grep -F "job X98" "$WORK/err" | grep -q "not CP1251 text" ||
    fail "CSV 0x98 ${enc:-detected}: the error does not name CP1251: $(grep X98 "$WORK/err")"
  grep -Fq "$C/ru-cp1251-bad.csv:4: error: job BAD: " "$WORK/err" ||
    fail "CSV 0x98 ${enc:-detected}: the bad date row (line 4) is not reported"
  [ "$(wc -l <"$WORK/err" | tr -d ' ')" = 2 ] || fail "CSV 0x98 ${enc:-detected}: other rows failed: $(cat "$WORK/err")"
  grep -v '^X98 ' "$C/ru-cp1251-bad.fields" | cut -d' ' -f1-3,5- >"$WORK/got"
  cut -d' ' -f1-3,5- "$C/ru-utf8.fields" >"$WORK/want"
  same "$WORK/want" "$WORK/got" "CSV 0x98 ${enc:-detected}: the other rows differ from the UTF-8 file's"
  [ -e "$C/out-ru-cp1251-bad/fees/x98.pdf" ] && fail "CSV 0x98: the bad row was rendered"
done

# ------------------------------------------------------------------------
# (e) Shards, duplicates across shards, determinism
# ------------------------------------------------------------------------
H=$WORK/shard
mkdir -p "$H"
cp "$SMITH" "$H/smith.xml"
cat >"$H/jobs.xml" <<EOF
<jobs xmlns="urn:qujat:jobs:1" date="$DATE">
  <job id="s01" document="checklist" service="work-visa-in-kz" lang="kk" output="same.pdf" profile="smith.xml"/>
  <job id="s02" document="fees" service="work-visa-in-kz" lang="ru" output="same.pdf" profile="smith.xml"/>
  <job id="s03" document="checklist" service="work-visa-in-kz" lang="ru" output="a/s03.pdf" profile="smith.xml"/>
  <job id="s04" document="fees" service="iin" output="b/s04.pdf"/>
  <job id="s05" document="checklist" service="no-such" output="b/s05.pdf"/>
  <job id="s03" document="fees" service="iin" lang="kk" output="b/s06.pdf"/>
  <job id="s07" document="letter" service="work-visa-invitation" lang="en" output="a/s07.pdf" profile="smith.xml"/>
  <job id="s08" document="checklist" service="iin" lang="en" output="s08.pdf"/>
  <job id="s09" document="fees" service="work-visa-in-kz" lang="en" output="a/s09.pdf" profile="smith.xml"/>
</jobs>
EOF
batch "$H/jobs.xml" -o "$H/all" -j 1
[ "$STATUS" = 1 ] || fail "shards: the unsharded run exit $STATUS, expected 1"
fields "$H/all/manifest.jsonl" | cut -d' ' -f1,2 | tr '\n' ' ' >"$WORK/got"
[ "$(cat "$WORK/got")" = "s01 ok s02 error s03 ok s04 ok s05 error s03 error s07 ok s08 ok s09 ok " ] ||
  fail "shards: unsharded statuses: $(cat "$WORK/got")"
for k in 1 2; do
  batch "$H/jobs.xml" -o "$H/sharded" -j 2 --shard "$k/2"
  [ "$STATUS" = 1 ] || fail "shards: --shard $k/2 exit $STATUS, expected 1"
  [ -f "$H/sharded/manifest-$k-of-2.jsonl" ] || fail "shards: no manifest-$k-of-2.jsonl"
done
[ -e "$H/sharded/manifest.jsonl" ] && fail "shards: a shard wrote manifest.jsonl"
fields "$H/sharded/manifest-1-of-2.jsonl" | cut -d' ' -f1 | tr '\n' ' ' >"$WORK/got"
[ "$(cat "$WORK/got")" = "s01 s03 s05 s07 s09 " ] || fail "shards: shard 1/2 took $(cat "$WORK/got")"
# The duplicates are found across shards: s02 and the second s03 are in
# shard 2, the jobs they clash with in shard 1.
grep -Fq "job s02: the output 'same.pdf' is already written by job s01 (line 2)" "$H/sharded/manifest-2-of-2.jsonl" ||
  fail "shards: the duplicate output across shards is not found"
grep -Fq "job s03: the id 's03' is already used by job s03 (line 4)" "$H/sharded/manifest-2-of-2.jsonl" ||
  fail "shards: the duplicate id across shards is not found"
cat "$H/sharded/manifest-1-of-2.jsonl" "$H/sharded/manifest-2-of-2.jsonl" >"$WORK/union"
fields "$WORK/union" | sort >"$WORK/got"
fields "$H/all/manifest.jsonl" | sort >"$WORK/want"
same "$WORK/want" "$WORK/got" "shards: the two shards' manifests are not the unsharded manifest"
sort "$WORK/union" >"$WORK/got"
sort "$H/all/manifest.jsonl" >"$WORK/want"
same "$WORK/want" "$WORK/got" "shards: the shards' lines (errors included) are not the unsharded run's"
rm "$H/sharded"/manifest-*.jsonl
cp "$H/all/manifest.jsonl" "$WORK/all.jsonl"
rm "$H/all/manifest.jsonl"
diff -r "$H/all" "$H/sharded" >/dev/null || fail "shards: the sharded PDFs differ from the unsharded ones"
# -j 1 and -j 2: the same manifest, the same bytes.
batch "$H/jobs.xml" -o "$H/j2" -j 2
same "$WORK/all.jsonl" "$H/j2/manifest.jsonl" "determinism: -j 1 and -j 2 give different manifests"
rm "$H/j2/manifest.jsonl"
diff -r "$H/all" "$H/j2" >/dev/null || fail "determinism: -j 1 and -j 2 give different PDFs"
# More jobs than the pool holds (8 a thread), errors among them: the main
# thread waits for half the pool at a time; every job comes out, in order,
# at -j 1, 2 and 3.
{
  echo "<jobs xmlns=\"urn:qujat:jobs:1\" date=\"$DATE\">"
  for i in $(seq 1 70); do
    if [ $((i % 9)) = 0 ]; then service=no-such; else service=iin; fi
    echo "  <job id=\"p$i\" document=\"fees\" service=\"$service\" output=\"p/$i.pdf\"/>"
  done
  echo "</jobs>"
} >"$H/pool.xml"
for j in 1 2 3; do
  batch "$H/pool.xml" -o "$H/pool$j" -j "$j"
  [ "$STATUS" = 1 ] || fail "pool: -j $j: exit $STATUS, expected 1 (7 unknown services)"
done
[ "$(wc -l <"$H/pool1/manifest.jsonl" | tr -d " ")" = 70 ] || fail "pool: not 70 manifest lines"
[ "$(grep -c '"status": "ok"' "$H/pool1/manifest.jsonl")" = 63 ] || fail "pool: not 63 jobs done"
[ "$(sed -n '70s/.*"id": "\([^"]*\)".*/\1/p' "$H/pool1/manifest.jsonl")" = p70 ] ||
  fail "pool: the manifest's last line is not job p70"
for j in 2 3; do
  same "$H/pool1/manifest.jsonl" "$H/pool$j/manifest.jsonl" "pool: -j 1 and -j $j give different manifests"
  rm "$H/pool$j/manifest.jsonl"
done
rm "$H/pool1/manifest.jsonl"
diff -r "$H/pool1" "$H/pool2" >/dev/null && diff -r "$H/pool1" "$H/pool3" >/dev/null ||
  fail "pool: -j 1, 2 and 3 give different PDFs"

# ------------------------------------------------------------------------
# (f) The manifest as CSV
# ------------------------------------------------------------------------
cat >"$H/csvman.xml" <<EOF
<jobs xmlns="urn:qujat:jobs:1" date="$DATE">
  <job id="=SUM(A1)" document="fees" service="iin" output="eq.pdf"/>
  <job id='a,"b"' document="fees" service="iin" lang="ru" output="comma.pdf"/>
  <job id="dot" document="fees" service="iin" output="a/./b.pdf"/>
  <job id="letter" document="letter" service="work-visa-invitation" lang="en" output="letter.pdf" profile="smith.xml"/>
</jobs>
EOF
batch "$H/csvman.xml" -o "$H/csvman" --manifest "$WORK/m.csv"
[ "$STATUS" = 1 ] || fail "CSV manifest: exit $STATUS, expected 1"
[ -e "$WORK/m.csv.part" ] && fail "CSV manifest: m.csv.part left behind"
[ -e "$H/csvman/manifest.jsonl" ] && fail "CSV manifest: manifest.jsonl written too"
batch "$H/csvman.xml" -o "$H/csvman-json"
fields "$H/csvman-json/manifest.jsonl" >"$WORK/json.fields"
# row ID: the CSV row that the JSON manifest gives for the job ID.
row() {
  grep "^$1 " "$WORK/json.fields" | while read -r id status output line bytes pages sha; do
    printf '%s,%s,%s,%s,%s,%s,,%s,' "$2" "$status" "$output" "$bytes" "$pages" "$sha" "$line"
  done
}
[ "$(sed -n 1p "$WORK/m.csv")" = "id,status,output,bytes,pages,sha256,error,line,warnings" ] ||
  fail "CSV manifest: header $(sed -n 1p "$WORK/m.csv")"
[ "$(wc -l <"$WORK/m.csv" | tr -d ' ')" = 5 ] || fail "CSV manifest: not a header and 4 rows"
[ "$(sed -n 2p "$WORK/m.csv")" = "$(row '=SUM(A1)' "'=SUM(A1)")" ] ||
  fail "CSV manifest: the formula-like id is not neutralised: $(sed -n 2p "$WORK/m.csv")"
[ "$(sed -n 3p "$WORK/m.csv")" = "$(row 'a,\\"b\\"' '"a,""b"""')" ] ||
  fail "CSV manifest: the id with a comma and quotes: $(sed -n 3p "$WORK/m.csv")"
sed -n 4p "$WORK/m.csv" | grep -q "^dot,error,a/./b.pdf,,,,\"$H/csvman.xml:4: job dot: output 'a/./b.pdf': a part of it is \"\".\"\", \"\"..\"\" or hidden" ||
  fail "CSV manifest: the error row: $(sed -n 4p "$WORK/m.csv")"
sed -n 4p "$WORK/m.csv" | grep -q '",4,$' || fail "CSV manifest: the error row's line: $(sed -n 4p "$WORK/m.csv")"
sed -n 5p "$WORK/m.csv" | grep -q "^letter,ok,letter.pdf,[0-9]*,[0-9]*,[0-9a-f]\{64\},,5,[^,]*C3" ||
  fail "CSV manifest: the letter row with its warning: $(sed -n 5p "$WORK/m.csv")"

# ------------------------------------------------------------------------
# (g) Usage errors (exit 2) and fatal errors of the job file (exit 1)
# ------------------------------------------------------------------------
G=$WORK/fatal
mkdir -p "$G"
xexpect 2 "batch needs exactly one job file" batch
xexpect 2 "batch needs exactly one job file" batch "$J" "$H/jobs.xml"
xexpect 2 "--shard '0/2'" batch "$J" --shard 0/2
xexpect 2 "--shard '3/2'" batch "$J" --shard 3/2
xexpect 2 "--shard 'x'" batch "$J" --shard x
xexpect 2 "--shard '1/0'" batch "$J" --shard 1/0
xexpect 2 "-j '0': expected 1 to 64" batch "$J" -j 0
xexpect 2 "-j '65'" batch "$J" -j 65
xexpect 2 "-o names a directory" batch "$J" -o -
xexpect 2 "'2026-02-30' is not a date" batch "$J" --date 2026-02-30
grep -q "Try 'qujat --help'" "$WORK/err" || fail "usage errors: no 'Try qujat --help'"
[ -e "$M/out/manifest.jsonl.part" ] && fail "usage errors: a manifest was started"

# fatal NAME LINE PATTERN [ARGS...]: the batch of $G/NAME fails as a whole
# (exit 1) with "NAME:LINE: error: PATTERN" (LINE empty: "NAME: error:")
# and renders nothing.
fatal() {
  name=$1
  where=$G/$name${2:+:$2}
  pattern=$3
  shift 3
  rm -rf "$G/out"
  batch "$G/$name" -o "$G/out" "$@"
  [ "$STATUS" = 1 ] || fail "fatal $name: exit $STATUS, expected 1"
  grep -Fq -- "$where: error: $pattern" "$WORK/err" ||
    fail "fatal $name: stderr does not say '$where: error: $pattern': $(cat "$WORK/err")"
  [ -n "$(find "$G" -name '*.pdf' 2>/dev/null)" ] && fail "fatal $name: something was rendered"
  [ -e "$G/out/manifest.jsonl" ] && fail "fatal $name: a manifest was written"
}
good_job() {
  printf '  <job id="%s" document="fees" service="iin" output="%s.pdf"/>\n' "$1" "$1"
}
{
  echo '<?xml version="1.0"?>'
  echo '<!DOCTYPE jobs [<!ENTITY x "y">]>'
  echo '<jobs xmlns="urn:qujat:jobs:1" date="2026-11-21">'
  good_job a
  echo '</jobs>'
} >"$G/doctype.xml"
fatal doctype.xml 2 "a DOCTYPE is not allowed"
# After a comment too, before libxml2 reads the entity declarations.
{
  echo '<?xml version="1.0"?>'
  echo '<!-- the jobs of November -->'
  echo '<!DOCTYPE jobs ['
  echo '<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
  prev=a
  for e in b c d e f g h i; do
    printf '<!ENTITY %s "%s%s%s%s%s%s%s%s%s%s">\n' "$e" "&$prev;" "&$prev;" "&$prev;" \
      "&$prev;" "&$prev;" "&$prev;" "&$prev;" "&$prev;" "&$prev;" "&$prev;"
    prev=$e
  done
  echo ']>'
  echo '<jobs xmlns="urn:qujat:jobs:1" date="2026-11-21">'
  echo '  <job id="&i;" document="fees" service="iin" output="a.pdf"/>'
  echo '</jobs>'
} >"$G/laughs.xml"
fatal laughs.xml 3 "a DOCTYPE is not allowed"
{
  echo '<jobs xmlns="urn:qujat:jobs:1" date="2026-11-21">'
  good_job a
  echo '  <job id="&ext;" document="fees" service="iin" output="b.pdf"/>'
  echo '</jobs>'
} >"$G/entity.xml"
fatal entity.xml 3 "Entity 'ext' not defined"
{
  echo '<jobs xmlns="urn:qujat:jobs:1" date="2026-11-21">'
  good_job a
  good_job b
  printf '  <job id="c\377" document="fees" service="iin" output="c.pdf"/>\n'
  echo '</jobs>'
} >"$G/utf8.xml"
fatal utf8.xml 4 "invalid UTF-8"
{
  echo '<jobs xmlns="urn:qujat:jobs:1" date="2026-11-21">'
  good_job a
  good_job b
  echo '  <job id="c" id="d" document="fees" service="iin" output="c.pdf"/>'
  good_job e
  echo '</jobs>'
} >"$G/malformed.xml"
fatal malformed.xml 4 "Attribute id redefined"
{
  echo '<jobs xmlns="urn:qujat:jobs:1" date="2026-11-21">'
  good_job a
  echo '  <job id="b" document="fees" service="iin" output="b.pdf">'
  good_job c
  echo '</jobs>'
} >"$G/unclosed.xml"
fatal unclosed.xml 5 "Opening and ending tag mismatch"
{
  echo '<jobs xmlns="urn:qujat:jobs:1" date="2026-11-21">'
  good_job a
  printf '  <job id="b" document="fees" service="iin" output="b.pdf"/>stray text<job id="c" document="fees" service="iin" output="c.pdf"/>\n'
  echo '</jobs>'
} >"$G/text.xml"
fatal text.xml 3 "text between jobs"
{
  echo '<?xml version="1.0"?>'
  echo '<jobz xmlns="urn:qujat:jobs:1">'
  good_job a
  echo '</jobz>'
} >"$G/root.xml"
fatal root.xml 2 'expected <jobs xmlns="urn:qujat:jobs:1">, found <jobz>'
{
  echo '<jobs date="2026-11-21">'
  good_job a
  echo '</jobs>'
} >"$G/nons.xml"
fatal nons.xml 1 'expected <jobs xmlns="urn:qujat:jobs:1">'
{
  echo '<?xml version="1.0" encoding="windows-1251"?>'
  echo '<jobs xmlns="urn:qujat:jobs:1" date="2026-11-21">'
  good_job a
  echo '</jobs>'
} >"$G/cp1251.xml"
fatal cp1251.xml 1 "a job file must be UTF-8"
fatal cp1251.xml "" "--encoding is for CSV job files" --encoding UTF-8
printf '\n\nid;document;service;output;colour\n1;fees;iin;a.pdf;red\n' >"$G/column.csv"
fatal column.csv 3 "unknown column 'colour'"
printf 'id,document,output\n1,fees,a.pdf\n' >"$G/noservice.csv"
fatal noservice.csv 1 "no 'service' column"
printf 'id,service,output\n1,iin,a.pdf\n' >"$G/nodocument.csv"
fatal nodocument.csv 1 "no 'document' column"
printf 'id,document,service\n1,fees,iin\n' >"$G/nooutput.csv"
fatal nooutput.csv 1 "no 'output' column"
printf 'id,document,service,output,Surname,SURNAME\n' >"$G/twice.csv"
fatal twice.csv 1 "the column 'surname' appears twice"
printf 'id,document,service,output\n1,fees,iin,a.pdf\n' >"$G/ok.csv"
rm -rf "$G/out"
batch "$G/ok.csv" -o "$G/out" --encoding klingon
[ "$STATUS" = 2 ] || fail "--encoding klingon: exit $STATUS, expected 2 (wrong usage)"
grep -Fq "unknown encoding 'klingon'" "$WORK/err" || fail "--encoding klingon: $(cat "$WORK/err")"
[ -e "$G/out" ] && fail "--encoding klingon: the output directory was made"
rm -f "$G/ok.csv"
batch "$G/none.xml" -o "$G/out"
[ "$STATUS" = 1 ] || fail "a missing job file: exit $STATUS, expected 1"
grep -Fq "$G/none.xml: error: cannot open" "$WORK/err" || fail "a missing job file: $(cat "$WORK/err")"

# ------------------------------------------------------------------------
# (h) qujat validate on job files
# ------------------------------------------------------------------------
xexpect 0 "jobs.xml: valid" validate "$K/jobs.xml"
cat >"$G/validate.xml" <<EOF
<jobs xmlns="urn:qujat:jobs:1" date="$DATE">
  <job id="a" document="fees" service="iin" output="a.pdf"/>
  <job id="a" document="fees" service="iin" output="b.pdf"/>
  <job id="c" document="fees" service="iin" output="a.pdf"/>
  <job id="d" document="fees" service="iin" output="../d.pdf"/>
  <job id="e" document="checklist" service="iin" output="e.pdf">
    <profile xmlns="urn:qujat:profile:1">
      <applicant surname="SMITH" given-names="JOHN" birth-date="1985-03-14" sex="X"/>
    </profile>
  </job>
</jobs>
EOF
xexpect 1 "" validate "$G/validate.xml"
grep -q "validate.xml:3: error: .*one-job-per-id" "$WORK/err" || fail "validate: the duplicate id is not flagged at line 3"
grep -q "validate.xml:4: error: .*one-job-per-output" "$WORK/err" || fail "validate: the duplicate output is not flagged at line 4"
grep -q "validate.xml:5: error: .*'\.\./d\.pdf'" "$WORK/err" || fail "validate: ../d.pdf is not flagged at line 5"
grep -q "validate.xml:8: error: .*sex" "$WORK/err" || fail "validate: the inline profile's sex=\"X\" is not flagged at line 8"
grep -q ": valid" "$WORK/out" && fail "validate: a bad job file said valid"
# What the profile loader finds (a date that is no date) in an inline
# profile: batch reports it at its line, and so must validate.
cat >"$G/validate2.xml" <<EOF
<jobs xmlns="urn:qujat:jobs:1" date="$DATE">
  <job id="e" document="checklist" service="iin" output="e.pdf">
    <profile xmlns="urn:qujat:profile:1">
      <applicant surname="SMITH" given-names="JOHN" birth-date="1985-13-14"/>
    </profile>
  </job>
</jobs>
EOF
batch "$G/validate2.xml" -o "$G/v2"
grep -Fq "$G/validate2.xml:2: error: job e: $G/validate2.xml:4: <applicant birth-date=\"1985-13-14\">" "$WORK/err" ||
  fail "batch: the inline profile's bad date is not reported at line 4: $(cat "$WORK/err")"
# validate loads inline profiles as batch does: schema and checks.
expect 1 "validate2.xml:4: error: .*1985-13-14" validate "$G/validate2.xml"

# The letter's flags in a job file: a profile with English texts only gives
# a Russian letter with allow-mixed-language="true" (and no-letterhead), an
# error without; on another document the flags are refused.
X=$WORK/mixed
mkdir -p "$X"
grep -v 'xml:lang' "$PROFILES/letter-b2-single.xml" >"$X/english.xml"
cat >"$X/jobs.xml" <<EOF
<jobs xmlns="urn:qujat:jobs:1" date="2026-11-21">
  <job id="mixed" document="letter" service="business-visa-single-invitation"
       lang="ru" output="mixed.pdf" profile="english.xml"
       allow-mixed-language="true" no-letterhead="true"/>
  <job id="strict" document="letter" service="business-visa-single-invitation"
       lang="ru" output="strict.pdf" profile="english.xml"/>
  <job id="flag-on-fees" document="fees" service="iin" output="f.pdf"
       no-letterhead="true"/>
</jobs>
EOF
batch "$X/jobs.xml" -o "$X/out"
fields "$X/out/manifest.jsonl" | cut -d' ' -f1,2 >"$WORK/got"
printf '%s\n' "mixed ok" "strict error" "flag-on-fees error" >"$WORK/want"
same "$WORK/want" "$WORK/got" "letter flags: statuses"
grep -Fq "job flag-on-fees: no-letterhead is for letters" "$X/out/manifest.jsonl" ||
  fail "letter flags: no error for no-letterhead on a fee slip"
grep -Fq "no Russian text" "$X/out/manifest.jsonl" ||
  fail "letter flags: the strict job does not name the missing Russian text"
finish
