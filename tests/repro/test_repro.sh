# SPDX-License-Identifier: MIT
# Reproducible build: the sources copied to another path and built there
# (in another build directory) give the same qujat, qujat-serve and libqujat bytes as
# this build (which ctest runs after), and no binary holds the path of the sources or of the build.
# Run by ctest as: sh test_repro.sh SOURCE_DIR BUILD_DIR
set -u
SRC=$1
BUILD=$2
# Kept in the build directory so that a second run only rebuilds what
# changed; the copy's path is longer than the original's on purpose.
COPY=$BUILD/repro-test/a-much-longer-path-for-the-sources
OTHER=$BUILD/repro-test/and-another-build-directory
FAILED=0
fail() { echo "FAIL: $*"; FAILED=1; }

type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
shared=$(sed -n 's/^BUILD_SHARED_LIBS:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
case $type in
  Asan|Ubsan)
    # The sanitizers write the sources' paths into their checks' data.
    echo "skipped: a $type build is not meant to be reproducible"
    exit 77 ;;
esac
mkdir -p "$COPY" "$OTHER"
# tar keeps the times, so that make sees unchanged files as unchanged.
tar -C "$SRC" --exclude='./build*' --exclude=./.git --exclude='./samples/out' \
  -cf - . | tar -C "$COPY" -xf - || { echo "FAIL: cannot copy the sources"; exit 1; }
cmake -S "$COPY" -B "$OTHER" -DCMAKE_BUILD_TYPE="$type" \
  -DBUILD_SHARED_LIBS="${shared:-OFF}" -DBUILD_TESTING=OFF >"$OTHER.log" 2>&1 &&
  cmake --build "$OTHER" -j 2 --target qujat qujat_cli >>"$OTHER.log" 2>&1 ||
  { echo "FAIL: build failed"; tail -n 30 "$OTHER.log"; exit 1; }

for f in qujat qujat-serve src/libqujat.a src/libqujat.so.0.1.0; do
  [ -e "$BUILD/$f" ] || continue
  cmp -s "$BUILD/$f" "$OTHER/$f" ||
    fail "$f differs between $BUILD and $OTHER (objects: $(cd "$BUILD" && find . -name '*.o' -path '*qujat_internal*' | while read -r o; do cmp -s "$o" "$OTHER/$o" || printf '%s ' "$o"; done))"
  for dir in "$SRC" "$BUILD" "$COPY" "$OTHER"; do
    grep -qaF "$dir" "$BUILD/$f" "$OTHER/$f" && fail "$f holds the path $dir"
  done
done
[ "$FAILED" = 0 ] && echo ok
exit "$FAILED"
