# SPDX-License-Identifier: MIT
# Bad input: a clear message naming the file and line, exit 1, and nothing
# half-written left behind.
. "$2/cli/lib.sh"

# Profiles that must be refused.
printf '<profile xmlns="urn:qujat:profile:1">\n  <applicant surname="A" given-names="B">\n</profile>\n' > "$WORK/malformed.xml"
expect 1 "malformed.xml:3:[0-9]+: error: .*(mismatch|end tag)" checklist iin --format text --date 2026-11-21 --profile "$WORK/malformed.xml"

printf '<profile xmlns="urn:qujat:profile:1">\n  <applicant surname="A" given-names="B"/>\n  <dependant relation="cousin" surname="C" given-names="D"/>\n</profile>\n' > "$WORK/invalid.xml"
expect 1 "invalid.xml:3: error: .*relation" checklist iin --format text --date 2026-11-21 --profile "$WORK/invalid.xml"

printf '<?xml version="1.0"?>\n<!DOCTYPE p [<!ENTITY x "y">]>\n<profile xmlns="urn:qujat:profile:1"><applicant surname="&x;" given-names="B"/></profile>\n' > "$WORK/doctype.xml"
expect 1 "doctype.xml:2: error: a DOCTYPE is not allowed" checklist iin --format text --date 2026-11-21 --profile "$WORK/doctype.xml"

printf '<?xml version="1.0"?>\n<!DOCTYPE p SYSTEM "file:///etc/passwd">\n<profile xmlns="urn:qujat:profile:1"/>\n' > "$WORK/external.xml"
expect 1 "DOCTYPE is not allowed" checklist iin --format text --date 2026-11-21 --profile "$WORK/external.xml"

printf '<profile xmlns="urn:qujat:profile:1">\n  <applicant surname="\300\257" given-names="B"/>\n</profile>\n' > "$WORK/utf8.xml"
expect 1 "utf8.xml:2:23: error: invalid UTF-8" checklist iin --format text --date 2026-11-21 --profile "$WORK/utf8.xml"

printf '<profile xmlns="urn:qujat:profile:1">\n  <applicant surname="A" given-names="B" birth-date="2001-02-29"/>\n</profile>\n' > "$WORK/date.xml"
expect 1 "date.xml:2: error: .*not a calendar date" checklist iin --format text --date 2026-11-21 --profile "$WORK/date.xml"

printf '<other xmlns="urn:example"/>\n' > "$WORK/other.xml"
expect 1 "other.xml:1: error: expected <profile" checklist iin --format text --date 2026-11-21 --profile "$WORK/other.xml"

expect 1 "no-such-profile.xml: error: cannot open" checklist iin --format text --date 2026-11-21 --profile "$WORK/no-such-profile.xml"
expect 1 "is a directory" checklist iin --format text --date 2026-11-21 --profile "$WORK"

# A date the data does not cover is an error, never a silent fallback.
expect 1 "no edition of the price list covers 2024-06-01" checklist iin --format text --date 2024-06-01
# After the newest edition: it stays in force, with a warning on stderr.
expect 0 "" checklist work-visa-in-kz --format text --date 2027-01-04
grep -q "warning: The newest edition of the Expat Centre guidebook in the data is the 2026 edition" "$WORK/err" ||
  fail "2027-01-04: no warning about the newest edition: $(cat "$WORK/err")"

# Contradictory options of the 2025 price list.
printf '<profile xmlns="urn:qujat:profile:1">\n  <applicant surname="A" given-names="B"/>\n  <filing priority="true" personal-manager="true"/>\n</profile>\n' > "$WORK/both.xml"
expect 1 "choose one of priority" checklist iin --format text --date 2025-05-05 --profile "$WORK/both.xml"

# Data directories.
expect 1 "is not a qujat data directory" --data "$WORK" list
QUJAT_DATA_DIR=$WORK expect 1 "QUJAT_DATA_DIR=.* is not a qujat data directory" list

# Output: an unwritable place gives an error and no file.
expect 1 "cannot create" checklist iin --format text --date 2026-11-21 -o "$WORK/no-such-dir/out.txt"
[ -e "$WORK/no-such-dir" ] && fail "a directory appeared"
mkdir "$WORK/ro" && chmod 555 "$WORK/ro"
if [ "$(id -u)" != 0 ]; then
  expect 1 "cannot create" checklist iin --format text --date 2026-11-21 -o "$WORK/ro/out.txt"
fi
# A device is written into, never replaced (issue 12); a directory is refused.
expect 0 "" checklist iin --format text --date 2026-11-21 -o /dev/null
[ -c /dev/null ] || fail "/dev/null is no longer a device"
expect 1 "is a directory" checklist iin --format text --date 2026-11-21 -o "$WORK/ro"
ls "$WORK/ro" | grep -q . && fail "left a file in ro/"

# Warnings go to stderr; the document still comes out with exit 0.
expect 0 "Checklist of documents" checklist business-visa-multi-invitation --format text --date 2026-02-10 --profile "$PROFILES/business-b2-pm.xml"
grep -q "warning: MULLER KLAUS's passport" "$WORK/err" || fail "no passport warning on stderr"

# -o writes the file and nothing to stdout.
expect 0 "" checklist iin --format json -o "$WORK/iin.json" --date 2026-02-02
[ -s "$WORK/out" ] && fail "-o also wrote to stdout"
grep -q '"service": "iin"' "$WORK/iin.json" || fail "-o file lacks the JSON"
ls "$WORK" | grep -q 'tmp-' && fail "a temporary file was left behind"
finish
