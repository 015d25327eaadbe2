# SPDX-License-Identifier: MIT
# Smaller hostile job files (issue 12, item 15): CR-only CSV line ends,
# control characters in ids, CSV manifest cells starting with TAB, an inline
# profile with a prefix declared on <jobs>, a profile declaring another
# encoding, profiles outside the job file's directory.
. "$2/cli/lib.sh"
SMITH=$PROFILES/smith-family.xml
J=$WORK/j
mkdir -p "$J/sub" "$WORK/elsewhere"
CR=$(printf '\r')
ESC=$(printf '\033')
TAB=$(printf '\t')

# CR-only line ends: every row at its own line.
printf 'id;document;service;lang;output;surname;given-names;citizenship\rA;fees;work-visa-in-kz;kk;a.pdf;DOE;JANE;DE\rB;nope;work-visa-in-kz;kk;b.pdf;DOE;JANE;DE\rC;fees;work-visa-in-kz;kk;c.pdf;DOE;JANE;DE\r' >"$J/cr.csv"
expect 1 "" batch "$J/cr.csv" -o "$J/cr" --date 2026-11-21
grep -q "cr.csv:3: error: job B" "$WORK/err" || fail "CR-only CSV: the bad row is not at line 3: $(cat "$WORK/err")"
grep '"id": "C"' "$J/cr/manifest.jsonl" | grep -q '"line": 4' || fail "CR-only CSV: row C not at line 4"

# Control characters in an id never reach the terminal raw.
printf 'id;document;service;lang;output\rX%s[31mRED;nope;work-visa-in-kz;kk;x.pdf\r' "$ESC" >"$J/esc.csv"
expect 1 "" batch "$J/esc.csv" -o "$J/esc"
grep -q "$ESC" "$WORK/err" && fail "an ESC of an id went raw to stderr"
grep -q 'job X\\x1B\[31mRED' "$WORK/err" || fail "control character: not shown escaped: $(cat -v "$WORK/err")"

# A CSV manifest neutralises cells that start with TAB, as with = + - @.
cat >"$J/tab.xml" <<'XML'
<jobs xmlns="urn:qujat:jobs:1" date="2026-11-21">
  <job id="&#9;=1+2" document="nope" service="work-visa-in-kz" output="t.pdf"/>
</jobs>
XML
expect 1 "" batch "$J/tab.xml" -o "$J/tab" --manifest "$J/tab-manifest.csv"
grep -q "^'$TAB=1+2," "$J/tab-manifest.csv" || fail "CSV manifest: a cell starting with TAB is not neutralised: $(cat -A "$J/tab-manifest.csv")"

# An inline profile whose prefixes are declared on <jobs>.
cat >"$J/ns.xml" <<'XML'
<jobs xmlns="urn:qujat:jobs:1" xmlns:p="urn:qujat:profile:1" xmlns:x="urn:qujat:profile:1" date="2026-11-21">
  <job id="n1" document="fees" service="work-visa-in-kz" lang="kk" output="n1.pdf">
    <p:profile><x:applicant surname="DOE" given-names="JANE" citizenship="DE"/></p:profile>
  </job>
</jobs>
XML
expect 0 "" batch "$J/ns.xml" -o "$J/ns"

# A profile that declares another encoding is refused, like a job file.
sed 's/encoding="UTF-8"/encoding="ISO-8859-1"/' "$SMITH" >"$J/latin1.xml"
grep -q 'ISO-8859-1' "$J/latin1.xml" || fail "test setup: no declaration in $SMITH"
cp "$SMITH" "$J/smith.xml"
cp "$SMITH" "$WORK/elsewhere/outside.xml"
ln -s "$WORK/elsewhere/outside.xml" "$J/link.xml"
cat >"$J/sub/jobs.xml" <<XML
<jobs xmlns="urn:qujat:jobs:1" date="2026-11-21">
  <job id="e1" document="fees" service="work-visa-in-kz" output="e1.pdf" profile="../latin1.xml"/>
</jobs>
XML
cat >"$J/jobs.xml" <<XML
<jobs xmlns="urn:qujat:jobs:1" date="2026-11-21">
  <job id="in" document="fees" service="work-visa-in-kz" output="in.pdf" profile="smith.xml"/>
  <job id="enc" document="fees" service="work-visa-in-kz" output="enc.pdf" profile="latin1.xml"/>
  <job id="up" document="fees" service="work-visa-in-kz" output="up.pdf" profile="../j/elsewhere/../smith.xml"/>
  <job id="abs" document="fees" service="work-visa-in-kz" output="abs.pdf" profile="$WORK/elsewhere/outside.xml"/>
  <job id="absnone" document="fees" service="work-visa-in-kz" output="absnone.pdf" profile="/etc/no-such-profile.xml"/>
  <job id="link" document="fees" service="work-visa-in-kz" output="link.pdf" profile="link.xml"/>
</jobs>
XML
expect 1 "" batch "$J/jobs.xml" -o "$J/out"
M=$J/out/manifest.jsonl
grep '"id": "in"' "$M" | grep -q '"status": "ok"' || fail "a profile inside: $(grep '"in"' "$M")"
grep "job enc" "$WORK/err" | grep -q "names the encoding 'ISO-8859-1'" || fail "encoding declaration: $(grep 'job enc' "$WORK/err")"
for id in up abs absnone link; do
  grep "job $id:" "$WORK/err" | grep -q "outside the job file's directory (--allow-outside-profiles allows it)" ||
    fail "profile outside ($id): $(grep "job $id:" "$WORK/err")"
done
# The message about a file outside says nothing of whether it exists.
a=$(grep "job abs:" "$WORK/err" | sed 's/.*: the profile/the profile/; s/'"'"'[^'"'"']*'"'"'/X/')
b=$(grep "job absnone:" "$WORK/err" | sed 's/.*: the profile/the profile/; s/'"'"'[^'"'"']*'"'"'/X/')
[ "$a" = "$b" ] || fail "outside profiles: the messages differ for a file that exists and one that does not: '$a' / '$b'"
expect 1 "" batch "$J/jobs.xml" -o "$J/out2" --allow-outside-profiles
for id in abs link; do
  grep "\"id\": \"$id\"" "$J/out2/manifest.jsonl" | grep -q '"status": "ok"' || fail "--allow-outside-profiles ($id): $(grep "job $id" "$WORK/err")"
done

finish
