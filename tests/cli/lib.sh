# SPDX-License-Identifier: MIT
# Helpers for the CLI tests: sourced by tests/cli/test_*.sh, which are run
# by ctest as: sh test_X.sh QUJAT TESTS_SRC_DIR BUILD_DIR
set -u
QUJAT=$1
TESTS=$2
WORK=$(mktemp -d "${TMPDIR:-/tmp}/qujat-cli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
PROFILES=$TESTS/data/profiles
FAILED=0

fail() {
  echo "FAIL: $*"
  FAILED=1
}

# run CMD...: runs qujat with the arguments, keeping status, stdout, stderr.
run() {
  "$QUJAT" "$@" >"$WORK/out" 2>"$WORK/err"
  STATUS=$?
}

# expect STATUS PATTERN CMD...: the exit status must be STATUS and stderr
# (or stdout when STATUS is 0) must match the extended regex PATTERN.
expect() {
  want=$1
  pattern=$2
  shift 2
  run "$@"
  if [ "$STATUS" != "$want" ]; then
    fail "qujat $*: exit $STATUS, expected $want"
    sed 's/^/  stderr: /' "$WORK/err"
    return
  fi
  stream=$WORK/err
  [ "$want" = 0 ] && stream=$WORK/out
  if [ -n "$pattern" ] && ! grep -Eq -- "$pattern" "$stream"; then
    fail "qujat $*: output does not match /$pattern/"
    sed 's/^/  got: /' "$stream"
  fi
}

finish() {
  [ "$FAILED" = 0 ] && echo "ok"
  exit "$FAILED"
}
