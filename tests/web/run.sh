#!/bin/sh
# SPDX-License-Identifier: MIT
# ctest web.e2e: starts qujat serve on loopback and runs e2e.js in headless
# Chromium. Usage: run.sh QUJAT SOURCE_DIR OUT_DIR
# Skipped (exit 0 with a message) only where Chromium cannot run here.
set -u
QUJAT=$1 SRC=$2 OUT=$3
WEB=$SRC/tests/web
[ -x /usr/bin/chromium ] || { echo "SKIP: /usr/bin/chromium is not installed (scripts/deps.sh installs it)"; exit 0; }
command -v node >/dev/null || { echo "SKIP: node is not installed"; exit 0; }
[ -d "$WEB/node_modules/playwright-core" ] ||
  { echo "SKIP: run 'npm ci' in tests/web (scripts/deps.sh does)"; exit 0; }
/usr/bin/chromium --headless --no-sandbox --disable-gpu --dump-dom about:blank >/dev/null 2>&1 ||
  { echo "SKIP: chromium cannot start on this machine"; exit 0; }
rm -rf "$OUT"; mkdir -p "$OUT"
PID=
for try in 1 2 3 4 5 6; do
  PORT=$((40000 + ($$ * 11 + try * 173) % 20000))
  "$QUJAT" serve --data "$SRC" --listen 127.0.0.1:$PORT --date 2026-11-21 \
    --quiet 2>"$OUT/log" &
  PID=$!
  for i in $(seq 1 50); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz" && break 2
    kill -0 $PID 2>/dev/null || break
    sleep 0.1
  done
  kill $PID 2>/dev/null; wait $PID 2>/dev/null; PID=
done
[ -n "$PID" ] || { cat "$OUT/log"; echo "FAIL: the server did not start"; exit 1; }
trap 'kill $PID 2>/dev/null' EXIT
node "$WEB/e2e.js" "http://127.0.0.1:$PORT" "$OUT"
rc=$?
echo "screenshots and PDFs: $OUT"
exit $rc
