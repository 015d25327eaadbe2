#!/bin/sh
# SPDX-License-Identifier: MIT
# merge-manifests.sh DIR N [OUT]: the manifests of the N shards of a batch
# (DIR/manifest-K-of-N.jsonl, from `qujat batch --shard K/N -o DIR`) merged
# into one in job-file order, the same lines as an unsharded run's
# manifest.jsonl. Shard K holds jobs K, K+N, K+2N...: the merge takes one
# line of each shard in turn. OUT defaults to DIR/manifest.jsonl.
# Exit 1 when a shard's manifest is missing (that shard did not finish).
set -eu
dir=$1
n=$2
out=${3:-$dir/manifest.jsonl}
set --
k=1
while [ "$k" -le "$n" ]; do
  m=$dir/manifest-$k-of-$n.jsonl
  [ -f "$m" ] || { echo "merge-manifests: $m is missing: shard $k/$n did not finish" >&2; exit 1; }
  set -- "$@" "$m"
  k=$((k + 1))
done
# paste -d '\n' interleaves the files line by line; the shorter shards leave
# empty lines at the end, and manifest lines are never empty.
paste -d "\n" "$@" | sed "/^$/d" >"$out.part.$$"
mv "$out.part.$$" "$out"
