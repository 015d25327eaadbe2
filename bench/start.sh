#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The start of a one-document run against the per-document cost of a batch
# (bench/README.md, "A one-document start"), for the qujat given as $1
# (default build-bench/qujat, as bench/run.sh builds it):
#  - instructions (callgrind) of `qujat checklist ... --brief -o x.pdf`
#    without a cache (QUJAT_CACHE_DIR empty), and with a warm one;
#  - task-clock (perf stat, R runs) of the same, and of `qujat --help`
#    (what any process of this binary costs);
#  - a batch of 1 and of N intake jobs (bench/make-intake.py) at -j 1: the
#    per-document cost is their difference over N - 1.
# Usage: bench/start.sh [QUJAT] [N] [R]. The machine's load is printed:
# instruction counts are the figures to compare on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
qujat=$(realpath "${1:-build-bench/qujat}")
n=${2:-201}
r=${3:-20}
export QUJAT_DATA_DIR=${QUJAT_DATA_DIR:-$PWD}
work=$(mktemp -d "${TMPDIR:-/tmp}/qujat-start.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -m 700 "$work/cache"
one=(checklist work-visa-invitation --lang kk --profile "$PWD/bench/profile.xml"
     --brief --date 2026-11-21 -o "$work/x.pdf")
/usr/bin/python3 bench/make-intake.py 1 16 >"$work/jobs1.xml"
/usr/bin/python3 bench/make-intake.py "$n" 16 >"$work/jobsn.xml"

instr() { # instr CMD...: the instructions callgrind counts (a batch exits 1
  # when one of its jobs fails: the intake has such jobs on purpose)
  { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 || true; } |
    awk '/refs:/ { gsub(",", "", $NF); print $NF }'
}
clock() { # clock CMD...: mean task-clock in ms over $r runs
  perf stat -r "$r" -x, -e task-clock "$@" 2>&1 >/dev/null |
    awk -F, '/task-clock/ { printf "%.2f", $1 }'
}
batch() { # batch FILE: callgrind instructions and task-clock of a batch
  rm -rf "$work/out"
  instr "$qujat" batch "$1" -o "$work/out" -j 1
}
batch_clock() {
  perf stat -r 3 -x, -e task-clock sh -c \
    'rm -rf "$0/out"; "$1" batch "$2" -o "$0/out" -j 1 >/dev/null || true' \
    "$work" "$qujat" "$1" 2>&1 >/dev/null | awk -F, '/task-clock/ { printf "%.2f", $1 }'
}

echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) processors"
cold_i=$(QUJAT_CACHE_DIR= instr "$qujat" "${one[@]}")
QUJAT_CACHE_DIR=$work/cache "$qujat" "${one[@]}"
warm_i=$(QUJAT_CACHE_DIR=$work/cache instr "$qujat" "${one[@]}")
export QUJAT_CACHE_DIR=$work/cache
b1_i=$(batch "$work/jobs1.xml")
bn_i=$(batch "$work/jobsn.xml")
per_i=$(( (bn_i - b1_i) / (n - 1) ))
echo "instructions: one document without a cache $cold_i, with it $warm_i;" \
     "a batch document $per_i (ratio $(awk "BEGIN { printf \"%.1f\", $warm_i / $per_i }"))"
ver_t=$(clock "$qujat" --help)
cold_t=$(QUJAT_CACHE_DIR= clock "$qujat" "${one[@]}")
warm_t=$(clock "$qujat" "${one[@]}")
b1_t=$(batch_clock "$work/jobs1.xml")
bn_t=$(batch_clock "$work/jobsn.xml")
per_t=$(awk "BEGIN { printf \"%.3f\", ($bn_t - $b1_t) / ($n - 1) }")
echo "task-clock ms: --help (a process that loads nothing) $ver_t; one document without a cache $cold_t," \
     "with it $warm_t; a batch document $per_t" \
     "(ratio $(awk "BEGIN { printf \"%.1f\", $warm_t / $per_t }"))"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
