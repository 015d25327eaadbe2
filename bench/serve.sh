#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# PDF throughput of qujat serve at --threads 2 against qujat batch -j 2 on
# the same checklist (bench/profile.xml, work-visa-invitation, kk, brief),
# side by side in one run, with wrk (Debian wrk) on loopback. A benchmark,
# not a timed test: it prints numbers, it asserts nothing.
# Usage: bench/serve.sh [DOCS=2000] [SECONDS=20]
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-2000}
secs=${2:-20}
command -v wrk >/dev/null || { echo "bench/serve.sh needs wrk (apt-get install wrk)"; exit 1; }
build=build-bench
cmake -S . -B $build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build $build -j "$(nproc)" --target qujat_cli >/dev/null
q=$build/qujat
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
date=2026-11-21

# 1. qujat batch -j 2: DOCS documents.
cp bench/profile.xml "$work/profile.xml"
bench/make-jobs.sh "$docs" profile.xml >"$work/jobs.xml"
t0=$(date +%s.%N)
$q batch --data . "$work/jobs.xml" -o "$work/out" -j 2 >/dev/null 2>&1
t1=$(date +%s.%N)
batch_rate=$(echo "$docs / ($t1 - $t0)" | bc -l)

# 2. qujat serve --threads 2: POST the same profile, the same checklist.
port=$((30000 + RANDOM % 20000))
$q serve --data . --listen 127.0.0.1:$port --threads 2 --quiet --date $date &
pid=$!
for i in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:$port/healthz && break; sleep 0.1; done
cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/xml"
local f = io.open("bench/profile.xml", "rb"); wrk.body = f:read("*a"); f:close()
done = function(summary, latency, requests)
  io.write(string.format("p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, summary.errors.status))
end
LUA
url="http://127.0.0.1:$port/api/checklist?service=work-visa-invitation&lang=kk&format=pdf&brief=true"
rss0=$(ps -o rss= -p $pid)
wrk -t2 -c4 -d"${secs}s" --latency -s "$work/post.lua" "$url" | tee "$work/wrk.txt"
rss1=$(ps -o rss= -p $pid)
serve_rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
printf '\nbatch -j 2: %.0f PDF/s   serve --threads 2: %.0f PDF/s   ratio %.2f\n' \
  "$batch_rate" "$serve_rate" "$(echo "$serve_rate / $batch_rate" | bc -l)"
printf 'server RSS: %s KiB before, %s KiB after the run\n' "$rss0" "$rss1"
