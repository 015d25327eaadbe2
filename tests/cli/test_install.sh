# The binary finds its data after `cmake --install`, also when the install
# tree is moved, and QUJAT_DATA_DIR / --data override it.
. "$2/cli/lib.sh"
BUILD=$(dirname "$3")

cmake --install "$BUILD" --prefix "$WORK/prefix" >/dev/null || fail "install failed"
env -u QUJAT_DATA_DIR "$WORK/prefix/bin/qujat" list >"$WORK/out" 2>"$WORK/err" \
  || { fail "installed qujat cannot list"; cat "$WORK/err"; }
grep -q "work-visa-in-kz" "$WORK/out" || fail "installed list lacks a service"
[ -f "$WORK/prefix/share/man/man1/qujat.1" ] || fail "man page not installed"
[ -f "$WORK/prefix/include/qujat/qujat.h" ] || fail "header not installed"
[ -f "$WORK/prefix/lib/pkgconfig/qujat.pc" ] || ls "$WORK/prefix"/lib*/pkgconfig/qujat.pc >/dev/null 2>&1 || fail "qujat.pc not installed"

mv "$WORK/prefix" "$WORK/moved"
env -u QUJAT_DATA_DIR "$WORK/moved/bin/qujat" checklist iin --format text --date 2026-03-03 \
  >"$WORK/out" 2>"$WORK/err" || { fail "moved install cannot find its data"; cat "$WORK/err"; }

# The fonts, templates and schemas are installed too: a PDF, a letter and
# a batch from the moved tree.
env -u QUJAT_DATA_DIR "$WORK/moved/bin/qujat" checklist iin --lang kk \
  --date 2026-03-03 -o "$WORK/iin.pdf" 2>"$WORK/err" ||
  { fail "moved install cannot render a PDF"; cat "$WORK/err"; }
env -u QUJAT_DATA_DIR "$WORK/moved/bin/qujat" letter work-visa-invitation \
  --profile "$PROFILES/smith-family.xml" --date 2026-03-03 \
  -o "$WORK/letter.pdf" 2>"$WORK/err" ||
  { fail "moved install cannot write a letter"; cat "$WORK/err"; }
printf '%s\n' '<jobs xmlns="urn:qujat:jobs:1" date="2026-03-03">' \
  '  <job id="1" document="checklist" service="iin" lang="ru" output="iin-ru.pdf"/>' \
  '</jobs>' >"$WORK/jobs.xml"
env -u QUJAT_DATA_DIR "$WORK/moved/bin/qujat" validate "$WORK/jobs.xml" \
  >/dev/null 2>"$WORK/err" ||
  { fail "moved install cannot validate a job file"; cat "$WORK/err"; }
env -u QUJAT_DATA_DIR "$WORK/moved/bin/qujat" batch "$WORK/jobs.xml" \
  -o "$WORK/batch" 2>"$WORK/err" && [ -s "$WORK/batch/iin-ru.pdf" ] ||
  { fail "moved install cannot run a batch"; cat "$WORK/err"; }

QUJAT_DATA_DIR=$WORK/nowhere "$WORK/moved/bin/qujat" list >/dev/null 2>&1 \
  && fail "a bad QUJAT_DATA_DIR must be an error"
"$WORK/moved/bin/qujat" --data "$WORK/moved/share/qujat" list >/dev/null \
  || fail "--data before the command"
finish
