# SPDX-License-Identifier: MIT
# Hostile job files at scale (issue 12, items 9, 10, 12): many duplicates
# are found in n log n, an element with thousands of attributes or a huge
# <job> is refused at once, and lines past 65 535 are right (stderr, the
# manifest's "line", inline profiles: never padded).
. "$2/cli/lib.sh"
H=$WORK/s
mkdir -p "$H"
run_t() { limit=$1; shift; timeout "$limit" "$QUJAT" "$@" >"$WORK/out" 2>"$WORK/err"; STATUS=$?; }

# (9) 200 000 jobs with one id: quadratic took minutes before the first job.
awk 'BEGIN {
  print "<jobs xmlns=\"urn:qujat:jobs:1\" date=\"2026-11-21\">"
  for (i = 1; i <= 200000; i++)
    printf "<job id=\"same\" document=\"fees\" fine=\"overstay\" days=\"7\" lang=\"kk\" output=\"f%d.pdf\"/>\n", i
  print "</jobs>"
}' >"$H/dups.xml"
run_t 60 batch "$H/dups.xml" -o "$H/dups" -j 1
[ "$STATUS" = 1 ] || fail "200 000 duplicate ids: exit $STATUS (124: too slow)"
[ "$(grep -c '"status": "error"' "$H/dups/manifest.jsonl")" = 199999 ] || fail "200 000 duplicate ids: not 199 999 failed"
grep -q "job same: the id 'same' is already used by job same (line 2)" "$WORK/err" || fail "duplicates: message $(sed -n 2p "$WORK/err")"

# (10) Thousands of attributes, a huge job: refused at once.
awk 'BEGIN {
  print "<jobs xmlns=\"urn:qujat:jobs:1\" date=\"2026-11-21\">"
  printf "<job id=\"a\" output=\"a.pdf\""
  for (i = 1; i <= 50000; i++) printf " x%d=\"1\"", i
  print "/>"
  print "</jobs>"
}' >"$H/attrs.xml"
run_t 15 batch "$H/attrs.xml" -o "$H/attrs"
[ "$STATUS" = 1 ] || fail "50 000 attributes: exit $STATUS (124: too slow)"
grep -q "attrs.xml:2:.*more than 64 attributes" "$WORK/err" || fail "50 000 attributes: $(cat "$WORK/err")"
awk 'BEGIN {
  print "<jobs xmlns=\"urn:qujat:jobs:1\" date=\"2026-11-21\">"
  print "<job id=\"big\" document=\"fees\" service=\"work-visa-in-kz\" output=\"big.pdf\">"
  print "<profile xmlns=\"urn:qujat:profile:1\"><applicant surname=\"DOE\" given-names=\"JANE\"/>"
  for (i = 1; i <= 20000; i++) print "<!-- a comment of some length to make this job large, line after line -->"
  print "</profile></job>"
  print "</jobs>"
}' >"$H/big.xml"
run_t 15 batch "$H/big.xml" -o "$H/big"
[ "$STATUS" = 1 ] || fail "a huge <job>: exit $STATUS"
grep -q "big.xml:2:.*<job> is larger than" "$WORK/err" || fail "a huge <job>: $(cat "$WORK/err")"

# (12) Lines past 65 535 and past 262 144.
awk 'BEGIN {
  print "<jobs xmlns=\"urn:qujat:jobs:1\" date=\"2026-11-21\">"
  print "<!--"
  for (i = 3; i < 70000; i++) print ""
  print "-->"
  print "<job id=\"bad1\""                                    # 70001
  print "     document=\"nope\" output=\"b1.pdf\"/>"
  print "<!--"
  for (i = 70004; i < 300000; i++) print ""
  print "-->"
  print "<job id=\"p1\" document=\"fees\" service=\"work-visa-in-kz\" lang=\"kk\" output=\"p1.pdf\">"  # 300001
  print "  <profile xmlns=\"urn:qujat:profile:1\">"
  print "    <applicant surname=\"DOE\" given-names=\"JANE\" citizenship=\"DE\"/>"
  print "  </profile>"
  print "</job>"
  print "<job id=\"p2\" document=\"fees\" service=\"work-visa-in-kz\" lang=\"kk\" output=\"p2.pdf\">"  # 300006
  print "  <profile xmlns=\"urn:qujat:profile:1\">"
  print "    <applicant surname=\"DOE\" given-names=\"JANE\""
  print "               birth-date=\"not-a-date\"/>"
  print "  </profile>"
  print "</job>"
  print "</jobs>"
}' >"$H/lines.xml"
run_t 60 batch "$H/lines.xml" -o "$H/lines"
M=$H/lines/manifest.jsonl
grep '"id": "bad1"' "$M" | grep -q '"line": 70001' || fail "line past 65 535: $(grep bad1 "$M")"
grep -q "lines.xml:70001: error: job bad1" "$WORK/err" || fail "line past 65 535 on stderr: $(grep bad1 "$WORK/err")"
grep '"id": "p1"' "$M" | grep -q '"status": "ok"' || fail "inline profile past line 262 144: $(grep p1 "$M")"
grep '"id": "p1"' "$M" | grep -q '"line": 300001' || fail "inline profile job: line $(grep p1 "$M")"
grep '"id": "p2"' "$M" | grep -q '"line": 300006' || fail "second inline profile job: line $(grep p2 "$M")"
grep "job p2" "$WORK/err" | grep -q "larger than" && fail "inline profile padded: $(grep p2 "$WORK/err")"
grep "job p2" "$WORK/err" | grep -Eq "lines.xml:30000[6-9]" || fail "inline profile error: not at its line: $(grep p2 "$WORK/err")"

finish
