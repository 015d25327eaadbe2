# SPDX-License-Identifier: MIT
# Files planted in the output directory and in shared places (issue 12,
# items 4-8, 11, 14, 15): nothing qujat creates is written through a link
# planted at its name, -o follows a link or writes into a device or FIFO but
# never replaces it, two batches do not share a directory, no FIFO blocks a
# batch, and a full disk is reported as one, with every finished job in the
# manifest and --resume doing the rest.
. "$2/cli/lib.sh"
DATE=2026-11-21
SMITH=$PROFILES/smith-family.xml
H=$WORK/h
mkdir -p "$H"
# jobs FILE N: N fee slips (f1.pdf ... fN.pdf) for the smith profile.
jobs() {
  {
    echo '<jobs xmlns="urn:qujat:jobs:1" date="2026-11-21">'
    i=1
    while [ "$i" -le "$2" ]; do
      echo "  <job id=\"f$i\" document=\"fees\" service=\"work-visa-in-kz\" lang=\"kk\" output=\"f$i.pdf\" profile=\"smith.xml\"/>"
      i=$((i + 1))
    done
    echo '</jobs>'
  } >"$1"
  cp "$SMITH" "$(dirname "$1")/smith.xml"
}
jobs "$H/jobs.xml" 3
echo "precious" >"$H/victim"

# (4) A symbolic link planted at the manifest's temporary name.
mkdir -p "$H/o4"
ln -s "$H/victim" "$H/o4/manifest.jsonl.part"
expect 0 "" batch "$H/jobs.xml" -o "$H/o4"
[ "$(cat "$H/victim")" = precious ] || fail "manifest.part symlink: the file it points to was written"
[ -f "$H/o4/manifest.jsonl" ] && [ ! -L "$H/o4/manifest.jsonl" ] || fail "manifest.part symlink: no manifest"
grep -c '"status": "ok"' "$H/o4/manifest.jsonl" | grep -qx 3 || fail "manifest.part symlink: not 3 jobs ok"
# The same with --manifest in a shared directory.
mkdir -p "$H/shared"
ln -s "$H/victim" "$H/shared/m.jsonl.part"
expect 0 "" batch "$H/jobs.xml" -o "$H/o4b" --manifest "$H/shared/m.jsonl"
[ "$(cat "$H/victim")" = precious ] || fail "--manifest .part symlink: the file it points to was written"

# (5) A hard link planted at a job's temporary name.
mkdir -p "$H/o5"
ln "$H/victim" "$H/o5/.f1.pdf.qujat-part"
expect 0 "" batch "$H/jobs.xml" -o "$H/o5"
[ "$(cat "$H/victim")" = precious ] || fail "hard link at .f1.pdf.qujat-part: the linked file was written"
pdfinfo "$H/o5/f1.pdf" >/dev/null 2>&1 || fail "hard link at the temporary name: f1.pdf is not a PDF"

# (6) -o through a symbolic link, into a device, into a FIFO.
ln -s "$H/target.pdf" "$H/link.pdf"
expect 0 "" fees work-visa-in-kz --profile "$SMITH" --date "$DATE" -o "$H/link.pdf"
[ -L "$H/link.pdf" ] || fail "-o LINK: the symbolic link was replaced"
pdfinfo "$H/target.pdf" >/dev/null 2>&1 || fail "-o LINK: its target is not the PDF"
ln -s /dev/null "$H/null-link"
expect 0 "" fees work-visa-in-kz --profile "$SMITH" --date "$DATE" -o "$H/null-link"
[ -L "$H/null-link" ] || fail "-o LINK-TO-/dev/null: the symbolic link was replaced"
[ -c /dev/null ] || fail "-o /dev/null: /dev/null is no longer a device"
expect 0 "" fees work-visa-in-kz --profile "$SMITH" --date "$DATE" -o /dev/null
[ -c /dev/null ] || fail "-o /dev/null: /dev/null is no longer a device"
mkfifo "$H/fifo"
cat "$H/fifo" >"$H/from-fifo.pdf" &
reader=$!
expect 0 "" fees work-visa-in-kz --profile "$SMITH" --date "$DATE" -o "$H/fifo"
wait "$reader"
[ -p "$H/fifo" ] || fail "-o FIFO: the FIFO was replaced"
pdfinfo "$H/from-fifo.pdf" >/dev/null 2>&1 || fail "-o FIFO: the reader did not get the PDF"
# Nobody reads: an error at once, not a hang.
run_t() { timeout 20 "$QUJAT" "$@" >"$WORK/out" 2>"$WORK/err"; STATUS=$?; }
run_t fees work-visa-in-kz --profile "$SMITH" --date "$DATE" -o "$H/fifo"
[ "$STATUS" = 1 ] || fail "-o FIFO without a reader: exit $STATUS, expected 1 (124 is a hang)"
# -o /dev/stdout into a file: written through, /dev/stdout stays.
"$QUJAT" fees work-visa-in-kz --profile "$SMITH" --date "$DATE" -o /dev/stdout >"$H/stdout.pdf" 2>"$WORK/err" ||
  fail "-o /dev/stdout: $(cat "$WORK/err")"
[ -L /dev/stdout ] || [ -c /dev/stdout ] || fail "-o /dev/stdout: /dev/stdout was replaced"
pdfinfo "$H/stdout.pdf" >/dev/null 2>&1 || fail "-o /dev/stdout: standard output did not get the PDF"

# (7) Two batches on one directory: the second is refused, clearly.
mkdir -p "$H/o7"
flock "$H/o7" sleep 3 &
holder=$!
sleep 0.3
expect 1 "another qujat batch is writing into this directory" batch "$H/jobs.xml" -o "$H/o7"
[ -e "$H/o7/f1.pdf" ] && fail "locked directory: a PDF was written"

wait "$holder" 2>/dev/null
expect 0 "" batch "$H/jobs.xml" -o "$H/o7"
# The shards of one batch share a directory (docs/scale-out.md), but one
# shard runs once: a second run of the same shard is refused, and an
# unsharded batch waits for no shard. No lock file is left behind.
mkdir -p "$H/o7s"
flock -s "$H/o7s" flock "$H/o7s/.qujat-shard-1-of-2.lock" sleep 3 &
holder=$!
sleep 0.3
expect 1 "another qujat batch is writing shard 1/2 into this directory" batch "$H/jobs.xml" -o "$H/o7s" --shard 1/2
run batch "$H/jobs.xml" -o "$H/o7s" --shard 2/2
[ "$STATUS" -le 1 ] || fail "shard 2/2 beside a running shard 1/2: exit $STATUS"
expect 1 "another qujat batch is writing into this directory" batch "$H/jobs.xml" -o "$H/o7s"
wait "$holder" 2>/dev/null
rm -f "$H/o7s/.qujat-shard-1-of-2.lock"
run batch "$H/jobs.xml" -o "$H/o7s" --shard 1/2
[ "$STATUS" -le 1 ] || fail "shard 1/2 after the lock was freed: exit $STATUS"
ls -a "$H/o7s" | grep -q 'qujat-shard' && fail "a shard left its lock file"

# (8) FIFOs never block: at a temporary name, at an output with --resume,
# as a job's profile.
mkdir -p "$H/o8"
mkfifo "$H/o8/.f1.pdf.qujat-part" "$H/o8/f2.pdf"
run_t batch "$H/jobs.xml" -o "$H/o8" --resume
[ "$STATUS" = 0 ] || fail "FIFOs in the output directory: exit $STATUS (124 is a hang): $(cat "$WORK/err")"
pdfinfo "$H/o8/f2.pdf" >/dev/null 2>&1 || fail "FIFO at an output with --resume: not rendered"
mkdir -p "$H/p8"
mkfifo "$H/p8/smith.xml"
sed 's/f1.pdf/p1.pdf/' "$H/jobs.xml" | head -3 >"$H/p8/jobs.xml"
echo '</jobs>' >>"$H/p8/jobs.xml"
run_t batch "$H/p8/jobs.xml" -o "$H/p8/out"
[ "$STATUS" = 1 ] || fail "FIFO as a profile: exit $STATUS, expected 1 (124 is a hang)"
grep -q "not a regular file" "$WORK/err" || fail "FIFO as a profile: $(cat "$WORK/err")"

# (11) A full disk: reported as such, the manifest lists every finished
# job, --resume does the rest.
FULL=$WORK/full
if [ "$(id -u)" != 0 ]; then
  echo "skipped: disk-full needs root"
elif mkdir "$FULL" && mount -t tmpfs -o size=160k tmpfs "$FULL" 2>/dev/null; then
  trap 'umount "$FULL" 2>/dev/null; rm -rf "$WORK"' EXIT
  trap 'exit 1' INT TERM HUP
  jobs "$H/many.xml" 40
  run batch "$H/many.xml" -o "$FULL/out" -j 1
  [ "$STATUS" = 1 ] || fail "full disk: exit $STATUS, expected 1"
  grep -q "the disk is full" "$WORK/err" || fail "full disk: not reported as such: $(tail -3 "$WORK/err")"
  grep -q "changed while the batch ran" "$WORK/err" && fail "full disk: reported as a changed job file"
  M=$FULL/out/manifest.jsonl
  [ -f "$M" ] || fail "full disk: no manifest"
  n=$(grep -c '"status": "ok"' "$M")
  [ "${n:-0}" -ge 1 ] || fail "full disk: the manifest lists no finished job"
  # Every PDF on disk is in the manifest with its hash.
  for f in "$FULL/out"/*.pdf; do
    b=$(basename "$f")
    h=$(sha256sum "$f" | cut -d' ' -f1)
    grep -q "\"output\": \"$b\".*\"sha256\": \"$h\"" "$M" || fail "full disk: $b is on disk but not in the manifest with its hash"
  done
  mount -o remount,size=4m "$FULL"
  run batch "$H/many.xml" -o "$FULL/out" -j 1 --resume
  [ "$STATUS" = 0 ] || fail "full disk, --resume: exit $STATUS: $(tail -3 "$WORK/err")"
  [ "$(grep -c '"status": "skipped"' "$M")" = "$n" ] || fail "full disk, --resume: not the $n finished jobs skipped"
  [ "$(grep -c '"status": "ok"' "$M")" = $((40 - n)) ] || fail "full disk, --resume: not the rest rendered"
  umount "$FULL" || fail "cannot unmount $FULL"
else
  echo "skipped: cannot mount a tmpfs for the disk-full case"
fi

# (14) -o "" and a job file with no jobs.
expect 1 "needs a name" batch "$H/jobs.xml" -o ""
echo '<jobs xmlns="urn:qujat:jobs:1"/>' >"$H/none.xml"
expect 0 "" batch "$H/none.xml" -o "$H/o14"
grep -Eq 'runtime error|Sanitizer' "$WORK/err" && fail "no jobs: a sanitizer report"

# (15) A job file from a pipe; a bad --manifest before any job runs.
mkfifo "$H/pipe.xml"
cat "$H/jobs.xml" >"$H/pipe.xml" &
writer=$!
run_t batch "$H/pipe.xml" -o "$H/o15"
[ "$STATUS" = 1 ] || fail "job file from a pipe: exit $STATUS"
grep -q "not a regular file.*save it to a file first" "$WORK/err" || fail "job file from a pipe: $(cat "$WORK/err")"
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
mkdir -p "$H/mdir"
expect 1 "manifest.*not a regular file|manifest names a directory" batch "$H/jobs.xml" -o "$H/o15b" --manifest "$H/mdir"
[ -e "$H/o15b/f1.pdf" ] && fail "--manifest DIR: the jobs ran before it was refused"
expect 1 "cannot write the manifest there" batch "$H/jobs.xml" -o "$H/o15c" --manifest "$H/no/such/dir/m.jsonl"
[ -e "$H/o15c/f1.pdf" ] && fail "--manifest in a missing directory: the jobs ran before it was refused"

finish
