# SPDX-License-Identifier: MIT
# qujat serve with curl, on loopback only: every endpoint with its status
# and content type, the security headers, the file names, letters (200 and
# 422), then a bounded loop of malformed, oversized, slow, traversal and
# unknown-parameter requests that must all be refused with a 4xx (or cut
# off) while a good client beside them keeps getting 200s; SIGTERM stops
# the server cleanly.
. "$2/cli/lib.sh"
. "$2/cli/serve_lib.sh"
PROFILES=$TESTS/data/profiles
serve_skip_unless_built
serve_start --threads 2 --timeout 2 --per-ip 64 --date 2026-11-21

# ---- every endpoint ----
check 200 "$JSON" /healthz
grep -q '"status": "ok"' "$WORK/body" || fail "healthz body"
check 200 "$JSON" '/api/services?lang=kk'
grep -q '"work-visa-in-kz"' "$WORK/body" || fail "services lists work-visa-in-kz"
grep -q 'Жұмыс визасы' "$WORK/body" || fail "services in Kazakh"
check 200 "$JSON" '/api/checklist?service=work-visa-in-kz&lang=en'
grep -q '"service": "work-visa-in-kz"' "$WORK/body" || fail "checklist JSON"
# The JSON of the API is the JSON of the CLI.
"$QUJAT" checklist work-visa-in-kz --data "$DATA" --lang en --date 2026-11-21 --format json >"$WORK/cli.json"
cmp -s "$WORK/body" "$WORK/cli.json" || fail "API checklist JSON differs from the CLI's"
check 200 'text/plain; charset=utf-8' '/api/checklist?service=iin&lang=ru&format=text'
check 200 "$HTML" '/api/checklist?service=iin&lang=kk&format=html'
grep -q '<section class="q-doc" lang="kk">' "$WORK/body" || fail "HTML fragment"
check 200 'application/pdf' '/api/checklist?service=work-visa-in-kz&lang=kk&format=pdf&surname=SMITH&given-names=JOHN&d1-relation=child&d1-given-names=TOM&d1-birth-date=2010-03-01'
pdftotext "$WORK/body" - | grep -q 'SMITH TOM' || fail "the PDF names the child"
grep -qi "^Content-Disposition: attachment; filename=\"checklist-work-visa-in-kz-kk.pdf\"; filename\*=UTF-8''%D2%9A" "$WORK/headers" ||
  fail "Content-Disposition with a UTF-8 name: $(grep -i disposition "$WORK/headers")"
check 200 'application/pdf' /api/checklist -X POST \
  -H 'Content-Type: application/xml' --data-binary "@$PROFILES/smith-family.xml" \
  --url-query 'service=work-visa-in-kz' --url-query 'lang=kk+ru' --url-query 'format=pdf'
check 200 "$JSON" /api/checklist -X POST -d 'service=work-visa-in-kz&lang=ru&company-form=branch&surname=SMITH&given-names=JOHN'
grep -q 'branch-or-rep-office\|представительств' "$WORK/body" || fail "form answers reach the checklist"
check 200 "$JSON" '/api/fees?service=iin&priority=true&surname=SMITH&given-names=JOHN'
grep -q '"kind": "priority"' "$WORK/body" || fail "priority fee"
check 200 'application/pdf' '/api/fees?service=work-visa-in-kz&format=pdf&lang=ru'
check 400 "$JSON" '/api/fees?service=work-visa-in-kz&lang=kk%2Bru'
check 200 'application/pdf' '/api/letter?service=business-visa-single-invitation&lang=en' \
  -X POST -H 'Content-Type: application/xml' --data-binary "@$PROFILES/letter-b2-single.xml"
pdftotext "$WORK/body" - | grep -qi 'copy 1 of 2' || fail "letter PDF"
check 422 "$JSON" '/api/letter?service=work-visa-invitation' \
  -X POST -H 'Content-Type: application/xml' --data-binary "@$PROFILES/letter-problems.xml"
grep -q '"problems": \[' "$WORK/body" && grep -q 'needs the bin' "$WORK/body" || fail "letter problems: $(head -c 300 "$WORK/body")"
check 405 "$JSON" '/api/letter?service=work-visa-invitation'
check 415 "$JSON" '/api/letter?service=work-visa-invitation' -X POST -d 'a=b'
check 400 "$JSON" '/api/checklist?service=iin' -X POST -H 'Content-Type: application/xml' --data-binary '<profile'

# ---- the page ----
check 200 "$HTML" / -H 'Accept-Language: ru-RU,ru;q=0.9'
grep -q '<html lang="ru">' "$WORK/body" || fail "Accept-Language picks Russian"
for h in "Content-Security-Policy: default-src 'none'" 'X-Content-Type-Options: nosniff' 'Referrer-Policy: no-referrer'; do
  grep -qi "^$h" "$WORK/headers" || fail "header $h"
done
grep -q '<script' "$WORK/body" && fail "the page has a script"
check 200 "$HTML" '/?lang=kk&service=work-visa-in-kz'
grep -q 'name="company-form"' "$WORK/body" || fail "work-visa-in-kz asks the company form"
grep -q 'name="d1-relation"' "$WORK/body" || fail "work-visa-in-kz asks about dependants"
check 200 "$HTML" '/?lang=ru&service=permanent-residence'
grep -q 'name="d1-birth-date"' "$WORK/body" || fail "permanent-residence asks dependants' birth dates"
check 200 "$HTML" '/?lang=en&service=iin'
grep -q 'name="priority"' "$WORK/body" || fail "iin asks about priority"
grep -q 'name="company-form"' "$WORK/body" && fail "iin does not ask the company form"
check 200 'text/css; charset=utf-8' /style.css
check 200 "$HTML" /checklist -X POST -d 'service=work-visa-in-kz&lang=kk&surname=SMITH&given-names=JOHN&d1-relation=spouse&d1-given-names=JANE'
grep -q 'SMITH JANE' "$WORK/body" || fail "result page names the spouse"
check 200 'application/pdf' /download -X POST -d 'service=iin&lang=en&doc=fees'
check 400 "$HTML" /checklist -X POST -d 'service=iin&lang=kk&surname=<script>&given-names=X'
grep -q '<script>' "$WORK/body" && fail "an error page echoes markup"
grep -q '<html lang="kk">' "$WORK/body" || fail "error page in the user's language"
check 404 "$HTML" '/nope?lang=ru'
grep -q 'Такой страницы нет' "$WORK/body" || fail "404 in Russian"

# ---- abuse, with a good client alongside ----
: >"$WORK/good"
( i=0; while [ $i -lt 150 ] && [ ! -e "$WORK/stop" ]; do
    curl -s -o /dev/null -w '%{http_code}\n' "$BASE/api/checklist?service=iin&lang=kk" >>"$WORK/good"
    i=$((i + 1)); done ) &
GOOD=$!

# Raw requests curl will not send, through a socket; prints the status
# code or "closed".
raw() {
  python3 - "$PORT" "$1" "${2:-0}" <<'EOF'
import socket, sys, time
port, data, slow = int(sys.argv[1]), sys.argv[2].encode().decode('unicode_escape').encode('latin-1'), float(sys.argv[3])
s = socket.create_connection(('127.0.0.1', port), timeout=10)
t0 = time.time()
try:
    s.sendall(data)
    if slow:  # slowloris: a byte now and then, never the end of the headers
        for i in range(int(slow)):
            time.sleep(1)
            s.sendall(b'X')
    r = s.recv(64)
    print(r.split(b' ')[1].decode() if r.startswith(b'HTTP/') else 'closed')
except (ConnectionResetError, BrokenPipeError, socket.timeout):
    print('closed' if time.time() - t0 < 9 else 'timeout')
EOF
}

big=$(head -c 40000 /dev/zero | tr '\0' a)
head -c 300000 /dev/zero | tr '\0' a >"$WORK/big"
round=0
while [ $round -lt 3 ]; do
  round=$((round + 1))
  for p in '/../etc/passwd' '/%2e%2e/%2e%2e/etc/passwd' '/api/../../etc/passwd' \
           '/style.css%00.txt' '/api/services%00' '/api/services/' '//api/services' \
           '/api/services?lang=%00' '/api/services?lang=xx' '/api/services?lang=en&lang=kk' \
           '/api/checklist?service=iin&x=1' '/api/checklist?service=..%2F..%2Fetc%2Fpasswd' \
           '/api/checklist?service=iin&format=exe' '/api/checklist?service=iin&date=2026-02-30' \
           '/api/checklist?service=iin&d99-relation=child' '/api/checklist?service=iin&surname=%C0%AF' \
           '/api/checklist' "/api/checklist?service=iin&surname=$big"; do
    code=$(curl -s --path-as-is -o /dev/null -w '%{http_code}' "$BASE$p")
    case $code in 4??) ;; *) fail "round $round: $(echo "$p" | head -c 80): $code, expected 4xx" ;; esac
  done
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Big: $big" "$BASE/")
  case $code in 4??) ;; *) fail "oversized header: $code" ;; esac
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/xml' --data-binary "@$WORK/big" "$BASE/api/checklist?service=iin")
  [ "$code" = 413 ] || fail "oversized body: $code"
  code=$(curl -s -o /dev/null -w '%{http_code}' -X DELETE "$BASE/")
  [ "$code" = 405 ] || fail "DELETE: $code"
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: multipart/form-data; boundary=x' --data-binary 'x' "$BASE/checklist")
  [ "$code" = 415 ] || fail "multipart: $code"
  for r in 'GARBAGE\r\n\r\n' 'GET /\r\n\r\n' 'GET / HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n' \
           'GET / HTTP/9.9\r\nHost: a\r\n\r\n' 'POST /api/checklist?service=iin HTTP/1.1\r\nHost: a\r\nContent-Type: application/xml\r\nContent-Length: 99999999999\r\n\r\n'; do
    code=$(raw "$r")
    case $code in 4??|505|closed) ;; *) fail "malformed '$r': $code" ;; esac
  done
done
# Slowloris: one header line, then a byte a second: cut off after the 2 s
# idle timeout, or refused when the headers outgrow their cap.
code=$(raw 'GET / HTTP/1.1\r\nHost: a\r\nX-Slow: ' 0)
[ "$code" = closed ] || fail "a stalled request was not cut off: $code"

touch "$WORK/stop"
wait $GOOD
n=$(wc -l <"$WORK/good")
bad=$(grep -vc '^200$' "$WORK/good")
[ "$n" -gt 10 ] || fail "the good client made only $n requests"
[ "$bad" = 0 ] || fail "the good client got $bad non-200 answers: $(sort "$WORK/good" | uniq -c | tr '\n' ' ')"
check 200 "$JSON" /healthz

# ---- the log and a clean stop ----
grep -Eq '^GET /api/checklist 200 [0-9]+ [0-9.]+ms$' "$WORK/log" || fail "access log line"
grep -q 'SMITH\|surname=' "$WORK/log" && fail "the log shows query values"
kill -TERM $PID
for i in $(seq 1 50); do kill -0 $PID 2>/dev/null || break; sleep 0.1; done
if kill -0 $PID 2>/dev/null; then fail "SIGTERM did not stop the server"; kill -9 $PID; fi
wait $PID; rc=$?
[ "$rc" = 0 ] || fail "exit status after SIGTERM: $rc"
grep -q 'qujat serve: stopped' "$WORK/log" || fail "no 'stopped' line"
trap 'rm -rf "$WORK"' EXIT
finish
