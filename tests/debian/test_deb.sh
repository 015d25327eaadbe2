# SPDX-License-Identifier: MIT
# The Debian package: dpkg-buildpackage -us -uc -b on a copy of the sources
# builds qujat, libqujat0.1 (as the SONAME says), libqujat-dev and
# qujat-data; unpacked into a scratch root they write the same checklist
# PDF as this build; lintian (when present) reports no error.
# Run by ctest as: sh test_deb.sh SOURCE_DIR BUILD_DIR QUJAT
# Exit 77 (ctest: skipped) without dpkg-buildpackage or debhelper.
set -u
SRC=$1
BUILD=$2
QUJAT=$3
for tool in dpkg-buildpackage dh dpkg-deb; do
  command -v "$tool" >/dev/null || {
    echo "skipped: $tool is missing (scripts/deps.sh installs debhelper, dpkg-dev, lintian)"
    exit 77
  }
done
FAILED=0
fail() { echo "FAIL: $*"; FAILED=1; }
WORK=$BUILD/deb-test
rm -rf "$WORK"
mkdir -p "$WORK/qujat-0.1.0" "$WORK/root"
tar -C "$SRC" --exclude='./build*' --exclude=./.git --exclude='./samples/out' \
  --exclude='./obj-*' -cf - . | tar -C "$WORK/qujat-0.1.0" -xf - ||
  { echo "FAIL: cannot copy the sources"; exit 1; }
(cd "$WORK/qujat-0.1.0" &&
  DEB_BUILD_OPTIONS="parallel=2 ${DEB_BUILD_OPTIONS:-}" \
    dpkg-buildpackage -us -uc -b) >"$WORK/build.log" 2>&1 ||
  { echo "FAIL: dpkg-buildpackage failed"; tail -n 40 "$WORK/build.log"; exit 1; }

arch=$(dpkg --print-architecture)
for deb in "qujat_0.1.0_$arch" "libqujat0.1_0.1.0_$arch" \
           "libqujat-dev_0.1.0_$arch" "qujat-data_0.1.0_all"; do
  if [ -f "$WORK/$deb.deb" ]; then
    dpkg -x "$WORK/$deb.deb" "$WORK/root"
  else
    fail "no $deb.deb (got: $(cd "$WORK" && ls ./*.deb | tr '\n' ' '))"
  fi
done
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
lib=$WORK/root/usr/lib/$multiarch
soname=$(readelf -d "$lib/libqujat.so.0.1" 2>/dev/null | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
[ "$soname" = libqujat.so.0.1 ] || fail "SONAME '$soname', expected libqujat.so.0.1"
dpkg-deb -f "$WORK/qujat_0.1.0_$arch.deb" Depends | grep -q "libqujat0.1" ||
  fail "qujat does not depend on libqujat0.1"
grep -q '^prefix=/usr$' "$lib/pkgconfig/qujat.pc" || fail "qujat.pc: $(head -n 1 "$lib/pkgconfig/qujat.pc")"
[ -f "$WORK/root/usr/share/qujat/fonts/LICENSE-ParaType.txt" ] || fail "the fonts' licence is not installed"
[ -f "$WORK/root/usr/share/doc/qujat/copyright" ] || fail "no copyright file"

# The packaged command, run from the scratch root, finds its data there.
env -u QUJAT_DATA_DIR LD_LIBRARY_PATH="$lib" "$WORK/root/usr/bin/qujat" \
  checklist work-visa-in-kz --date 2026-03-03 --lang kk -o "$WORK/x.pdf" \
  2>"$WORK/err" || { fail "the packaged qujat failed"; cat "$WORK/err"; }
head -c 5 "$WORK/x.pdf" | grep -q '%PDF-' || fail "x.pdf is not a PDF"
"$QUJAT" checklist work-visa-in-kz --date 2026-03-03 --lang kk -o "$WORK/y.pdf" ||
  fail "this build's qujat failed"
cmp -s "$WORK/x.pdf" "$WORK/y.pdf" || fail "the packaged qujat writes other bytes than this build"
# qujat serve runs the packaged server program, which finds the data too
# (it loads the catalog before it reads --listen).
[ -x "$WORK/root/usr/libexec/qujat/qujat-serve" ] || fail "no usr/libexec/qujat/qujat-serve"
env -u QUJAT_DATA_DIR LD_LIBRARY_PATH="$lib" "$WORK/root/usr/bin/qujat" \
  serve --listen none >/dev/null 2>"$WORK/err"
st=$?
[ "$st" = 2 ] && grep -q "^qujat serve: --listen 'none' is not ADDR:PORT" "$WORK/err" ||
  { fail "the packaged qujat serve (exit $st)"; cat "$WORK/err"; }

if command -v lintian >/dev/null; then
  lintian --no-tag-display-limit "$WORK"/qujat_0.1.0_"$arch".changes >"$WORK/lintian" 2>&1
  if grep -q '^E:' "$WORK/lintian"; then
    fail "lintian errors:"
    grep '^E:' "$WORK/lintian"
  fi
  grep '^W:' "$WORK/lintian" | sed 's/^/  lintian: /'
else
  echo "lintian is missing: not checked"
fi
[ "$FAILED" = 0 ] && { echo ok; rm -rf "$WORK"; }
exit "$FAILED"
