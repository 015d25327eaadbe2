#!/usr/bin/env bash
# The batch benchmark (bench/README.md): the same one-page Kazakh checklist
# rendered N times by `qujat batch` at -j 1 and -j 2, and by ReportLab in
# the same run; ms per document, documents per second, KB per PDF, peak
# RSS and the ratio to the peer. Each is run three times and the fastest
# run counts (the machine's other load only ever slows a run down). The
# outputs go to a tmpfs (/dev/shm) unless BENCH_DIR names a directory, so
# that the disk of the machine is not what is measured. With --rss, also
# the peak RSS of 1 000 against 100 000 jobs.
#   bench/run.sh [N] [--rss]
set -euo pipefail
cd "$(dirname "$0")/.."
n=1000
rss=0
for arg in "$@"; do
  case $arg in
    --rss) rss=1 ;;
    *[!0-9]*) echo "usage: bench/run.sh [N] [--rss]" >&2; exit 2 ;;
    *) n=$arg ;;
  esac
done

QUJAT_EXTRA_PACKAGES=python3-reportlab . scripts/deps.sh >&2
# Only the command, optimised as a user builds it.
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
  >/dev/null
cmake --build build-bench -j "$(nproc)" --target qujat_cli >/dev/null
qujat=$PWD/build-bench/qujat
export QUJAT_DATA_DIR=$PWD
base=${BENCH_DIR:-/dev/shm}
[ -d "$base" ] || base=${TMPDIR:-/tmp}
work=$(mktemp -d "$base/qujat-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp bench/profile.xml "$work/profile.xml"
bench/make-jobs.sh "$n" profile.xml >"$work/jobs.xml"

# run LABEL OUT ARGS...: the best wall seconds of three runs and the peak
# RSS (KB) of one command, which writes into OUT (removed between runs).
run() {
  local label=$1 out=$2 best="" secs kb
  shift 2
  for _ in 1 2 3; do
    rm -rf "$out"
    /usr/bin/time -f "%e %M" -o "$work/$label.time" "$@" >/dev/null
    read -r secs kb <"$work/$label.time"
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$secs
    fi
  done
  echo "$best $kb"
}

# The size of the outputs, from the manifest.
mean_kb() {
  awk -F'"bytes": ' '/"status": "ok"/ { split($2, a, ","); s += a[1]; c++ }
    END { printf "%.1f", s / c / 1024 }' "$1"
}

read -r t1 r1 < <(run j1 "$work/j1" "$qujat" batch "$work/jobs.xml" -o "$work/j1" -j 1)
read -r t2 r2 < <(run j2 "$work/j2" "$qujat" batch "$work/jobs.xml" -o "$work/j2" -j 2)
# The same bytes whatever -j: compare the manifests' hashes.
if ! diff <(sed 's/"line": [0-9]*//' "$work/j1/manifest.jsonl") \
          <(sed 's/"line": [0-9]*//' "$work/j2/manifest.jsonl") >/dev/null; then
  echo "bench: -j 1 and -j 2 gave different PDFs" >&2
  exit 1
fi
pages=$(pdfinfo "$work/j1/d0000/c0000000.pdf" | awk '/^Pages:/ { print $2 }')
kb=$(mean_kb "$work/j1/manifest.jsonl")

"$qujat" checklist work-visa-invitation --lang kk --date 2026-11-21 \
  --profile bench/profile.xml --brief --format json |
  /usr/bin/python3 bench/peer_content.py locales/kk.xml >"$work/content.json"
read -r tp rp < <(run peer "$work/peer" /usr/bin/python3 \
  bench/reportlab_peer.py "$work/content.json" fonts "$work/peer" "$n")
peer_kb=$(du -sb "$work/peer" | awk -v n="$n" '{ printf "%.1f", $1 / n / 1024 }')
peer_pages=$(pdfinfo "$work/peer/c0000000.pdf" | awk '/^Pages:/ { print $2 }')

awk -v n="$n" -v t1="$t1" -v t2="$t2" -v tp="$tp" -v r1="$r1" -v r2="$r2" \
    -v rp="$rp" -v kb="$kb" -v pkb="$peer_kb" -v pages="$pages" \
    -v ppages="$peer_pages" 'BEGIN {
  printf "%d documents, %d page(s) each (peer: %d)\n", n, pages, ppages
  printf "%-22s %10s %10s %9s %10s\n", "", "ms/doc", "docs/s", "KB/PDF", "peak RSS"
  printf "%-22s %10.3f %10.0f %9s %8.1f MB\n", "qujat batch -j 1", t1 * 1000 / n, n / t1, kb, r1 / 1024
  printf "%-22s %10.3f %10.0f %9s %8.1f MB\n", "qujat batch -j 2", t2 * 1000 / n, n / t2, kb, r2 / 1024
  printf "%-22s %10.3f %10.0f %9s %8.1f MB\n", "ReportLab (platypus)", tp * 1000 / n, n / tp, pkb, rp / 1024
  printf "-j 1 against the peer: %.1fx the throughput; -j 2 against -j 1: %.2fx\n", tp / t1, t1 / t2
}'

if [ "$rss" = 1 ]; then
  for m in 1000 100000; do
    bench/make-jobs.sh "$m" profile.xml >"$work/rss-$m.xml"
    /usr/bin/time -f "%e %M" -o "$work/rss$m.time" \
      "$qujat" batch "$work/rss-$m.xml" -o "$work/rss$m" -j 2
    read -r t r <"$work/rss$m.time"
    echo "$m jobs at -j 2: peak RSS $r KB, $t s"
    rm -rf "$work/rss$m"
  done
fi
