#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The batch benchmark (bench/README.md). By default a real intake: N jobs
# from bench/make-intake.py (a fixed seed), each its own applicant and
# family, checklists, fee slips and letters mixed, in kk, ru and en;
# rendered by `qujat batch` at -j 1, at -j 2 and as two independent shard
# processes side by side, and by two peers from the same texts in the same
# run: ReportLab (bench/reportlab_intake.py) and typst
# (bench/typst_intake.js, npm @myriaddreamin/typst-ts-node-compiler pinned
# by bench/package-lock.json, installed into bench/node_modules on the
# first run; not a test dependency). Reports ms per document and per page,
# CPU ms per document, KB per page, peak RSS, the load average before each
# command, and the ratios; checks that the outputs are personalised (their
# SHA-256 differ), that every -j and the shards gave the same bytes, and
# that the peers' PDFs hold the texts they were given. With --same, the
# old benchmark: one one-page Kazakh checklist rendered N times (ReportLab
# with platypus tables, typst from its text). Each command runs three
# times and the fastest run counts (the machine's other load only ever
# slows a run down). The outputs go to a tmpfs (/dev/shm) unless BENCH_DIR
# names a directory. With --rss, also the peak RSS of `qujat batch -j 1`
# on 1 000 against 100 000 jobs of the same generator (the 100 000 take
# minutes), which must be within 10 %. With --one-page, the intake's
# one-page documents only: N short-form checklists (each its own
# applicant and family) from the same generator, the issue's "CPU per
# personalised one-page checklist" (ms per document is ms per page here).
# QUJAT=PATH measures another build of qujat (e.g. the one before a
# change) on the same jobs.
#   bench/run.sh [N] [--rss] [--same | --one-page]
set -euo pipefail
cd "$(dirname "$0")/.."
n=1000
rss=0
same=0
one_page=0
for arg in "$@"; do
  case $arg in
    --rss) rss=1 ;;
    --same) same=1 ;;
    --one-page) one_page=1 ;;
    *[!0-9]*) echo "usage: bench/run.sh [N] [--rss] [--same | --one-page]" >&2; exit 2 ;;
    *) n=$arg ;;
  esac
done

extra=python3-reportlab
command -v npm >/dev/null || extra+=" nodejs npm"
QUJAT_EXTRA_PACKAGES=$extra . scripts/deps.sh >&2
# The typst peer, pinned by bench/package-lock.json (not a test dependency).
if [ ! -d bench/node_modules/@myriaddreamin/typst-ts-node-compiler ]; then
  (cd bench && npm ci --no-audit --no-fund >&2)
fi
# Only the command, optimised as a user builds it.
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
  >/dev/null
cmake --build build-bench -j "$(nproc)" --target qujat_cli >/dev/null
qujat=${QUJAT:-$PWD/build-bench/qujat}
export QUJAT_DATA_DIR=${QUJAT_DATA_DIR:-$PWD}
base=${BENCH_DIR:-/dev/shm}
[ -d "$base" ] || base=${TMPDIR:-/tmp}
work=$(mktemp -d "$base/qujat-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
jobs() { # jobs N: the job file of N jobs on stdout
  if [ "$same" = 1 ]; then
    bench/make-jobs.sh "$1" profile.xml
  elif [ "$one_page" = 1 ]; then
    # A fifth of an intake is short-form checklists, one job a line.
    /usr/bin/python3 bench/make-intake.py $((8 * $1)) 16 |
      awk -v n="$1" '/^<job / { if (/document="checklist"/ && /brief="true"/ &&
                                   k < n) { print; k++ }; next } { print }'
  else
    /usr/bin/python3 bench/make-intake.py "$1" 16
  fi
}
cp bench/profile.xml "$work/profile.xml"
jobs "$n" >"$work/jobs.xml"

# The load average of the last minute, noted before each measurement.
load() { cut -d' ' -f1 /proc/loadavg; }
# run LABEL OUT ARGS...: the best wall seconds of three runs, the peak
# RSS (KB) and the least CPU seconds (user + system) of one command, which
# writes into OUT (removed between runs), and the load average before it;
# its standard output goes to $work/LABEL.out.
run() {
  local label=$1 out=$2 best="" cpu="" secs kb user sys c la
  shift 2
  la=$(load)
  for _ in 1 2 3; do
    rm -rf "$out"
    /usr/bin/time -f "%e %M %U %S" -o "$work/$label.time" "$@" \
      >"$work/$label.out"
    read -r secs kb user sys <"$work/$label.time"
    c=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$secs
    fi
    if [ -z "$cpu" ] || awk -v a="$c" -v b="$cpu" 'BEGIN { exit !(a < b) }'; then
      cpu=$c
    fi
  done
  echo "$best $kb $cpu $la"
}

# The pages and bytes of all outputs, from a manifest: "pages bytes".
totals() {
  awk -F'"bytes": |"pages": ' '/"status": "ok"/ {
      split($2, a, ","); split($3, b, ","); bytes += a[1]; pages += b[1] }
    END { print pages, bytes }' "$1"
}
# Two independent single-threaded processes, each half of the jobs, side
# by side: the best wall time of three runs, and the larger peak RSS.
shards() {
  local out=$1 best="" cpu="" secs kb s1 k1 s2 k2 u1 y1 u2 y2 c la
  la=$(load)
  for _ in 1 2 3; do
    rm -rf "$out"
    /usr/bin/time -f "%e %M %U %S" -o "$work/s1.time" \
      "$qujat" batch "$work/jobs.xml" -o "$out" -j 1 --shard 1/2 >/dev/null &
    /usr/bin/time -f "%e %M %U %S" -o "$work/s2.time" \
      "$qujat" batch "$work/jobs.xml" -o "$out" -j 1 --shard 2/2 >/dev/null &
    wait
    read -r s1 k1 u1 y1 <"$work/s1.time"
    read -r s2 k2 u2 y2 <"$work/s2.time"
    c=$(awk -v a="$u1" -v b="$y1" -v d="$u2" -v e="$y2" 'BEGIN { print a + b + d + e }')
    if [ -z "$cpu" ] || awk -v a="$c" -v b="$cpu" 'BEGIN { exit !(a < b) }'; then
      cpu=$c
    fi
    secs=$(awk -v a="$s1" -v b="$s2" 'BEGIN { print (a > b ? a : b) }')
    kb=$((k1 > k2 ? k1 : k2))
    if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$secs
    fi
  done
  echo "$best $kb $cpu $la"
}
hashes() { # the sorted "id sha256" of a manifest (or several)
  sed -n 's/.*"id": "\([^"]*\)".*"sha256": "\([^"]*\)".*/\1 \2/p' "$@" | sort
}

read -r t1 r1 c1 l1 < <(run j1 "$work/j1" "$qujat" batch "$work/jobs.xml" -o "$work/j1" -j 1)
read -r t2 r2 c2 l2 < <(run j2 "$work/j2" "$qujat" batch "$work/jobs.xml" -o "$work/j2" -j 2)
read -r ts rs cs ls < <(shards "$work/sh")
# The same bytes whatever -j, and in shards.
if ! diff <(hashes "$work/j1/manifest.jsonl") <(hashes "$work/j2/manifest.jsonl") >/dev/null ||
   ! diff <(hashes "$work/j1/manifest.jsonl") \
          <(hashes "$work/sh"/manifest-*-of-2.jsonl) >/dev/null; then
  echo "bench: -j 1, -j 2 and the shards gave different PDFs" >&2
  exit 1
fi
ok=$(grep -c '"status": "ok"' "$work/j1/manifest.jsonl" || true)
if [ "$ok" != "$n" ]; then
  echo "bench: only $ok of $n jobs succeeded (see $work/j1/manifest.jsonl)" >&2
  exit 1
fi
distinct=$(hashes "$work/j1/manifest.jsonl" | awk '{ print $2 }' | sort -u | wc -l)
if [ "$same" = 0 ] && [ $((distinct * 100)) -lt $((n * 95)) ]; then
  echo "bench: only $distinct distinct PDFs of $n: not personalised" >&2
  exit 1
fi
read -r pages bytes < <(totals "$work/j1/manifest.jsonl")
if [ "$one_page" = 1 ] && [ "$pages" != "$n" ]; then
  echo "bench: --one-page: the $n checklists have $pages pages" >&2
  exit 1
fi

# The peers draw the texts qujat printed: those of the first 1 000
# documents (used in turn beyond; with --same, the one document),
# extracted outside the measurement.
mkdir -p "$work/text"
ntexts=$([ "$same" = 1 ] && echo 1 || echo 1000)
# (sed stops by itself: a `head` would end it with SIGPIPE, fatal here.)
sed -n "1,${ntexts}s/.*\"id\": \"\\([^\"]*\\)\".*\"output\": \"\\([^\"]*\\)\".*/\\1 \\2/p" \
  "$work/j1/manifest.jsonl" |
  while read -r id out; do
    pdftotext "$work/j1/$out" "$work/text/t$id.txt"
  done
if [ "$same" = 1 ]; then
  "$qujat" checklist work-visa-invitation --lang kk --date 2026-11-21 \
    --profile bench/profile.xml --brief --format json |
    /usr/bin/python3 bench/peer_content.py locales/kk.xml >"$work/content.json"
  read -r tp rp cp lp < <(run peer "$work/peer" /usr/bin/python3 \
    bench/reportlab_peer.py "$work/content.json" fonts "$work/peer" "$n")
  peer_label="ReportLab (platypus)"
  # All N are the same document.
  peer_pages=$(($(pdfinfo "$work/peer/c0000000.pdf" | awk '/^Pages:/ { print $2 }') * n))
else
  read -r tp rp cp lp < <(run peer "$work/peer" /usr/bin/python3 \
    bench/reportlab_intake.py "$work/text" fonts "$work/peer" "$n")
  peer_label="ReportLab (same texts)"
  read -r _ _ _ peer_pages <"$work/peer.out"
fi
peer_bytes=$(du -sb "$work/peer" | awk '{ print $1 }')
# typst from the same texts, one compiler for all documents.
read -r ty ry cy ly < <(run typst "$work/typst" node bench/typst_intake.js \
  "$work/text" fonts "$work/typst" "$n")
read -r _ _ typst_bytes typst_pages <"$work/typst.out"
# The peers' PDFs hold the texts they were given, word for word (a few
# documents, by pdftotext): document i drew the i-th text, in turn.
texts=("$work/text"/t*.txt)
words() { tr -s ' \n\f' '\n\n\n' <"$1" | grep -v '^$' || true; }
for i in 0 1 2 $((n / 2)) $((n - 1)); do
  given=${texts[i % ${#texts[@]}]}
  peers=("$work/typst/p$(printf %07d "$i").pdf")
  [ "$same" = 1 ] || peers+=("$work/peer/p$(printf %07d "$i").pdf")
  for pdf in "${peers[@]}"; do
    pdftotext "$pdf" "$work/check.txt"
    if ! diff <(words "$given") <(words "$work/check.txt") >/dev/null; then
      echo "bench: $pdf does not hold the text it was given ($given)" >&2
      exit 1
    fi
  done
done

awk -v n="$n" -v pages="$pages" -v bytes="$bytes" -v distinct="$distinct" \
    -v t1="$t1" -v t2="$t2" -v ts="$ts" -v tp="$tp" -v ty="$ty" \
    -v r1="$r1" -v r2="$r2" -v rs="$rs" -v rp="$rp" -v ry="$ry" \
    -v c1="$c1" -v c2="$c2" -v cs="$cs" -v cp="$cp" -v cy="$cy" \
    -v l1="$l1" -v l2="$l2" -v ls="$ls" -v lp="$lp" -v ly="$ly" \
    -v peer_label="$peer_label" -v pb="$peer_bytes" -v pp="$peer_pages" \
    -v yb="$typst_bytes" -v yp="$typst_pages" 'function row(label, t, c, p, b, r, l) {
    printf "%-24s %8.3f %8.3f %7.0f %8.3f %8.1f %8.1f MB %5.1f\n", label, t * 1000 / n,
      t * 1000 / p, n / t, c * 1000 / n, b / p / 1024, r / 1024, l }
  BEGIN {
  printf "%d documents, %d pages (ReportLab: %d, typst: %d), %d distinct PDFs\n", n, pages, pp, yp, distinct
  printf "%-24s %8s %8s %7s %8s %8s %11s %5s\n", "", "ms/doc", "ms/page", "docs/s", "CPU ms/d", "KB/page", "peak RSS", "load"
  row("qujat batch -j 1", t1, c1, pages, bytes, r1, l1)
  row("qujat batch -j 2", t2, c2, pages, bytes, r2, l2)
  row("qujat 2 shards (-j 1)", ts, cs, pages, bytes, rs, ls)
  row(peer_label, tp, cp, pp, pb, rp, lp)
  row("typst (same texts)", ty, cy, yp, yb, ry, ly)
  printf "qujat -j 1 against ReportLab: %.1fx the throughput, %.1fx less CPU a document\n", tp / t1, cp / c1
  printf "qujat -j 1 against typst: %.1fx the throughput, %.1fx less CPU a document\n", ty / t1, cy / c1
  printf "-j 2 against -j 1: %.2fx; two shards against -j 1: %.2fx (wall time)\n", t1 / t2, t1 / ts
}'

if [ "$rss" = 1 ]; then
  for m in 1000 100000; do
    jobs "$m" >"$work/rss-$m.xml"
    la=$(load)
    /usr/bin/time -f "%e %M" -o "$work/rss$m.time" \
      "$qujat" batch "$work/rss-$m.xml" -o "$work/rss$m" -j 1 >/dev/null
    read -r t r <"$work/rss$m.time"
    echo "$m jobs at -j 1: peak RSS $r KB, $t s (load $la)"
    eval "rss$m=$r"
    rm -rf "$work/rss$m" "$work/rss-$m.xml"
  done
  awk -v a="$rss1000" -v b="$rss100000" 'BEGIN {
    printf "peak RSS, 100 000 jobs against 1 000: %+.1f %% (%s)\n", (b - a) * 100 / a,
      b <= a * 1.1 ? "within 10 %" : "more than 10 %" }'
fi
