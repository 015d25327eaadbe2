# SPDX-License-Identifier: MIT
# The command line as people expect it: help for every command, -V,
# --profile - from standard input, -o /dev/null, a bad --encoding is a usage
# error, --progress off a terminal.
. "$2/cli/lib.sh"

for cmd in list show checklist fees letter batch validate help; do
  expect 0 "^Usage: qujat $cmd" help "$cmd"
  expect 0 "^Usage: qujat $cmd" "$cmd" --help
  expect 0 "^Usage: qujat $cmd" "$cmd" -h
done
# The options a command takes are in its help.
expect 0 "--shard K/N" batch --help
expect 0 "--progress" batch --help
expect 0 "--copies N" help letter
expect 0 "--fine KIND" fees --help
expect 0 "^Usage: qujat \[--data DIR\] COMMAND" help
expect 2 "unknown command 'frobnicate'" help frobnicate
expect 0 "^qujat [0-9]+\.[0-9]+\.[0-9]+$" -V
expect 0 "^qujat [0-9]+\.[0-9]+\.[0-9]+$" --version

# --profile - reads the profile from standard input.
run checklist work-visa-in-kz --profile "$PROFILES/smith-family.xml" \
  --format text --date 2026-03-03
cp "$WORK/out" "$WORK/from-file"
"$QUJAT" checklist work-visa-in-kz --profile - --format text \
  --date 2026-03-03 <"$PROFILES/smith-family.xml" >"$WORK/from-stdin" 2>"$WORK/err" ||
  { fail "--profile - failed"; cat "$WORK/err"; }
cmp -s "$WORK/from-file" "$WORK/from-stdin" || fail "--profile - differs from the file"
grep -q "SMITH" "$WORK/from-stdin" || fail "--profile -: no applicant"
printf '<profile' | "$QUJAT" checklist iin --profile - --format text \
  --date 2026-03-03 >/dev/null 2>"$WORK/err"
[ $? = 1 ] || fail "a broken profile on stdin must exit 1"
grep -q "^<stdin>:" "$WORK/err" || { fail "errors of stdin name <stdin>"; cat "$WORK/err"; }
"$QUJAT" letter work-visa-invitation --profile - --format text \
  --date 2026-03-03 <"$PROFILES/smith-family.xml" >"$WORK/out" 2>"$WORK/err" ||
  { fail "letter --profile - failed"; cat "$WORK/err"; }

# -o /dev/null: a device is written, not replaced.
expect 0 "" checklist iin --date 2026-03-03 -o /dev/null
expect 0 "" fees iin --date 2026-03-03 --format text -o /dev/null
[ -c /dev/null ] || fail "/dev/null is no longer a device"

# A bad --encoding is wrong usage, found before any work.
printf 'id,document,service,output\n1,checklist,iin,iin.pdf\n' >"$WORK/jobs.csv"
expect 2 "unknown encoding 'latin9'" batch "$WORK/jobs.csv" --encoding latin9 -o "$WORK/b"
[ -e "$WORK/b" ] && fail "a usage error must not create the output directory"
expect 0 "" batch "$WORK/jobs.csv" --encoding utf-8 -o "$WORK/b" --date 2026-03-03

# --progress: plain progress lines on a stderr that is not a terminal.
"$QUJAT" batch "$WORK/jobs.csv" -o "$WORK/p" --date 2026-03-03 --progress \
  2>"$WORK/err" >/dev/null || { fail "batch --progress failed"; cat "$WORK/err"; }
grep -Eq '^qujat: batch: [0-9]+/1 done, 0 failed' "$WORK/err" ||
  { fail "--progress printed no progress line"; cat "$WORK/err"; }
grep -q "1 written, 0 already complete, 0 failed" "$WORK/err" ||
  { fail "--progress printed no summary"; cat "$WORK/err"; }
tr -d '\n' <"$WORK/err" | grep -q "$(printf '\r')" && fail "--progress off a terminal must not use \\r"
"$QUJAT" batch "$WORK/jobs.csv" -o "$WORK/q" --date 2026-03-03 2>"$WORK/err" >/dev/null
[ -s "$WORK/err" ] && { fail "without --progress a batch off a terminal is silent"; cat "$WORK/err"; }
finish
