# SPDX-License-Identifier: MIT
# Helpers for the tests of qujat serve (sourced after lib.sh): start a
# server on a free port of 127.0.0.1, check a response with curl.

DATA=$TESTS/..

# serve_skip_unless_built: exits 0 with SKIP when this qujat has no serve
# or there is no curl.
serve_skip_unless_built() {
  if "$QUJAT" serve --data "$DATA" --listen none 2>&1 | grep -q 'without libmicrohttpd'; then
    echo "SKIP: this qujat has no serve"; exit 0
  fi
  command -v curl >/dev/null || { echo "SKIP: no curl"; exit 0; }
}

# serve_start ARGS...: starts qujat serve with ARGS, its log in $WORK/log;
# sets PORT, PID and BASE, and a trap that stops it.
serve_start() {
  PID=
  for try in 1 2 3 4 5 6 7 8; do
    PORT=$((20000 + ($$ * 7 + try * 131) % 20000))
    "$QUJAT" serve --data "$DATA" --listen 127.0.0.1:$PORT "$@" 2>"$WORK/log" &
    PID=$!
    up=0
    for i in $(seq 1 50); do
      if curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz"; then up=1; break; fi
      kill -0 $PID 2>/dev/null || break
      sleep 0.1
    done
    [ "$up" = 1 ] && break
    kill $PID 2>/dev/null; wait $PID 2>/dev/null; PID=
  done
  [ -n "$PID" ] || { cat "$WORK/log"; echo "FAIL: the server did not start"; exit 1; }
  trap 'kill $PID 2>/dev/null; rm -rf "$WORK"' EXIT
  BASE=http://127.0.0.1:$PORT
}

# check STATUS CTYPE-REGEX PATH [CURL ARGS...]: the body in $WORK/body,
# the headers in $WORK/headers.
check() {
  want=$1 ctype=$2 path=$3
  shift 3
  got=$(curl -s --path-as-is -o "$WORK/body" -D "$WORK/headers" \
    -w '%{http_code} %{content_type}' "$@" "$BASE$path")
  case $got in
    "$want "*) ;;
    *) fail "$path $*: got '$got', expected $want"; head -c 400 "$WORK/body"; echo ;;
  esac
  echo "$got" | grep -Eq "^$want $ctype" || fail "$path: content type '$got' is not /$ctype/"
}
JSON='application/json; charset=utf-8'
HTML='text/html; charset=utf-8'
