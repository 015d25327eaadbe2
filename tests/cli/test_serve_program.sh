# SPDX-License-Identifier: MIT
# qujat serve runs the program qujat-serve (src/cli/cli_cmd_serve.c): the
# qujat command itself must not link libmicrohttpd (it brings GnuTLS and
# eight more libraries to every start), the server program beside it must;
# without the server program `qujat serve` says where it looked, in the
# language of --lang, and exits 1.
. "$2/cli/lib.sh"
DATA=$TESTS/..
command -v readelf >/dev/null || { echo "SKIP: no readelf"; exit 0; }
needed() { readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'; }

needed "$QUJAT" >"$WORK/needed"
grep -q '^libc\.so' "$WORK/needed" || fail "readelf lists no NEEDED libc for $QUJAT"
if grep -q 'libmicrohttpd\|libgnutls' "$WORK/needed"; then
  fail "qujat links $(grep 'libmicrohttpd\|libgnutls' "$WORK/needed" | tr '\n' ' ')(only qujat-serve may)"
fi

SERVE=$(dirname "$QUJAT")/qujat-serve
if ! "$QUJAT" serve --data "$DATA" --listen none 2>&1 | grep -q 'without libmicrohttpd'; then
  [ -x "$SERVE" ] || fail "no $SERVE beside $QUJAT"
  needed "$SERVE" | grep -q '^libmicrohttpd' || fail "qujat-serve does not link libmicrohttpd"
  # Its options and help are those of `qujat serve`.
  expect 2 "unknown option or missing value: '--bogus'" serve --bogus
  "$SERVE" --help >"$WORK/direct" || fail "qujat-serve --help: exit $?"
  "$QUJAT" serve --help >"$WORK/via" || fail "qujat serve --help: exit $?"
  cmp -s "$WORK/direct" "$WORK/via" || fail "qujat-serve --help differs from qujat serve --help"
  grep -q '^Usage: qujat serve' "$WORK/via" || fail "qujat serve --help: $(head -1 "$WORK/via")"

  # A qujat without its server program, as a copy alone in a directory is
  # (unless one is installed in the configured libexec directory).
  mkdir "$WORK/alone"
  cp "$QUJAT" "$WORK/alone/qujat"
  QUJAT=$WORK/alone/qujat
  run serve --data "$DATA" --listen none
  installed=$(sed -n 's/.* and \(\/.*qujat-serve\)); .*/\1/p' "$WORK/err")
  if [ -n "$installed" ] && [ -e "$installed" ]; then
    echo "(an installed $installed: the missing program is not tested)"
  else
    [ "$STATUS" = 1 ] || fail "without qujat-serve: exit $STATUS, expected 1"
    grep -q "^qujat: error: serve: the server program qujat-serve was not found (tried $WORK/alone/qujat-serve, $WORK/alone/.*/qujat-serve and /.*qujat-serve); install it with qujat" "$WORK/err" ||
      fail "without qujat-serve: $(cat "$WORK/err")"
    expect 1 '^qujat: қате: serve: qujat-serve сервер бағдарламасы табылмады' serve --lang kk
    expect 1 '^qujat: ошибка: serve: программа сервера qujat-serve не найдена' serve --lang=ru
  fi
fi
finish
