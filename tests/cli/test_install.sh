# SPDX-License-Identifier: MIT
# An installed qujat works wherever it was installed or moved to: the
# command finds its data, and a program builds and runs against the
# library, with pkg-config and with find_package(qujat), for a static
# library (this build) and a shared one (a second build tree kept in the
# build directory, so that later runs only rebuild what changed). The prefix
# is chosen at install time (cmake --install --prefix), not at configure
# time, and the tree is moved afterwards.
. "$2/cli/lib.sh"
BUILD=$(dirname "$3")
SRC=$(dirname "$2")
CONSUMER=$2/install
unset QUJAT_DATA_DIR

# An instrumented static library needs an instrumented program.
SAN=
case $(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt") in
  Asan) SAN="-fsanitize=address,undefined" ;;
  Ubsan) SAN="-fsanitize=undefined" ;;
esac

libdir_of() { # PREFIX -> its lib directory (lib, lib64, lib/<multiarch>)
  for d in "$1"/lib*/ "$1"/lib/*/; do
    [ -f "$d/pkgconfig/qujat.pc" ] && { echo "${d%/}"; return; }
  done
}

# with_pkgconfig NAME PREFIX STATIC: builds the program with the flags
# qujat.pc gives and runs it on the data directory qujat.pc names.
with_pkgconfig() {
  name=$1 prefix=$2 static=$3
  lib=$(libdir_of "$prefix")
  export PKG_CONFIG_PATH=$lib/pkgconfig
  flags=$(pkg-config --cflags qujat) && libs=$(pkg-config $static --libs qujat) &&
    data=$(pkg-config --variable=datadir qujat) ||
    { fail "$name: pkg-config cannot read qujat.pc"; return; }
  case $data in "$prefix"/*) ;; *) fail "$name: datadir=$data is outside $prefix" ;; esac
  # shellcheck disable=SC2086
  cc $SAN $flags -o "$WORK/$name" "$CONSUMER/consumer.c" $libs 2>"$WORK/err" ||
    { fail "$name: cc \$(pkg-config $static --cflags --libs qujat) failed"; sed 's/^/  /' "$WORK/err"; return; }
  LD_LIBRARY_PATH=$lib "$WORK/$name" "$data" >"$WORK/out" 2>"$WORK/err" ||
    { fail "$name: the program failed"; sed 's/^/  /' "$WORK/err"; return; }
  grep -q "bytes of PDF" "$WORK/out" || fail "$name: no PDF"
  unset PKG_CONFIG_PATH
}

# with_cmake NAME PREFIX: find_package(qujat) with CMAKE_PREFIX_PATH=PREFIX.
with_cmake() {
  name=$1 prefix=$2
  lib=$(libdir_of "$prefix")
  cmake -S "$CONSUMER" -B "$WORK/$name" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS="$SAN" \
    -DCMAKE_EXE_LINKER_FLAGS="$SAN" >"$WORK/err" 2>&1 &&
    cmake --build "$WORK/$name" >>"$WORK/err" 2>&1 ||
    { fail "$name: find_package(qujat) build failed"; sed 's/^/  /' "$WORK/err"; return; }
  data=$(cat "$WORK/$name/datadir.txt")
  case $data in "$prefix"/*) ;; *) fail "$name: qujat_DATA_DIR=$data is outside $prefix" ;; esac
  LD_LIBRARY_PATH=$lib "$WORK/$name/consumer" "$data" >"$WORK/out" 2>"$WORK/err" ||
    { fail "$name: the program failed"; sed 's/^/  /' "$WORK/err"; }
}

# --- static: this build ----------------------------------------------------
cmake --install "$BUILD" --prefix "$WORK/prefix" >/dev/null || fail "install failed"
grep -q '^prefix=/' "$(libdir_of "$WORK/prefix")/pkgconfig/qujat.pc" &&
  fail "qujat.pc has a fixed prefix"
"$WORK/prefix/bin/qujat" list >"$WORK/out" 2>"$WORK/err" \
  || { fail "installed qujat cannot list"; cat "$WORK/err"; }
grep -q "work-visa-in-kz" "$WORK/out" || fail "installed list lacks a service"
[ -f "$WORK/prefix/share/man/man1/qujat.1" ] || fail "man page not installed"
[ -f "$WORK/prefix/share/doc/qujat/LICENSE" ] || fail "LICENSE not installed"
[ -f "$WORK/prefix/share/qujat/fonts/LICENSE-ParaType.txt" ] || fail "the fonts' licence not installed"
[ -f "$WORK/prefix/include/qujat/qujat.h" ] || fail "header not installed"
with_pkgconfig static-pc "$WORK/prefix" --static

mv "$WORK/prefix" "$WORK/moved"
"$WORK/moved/bin/qujat" checklist iin --format text --date 2026-03-03 \
  >"$WORK/out" 2>"$WORK/err" || { fail "moved install cannot find its data"; cat "$WORK/err"; }
with_pkgconfig static-pc-moved "$WORK/moved" --static
with_cmake static-cmake-moved "$WORK/moved"

# The fonts, templates and schemas are installed too: a PDF, a letter and
# a batch from the moved tree.
"$WORK/moved/bin/qujat" checklist iin --lang kk \
  --date 2026-03-03 -o "$WORK/iin.pdf" 2>"$WORK/err" ||
  { fail "moved install cannot render a PDF"; cat "$WORK/err"; }
"$WORK/moved/bin/qujat" letter work-visa-invitation \
  --profile "$PROFILES/smith-family.xml" --date 2026-03-03 \
  -o "$WORK/letter.pdf" 2>"$WORK/err" ||
  { fail "moved install cannot write a letter"; cat "$WORK/err"; }
printf '%s\n' '<jobs xmlns="urn:qujat:jobs:1" date="2026-03-03">' \
  '  <job id="1" document="checklist" service="iin" lang="ru" output="iin-ru.pdf"/>' \
  '</jobs>' >"$WORK/jobs.xml"
"$WORK/moved/bin/qujat" validate "$WORK/jobs.xml" \
  >/dev/null 2>"$WORK/err" ||
  { fail "moved install cannot validate a job file"; cat "$WORK/err"; }
"$WORK/moved/bin/qujat" batch "$WORK/jobs.xml" \
  -o "$WORK/batch" 2>"$WORK/err" && [ -s "$WORK/batch/iin-ru.pdf" ] ||
  { fail "moved install cannot run a batch"; cat "$WORK/err"; }

# qujat serve executes the installed libexec/qujat/qujat-serve, which finds
# the data of its tree (it loads the catalog before it reads --listen).
# serve_found TREE: checks that.
serve_found() {
  [ -x "$BUILD/qujat-serve" ] || return 0
  [ -x "$1/libexec/qujat/qujat-serve" ] || { fail "$1: no libexec/qujat/qujat-serve"; return; }
  "$1/bin/qujat" serve --listen none >/dev/null 2>"$WORK/err"
  st=$?
  [ "$st" = 2 ] && grep -q "^qujat serve: --listen 'none' is not ADDR:PORT" "$WORK/err" ||
    { fail "$1: qujat serve does not run its qujat-serve (exit $st)"; cat "$WORK/err"; }
}
serve_found "$WORK/moved"

QUJAT_DATA_DIR=$WORK/nowhere "$WORK/moved/bin/qujat" list >/dev/null 2>&1 \
  && fail "a bad QUJAT_DATA_DIR must be an error"
"$WORK/moved/bin/qujat" --data "$WORK/moved/share/qujat" list >/dev/null \
  || fail "--data before the command"
rm -rf "$WORK/moved"

# --- shared: a build of its own ---------------------------------------------
SHARED=$BUILD/install-test-shared
cmake -S "$SRC" -B "$SHARED" -DBUILD_SHARED_LIBS=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=Debug >"$WORK/err" 2>&1 &&
  cmake --build "$SHARED" -j 2 --target qujat qujat_cli >>"$WORK/err" 2>&1 ||
  { fail "shared build failed"; tail -n 30 "$WORK/err"; finish; }
cmake --install "$SHARED" --prefix "$WORK/shared" >/dev/null || fail "shared install failed"
lib=$(libdir_of "$WORK/shared")
soname=$(readelf -d "$lib/libqujat.so" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')
[ "$soname" = "libqujat.so.0.1" ] || fail "SONAME is '$soname', expected libqujat.so.0.1"
[ -f "$lib/libqujat.so.0.1.0" ] || fail "no libqujat.so.0.1.0"
grep -q "Libs.private\|Requires.private" "$lib/pkgconfig/qujat.pc" &&
  fail "a shared qujat.pc needs no private dependencies"
with_pkgconfig shared-pc "$WORK/shared" ""
mv "$WORK/shared" "$WORK/shared-moved"
with_pkgconfig shared-pc-moved "$WORK/shared-moved" ""
with_cmake shared-cmake-moved "$WORK/shared-moved"
# The library finds the data of its own tree, moved or not.
lib=$(libdir_of "$WORK/shared-moved")
LD_LIBRARY_PATH=$lib "$WORK/shared-cmake-moved/consumer" >"$WORK/out" 2>"$WORK/err" ||
  { fail "qujat_default_data_dir() misses the moved tree's data"; cat "$WORK/err"; }
grep -q "$WORK/shared-moved/" "$WORK/out" || fail "default data dir: $(cat "$WORK/out")"
"$WORK/shared-moved/bin/qujat" checklist iin --format text --date 2026-03-03 \
  >/dev/null 2>"$WORK/err" || { fail "the shared qujat cannot run from its moved tree"; cat "$WORK/err"; }
serve_found "$WORK/shared-moved"
finish
