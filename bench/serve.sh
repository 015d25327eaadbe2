#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The PDF endpoint of qujat serve at --threads 2 against qujat batch -j 2
# on the same checklist (bench/profile.xml, work-visa-invitation, kk, brief),
# side by side in one run, with wrk (Debian wrk) on loopback; then the
# server's memory after 1 000 and after TOTAL requests. A benchmark, not a
# timed test: it prints numbers, it asserts nothing.
#
# 1. qujat batch -j 2 on DOCS jobs                      -> PDF/s
# 2. qujat serve --threads 2: 1 000 requests, RSS       -> "after 1 000"
# 3. wrk for SECONDS, 4 connections, latency percentiles -> PDF/s, p50, p99
# 4. qujat batch -j 2 again (the load of the machine moves)
# 5. more requests until TOTAL in all, RSS              -> "after TOTAL"
# Every response is counted: a failed or non-2xx request is reported.
# Usage: bench/serve.sh [DOCS=5000] [SECONDS=20] [TOTAL=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
docs=${1:-5000}
secs=${2:-20}
total=${3:-100000}
command -v wrk >/dev/null || { echo "bench/serve.sh needs wrk (apt-get install wrk)"; exit 1; }
build=build-bench
cmake -S . -B $build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build $build -j 2 --target qujat_cli >/dev/null
q=$build/qujat
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT
date=2026-11-21

echo "machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "busiest processes:"; ps -eo pcpu,comm --sort=-pcpu | sed -n '2,6p'

cp bench/profile.xml "$work/profile.xml"
bench/make-jobs.sh "$docs" profile.xml >"$work/jobs.xml"
# CPU seconds (user + system) of a process, all its threads.
hz=$(getconf CLK_TCK)
cpu_of() { awk -v hz="$hz" '{ print ($14 + $15) / hz }' "/proc/$1/stat"; }
batch() { # one batch -j 2 run of the DOCS jobs: "PDF/s CPU-ms-per-PDF"
  rm -rf "$work/out"
  local t0 t1 TIMEFORMAT='%3U %3S'
  t0=$(date +%s.%N)
  { time $q batch --data . "$work/jobs.xml" -o "$work/out" -j 2 >/dev/null 2>&1; } 2>"$work/time"
  t1=$(date +%s.%N)
  echo "$(echo "$docs / ($t1 - $t0)" | bc -l) $(awk -v n="$docs" '{ print ($1 + $2) * 1000 / n }' "$work/time")"
}
read -r batch1 bcpu1 <<<"$(batch)"

port=$((30000 + RANDOM % 20000))
# The access log (one line a request, with the server's own milliseconds)
# goes to a file: it tells the server's time from the time in queues.
$q serve --data . --listen 127.0.0.1:$port --threads 2 --date $date 2>"$work/access.log" &
pid=$!
for i in $(seq 50); do curl -s -o /dev/null http://127.0.0.1:$port/healthz && break; sleep 0.1; done
url="http://127.0.0.1:$port/api/checklist?service=work-visa-invitation&lang=kk&format=pdf&brief=true"
# The request: POST the profile. STOP_AFTER responses (per wrk thread) end
# a run early; done() prints what wrk's summary leaves out.
lua() {
  cat <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/xml"
local f = io.open("bench/profile.xml", "rb"); wrk.body = f:read("*a"); f:close()
local n, limit = 0, $1
response = function(status, headers, body)
  n = n + 1
  if limit > 0 and n >= limit then wrk.thread:stop() end
end
done = function(summary, latency, requests)
  io.write(string.format(
    "requests=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write +
    summary.errors.timeout, summary.errors.status))
end
LUA
}
field() { sed -n "s/.*\\b$1=\\([0-9.]*\\).*/\\1/p" "$2" | tail -1; }
served=0 failed=0
run() { # run LIMIT DURATION OUT: one wrk run, its counts added up
  lua "$1" >"$work/run.lua"
  wrk -t1 -c4 -d"$2" --latency -s "$work/run.lua" "$url" >"$3"
  served=$((served + $(field requests "$3")))
  failed=$((failed + $(field errors "$3") + $(field non2xx "$3")))
}
rss() { ps -o rss= -p $pid | tr -d ' '; }

run 1000 8s "$work/warm.txt"
rss1k=$(rss) n1k=$served
cpu0=$(cpu_of $pid) n0=$served
run 0 "${secs}s" "$work/wrk.txt"
scpu=$(echo "($(cpu_of $pid) - $cpu0) * 1000 / ($served - $n0)" | bc -l)
serve_rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
read -r batch2 bcpu2 <<<"$(batch)"
while [ $served -lt "$total" ]; do
  left=$((total - served))
  run $left 30s "$work/more.txt"
done
rssN=$(rss)
logged=$(grep -c '^POST /api/checklist ' "$work/access.log")

sed -n '/Latency Distribution/,/requests in/p' "$work/wrk.txt"
batch_rate=$(echo "($batch1 + $batch2) / 2" | bc -l)
p50=$(field p50_ms "$work/wrk.txt") p99=$(field p99_ms "$work/wrk.txt")
echo
printf 'batch -j 2: %.0f and %.0f PDF/s (before and after)   serve --threads 2: %.0f PDF/s   ratio %.2f\n' \
  "$batch1" "$batch2" "$serve_rate" "$(echo "$serve_rate / $batch_rate" | bc -l)"
printf 'latency: p50 %s ms, p90 %s ms, p99 %s ms (p99 / p50 = %.1f), max %s ms\n' \
  "$p50" "$(field p90_ms "$work/wrk.txt")" "$p99" "$(echo "$p99 / $p50" | bc -l)" \
  "$(field max_ms "$work/wrk.txt")"
printf 'CPU per PDF: batch %.2f and %.2f ms, serve %.2f ms (user + system, all threads)\n' \
  "$bcpu1" "$bcpu2" "$scpu"
grep -E '^POST /api/checklist 200 ' "$work/access.log" | sed 's/.* \([0-9.]*\)ms$/\1/' | sort -n |
  awk '{ v[NR] = $1 } END { printf "server time (handler to last byte, %d requests): p50 %.2f ms, p99 %.2f ms\n", NR, v[int(NR * .5)], v[int(NR * .99)] }'
printf 'requests: %d counted by wrk, %d logged by the server; %d failed or not 2xx, %d not 200 in the log\n' \
  "$served" "$logged" "$failed" \
  "$(grep -E '^(GET|POST) ' "$work/access.log" | grep -vc ' 200 ')"
printf 'server RSS: %s KiB after %d requests, %s KiB after %d (%+.1f %%)\n' \
  "$rss1k" "$n1k" "$rssN" "$logged" "$(echo "($rssN - $rss1k) * 100 / $rss1k" | bc -l)"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
