# SPDX-License-Identifier: MIT
# qujat serve --request-timeout: the total deadline of a request, which the
# idle --timeout is not. Slowloris clients that send a byte every second
# (never idle) are cut off within the deadline and a generous slack, in
# their headers and in their body, while a good client beside them keeps
# getting 200s and a kept-alive connection whose requests together take
# longer than the deadline is not cut (the clock restarts with each
# request). Bounds are generous: the machine may be loaded.
. "$2/cli/lib.sh"
. "$2/cli/serve_lib.sh"
serve_skip_unless_built
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 0; }
# Idle timeout 30 s, total 3 s: a cut within 20 s is the total deadline's.
serve_start --threads 2 --timeout 30 --request-timeout 3 --date 2026-11-21

# slow WHAT: a client that sends the start of a request, then one byte a
# second (at most 25); prints "cut SECONDS" when the server ends the
# connection, or "open" if it never does.
slow() {
  python3 - "$PORT" "$1" <<'EOF'
import select, socket, sys, time
port, what = int(sys.argv[1]), sys.argv[2]
start = {
    'headers': b'GET / HTTP/1.1\r\nHost: a\r\nX-Slow: ',
    'line': b'GET /api/servi',
    'body': b'POST /api/checklist?service=iin HTTP/1.1\r\nHost: a\r\n'
            b'Content-Type: application/xml\r\nContent-Length: 2000\r\n\r\n<',
}[what]
s = socket.create_connection(('127.0.0.1', port), timeout=30)
t0 = time.monotonic()
def closed():  # readable: the end of the stream (or a reset)
    r, _, _ = select.select([s], [], [], 0)
    return bool(r)
try:
    s.sendall(start)
    for i in range(25):
        time.sleep(1)
        if closed():
            break
        s.sendall(b'a')
    else:
        print('open'); sys.exit(0)
except OSError:
    pass
print('cut %.1f' % (time.monotonic() - t0))
EOF
}

: >"$WORK/good"
( i=0; while [ $i -lt 400 ] && [ ! -e "$WORK/stop" ]; do
    curl -s -o /dev/null -w '%{http_code}\n' "$BASE/api/checklist?service=iin&lang=kk" >>"$WORK/good"
    sleep 0.05; i=$((i + 1)); done ) &
GOOD=$!

slowpids=
k=0
for what in headers line body headers; do
  k=$((k + 1))
  slow $what >"$WORK/slow-$k-$what" &
  slowpids="$slowpids $!"
done
# A kept-alive connection: 10 requests 0.5 s apart, 5 s in all, one socket.
python3 - "$PORT" >"$WORK/keep" <<'EOF'
import http.client, sys, time
c = http.client.HTTPConnection('127.0.0.1', int(sys.argv[1]), timeout=20)
codes = []
for i in range(10):
    c.request('GET', '/healthz')
    r = c.getresponse(); r.read()
    codes.append(str(r.status))
    time.sleep(0.5)
print(' '.join(codes))
EOF
wait $slowpids
touch "$WORK/stop"
wait $GOOD

[ "$(cat "$WORK/keep")" = "200 200 200 200 200 200 200 200 200 200" ] ||
  fail "a kept-alive connection of 5 s was cut or refused: $(cat "$WORK/keep")"
n=0
for f in "$WORK"/slow-*; do
  n=$((n + 1))
  r=$(cat "$f")
  case $r in
    cut\ *) t=${r#cut }
       # At least the deadline (the server cannot cut sooner), at most the
       # deadline, the sweep and a loaded machine's slack; far below the
       # 30 s idle timeout.
       awk -v t="$t" 'BEGIN { exit !(t >= 2.5 && t <= 15) }' ||
         fail "$(basename "$f"): cut after $t s, expected 3 s and a little" ;;
    *) fail "$(basename "$f"): a client sending a byte a second was not cut off: $r" ;;
  esac
done
[ "$n" = 4 ] || fail "$n slow clients reported, expected 4"
grep -q 'cut off .* (--request-timeout)' "$WORK/log" || fail "no 'cut off' line in the log"

lines=$(wc -l <"$WORK/good")
bad=$(grep -vc '^200$' "$WORK/good")
[ "$lines" -gt 10 ] || fail "the good client made only $lines requests"
[ "$bad" = 0 ] || fail "the good client got $bad non-200 answers: $(sort "$WORK/good" | uniq -c | tr '\n' ' ')"
check 200 "$JSON" /healthz

# A request whose headers end after the deadline gets 408 (when the sweep
# has not cut it first) or is cut: never an answer.
code=$(python3 - "$PORT" <<'EOF'
import socket, sys, time
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=20)
try:
    s.sendall(b'GET /healthz HTTP/1.1\r\nHost: a\r\n')
    time.sleep(4)
    s.sendall(b'\r\n')
    r = s.recv(64)
    print(r.split(b' ')[1].decode() if r.startswith(b'HTTP/') else 'closed')
except OSError:
    print('closed')
EOF
)
case $code in 408|closed) ;; *) fail "headers completed after the deadline: $code" ;; esac
finish
