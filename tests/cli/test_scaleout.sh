# SPDX-License-Identifier: MIT
# docs/scale-out.md as operators run it: the shards of a batch as separate
# processes at the same time (as a Kubernetes Indexed Job or a Slurm array
# runs them) into one shared output directory, their manifests merged by
# scripts/merge-manifests.sh, give the same manifest and the same files as
# one unsharded run. The Slurm script runs as printed, with the array
# variables Slurm would set.
. "$2/cli/lib.sh"
SRC=$(dirname "$2")
BIN=$WORK/bin
mkdir -p "$BIN"
ln -s "$QUJAT" "$BIN/qujat"
ln -s "$SRC/scripts/merge-manifests.sh" "$BIN/merge-manifests.sh"
PATH=$BIN:$PATH

# Ten jobs of every kind, one of them bad: 10 = 3 + 3 + 2 + 2 over 4 shards.
{
  echo '<jobs xmlns="urn:qujat:jobs:1" date="2026-03-03">'
  for i in 1 2 3 4 5 6 7 8 9; do
    case $i in
      1|4|7) doc=checklist svc=work-visa-in-kz ;;
      2|5|8) doc=fees svc=iin ;;
      *) doc=letter svc=work-visa-invitation ;;
    esac
    lang=$(echo "en kk ru" | cut -d' ' -f$(( (i % 3) + 1 )))
    echo "  <job id=\"j$i\" document=\"$doc\" service=\"$svc\" lang=\"$lang\" output=\"p$i/$doc-$lang.pdf\" profile=\"smith.xml\"/>"
  done
  echo '  <job id="bad" document="checklist" service="no-such-service" output="bad.pdf"/>'
  echo '</jobs>'
} >"$WORK/jobs.xml"
cp "$PROFILES/smith-family.xml" "$WORK/smith.xml"

qujat batch "$WORK/jobs.xml" -o "$WORK/one" -j 1 2>/dev/null
[ $? = 1 ] || fail "unsharded: expected exit 1 (one bad job)"
[ "$(wc -l <"$WORK/one/manifest.jsonl")" = 10 ] || fail "unsharded: not 10 manifest lines"

# Four shards at once, as four pods or array tasks, into one directory.
pids=
for k in 1 2 3 4; do
  qujat batch "$WORK/jobs.xml" -o "$WORK/many" -j 1 --shard "$k/4" \
    --progress 2>"$WORK/log-$k" &
  pids="$pids $!"
done
for p in $pids; do wait "$p"; [ $? -le 1 ] || fail "a shard did not finish"; done
grep -q "^qujat: batch: " "$WORK/log-1" || fail "--progress: no progress line in a shard's log"
merge-manifests.sh "$WORK/many" 4 || fail "merge-manifests.sh failed"
cmp -s "$WORK/one/manifest.jsonl" "$WORK/many/manifest.jsonl" ||
  { fail "the merged manifest differs"; diff "$WORK/one/manifest.jsonl" "$WORK/many/manifest.jsonl" | head; }
(cd "$WORK/one" && find . -name '*.pdf' | sort) >"$WORK/one.list"
(cd "$WORK/many" && find . -name '*.pdf' | sort) >"$WORK/many.list"
cmp -s "$WORK/one.list" "$WORK/many.list" || fail "the shards wrote other files"
[ "$(wc -l <"$WORK/one.list")" = 9 ] || fail "not 9 PDFs"
while read -r f; do
  cmp -s "$WORK/one/$f" "$WORK/many/$f" || fail "$f differs"
done <"$WORK/one.list"

# A missing shard is an error of the merge, not a short manifest.
rm "$WORK/many/manifest-3-of-4.jsonl"
merge-manifests.sh "$WORK/many" 4 "$WORK/short.jsonl" 2>"$WORK/err" &&
  fail "merge with a shard missing must fail"
grep -q "shard 3/4 did not finish" "$WORK/err" || fail "merge: $(cat "$WORK/err")"

# The Slurm array script as printed: three tasks, the last one merges.
for k in 1 2 3; do
  SLURM_ARRAY_TASK_ID=$k SLURM_ARRAY_TASK_COUNT=3 SLURM_CPUS_PER_TASK=1 \
    sh "$SRC/docs/scale-out/qujat-array.sbatch" "$WORK/jobs.xml" "$WORK/slurm" \
    2>"$WORK/slurm-$k.log"
  [ $? -le 1 ] || { fail "slurm task $k failed"; cat "$WORK/slurm-$k.log"; }
done
cmp -s "$WORK/one/manifest.jsonl" "$WORK/slurm/manifest.jsonl" ||
  fail "the Slurm array's merged manifest differs"

# The Kubernetes manifest's command, with the index Kubernetes sets (from 0).
cmd=$(sed -n 's/^ *QUJAT_SHARD_CMD: *//p' "$SRC/docs/scale-out/qujat-indexed-job.yaml" | tr -d "'")
[ -n "$cmd" ] || fail "no QUJAT_SHARD_CMD in qujat-indexed-job.yaml"
for i in 0 1; do
  JOB_COMPLETION_INDEX=$i SHARDS=2 JOBS=$WORK/jobs.xml OUT=$WORK/k8s \
    sh -c "$cmd" 2>/dev/null
  [ $? -le 1 ] || fail "the Kubernetes command failed for index $i"
done
merge-manifests.sh "$WORK/k8s" 2 || fail "merge of the Kubernetes shards failed"
cmp -s "$WORK/one/manifest.jsonl" "$WORK/k8s/manifest.jsonl" ||
  fail "the Kubernetes shards' merged manifest differs"
finish
