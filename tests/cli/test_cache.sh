# SPDX-License-Identifier: MIT
# The compiled catalog (catalog_cache.c) from the command line: the same
# bytes with the cache written, with it read, and without any cache
# (QUJAT_CACHE_DIR empty), for a checklist, a letter, a fee slip, a regime
# and the service list; the cache directory made 0700, its files 0600; a
# changed data file gives a new compiled catalog and its new text; a
# damaged one is not used and is replaced; the file index of a settled data
# directory names the compiled catalog, and a damaged index is not used.
. "$2/cli/lib.sh"

D="--date 2026-11-21"
SMITH=$PROFILES/smith-family.xml
CACHE=$WORK/cache/qujat

# outputs SUFFIX: every output of the list below as $WORK/NAME-SUFFIX.
outputs() {
  s=$1
  expect 0 "" checklist work-visa-invitation --lang kk --profile "$SMITH" $D --brief -o "$WORK/brief-$s.pdf"
  expect 0 "" checklist work-visa-invitation --lang ru --profile "$SMITH" $D -o "$WORK/full-$s.pdf"
  expect 0 "" checklist trp-employment --lang en --profile "$SMITH" $D --format json -o "$WORK/json-$s.json"
  expect 0 "" letter work-visa-invitation --lang kk --profile "$SMITH" $D -o "$WORK/letter-$s.pdf"
  expect 0 "" fees work-visa-invitation --lang ru --profile "$SMITH" $D -o "$WORK/fees-$s.pdf"
  expect 0 "" regime CN --lang kk $D
  cp "$WORK/out" "$WORK/regime-$s.txt"
  expect 0 "" list --lang en --format json
  cp "$WORK/out" "$WORK/list-$s.json"
}

same() { # same A B: every output of A and B is the same bytes
  for f in brief.pdf full.pdf json.json letter.pdf fees.pdf regime.txt list.json; do
    n=${f%.*} e=${f##*.}
    [ -s "$WORK/$n-$1.$e" ] || fail "$f: no output ($1)"
    cmp -s "$WORK/$n-$1.$e" "$WORK/$n-$2.$e" || fail "$f: $1 and $2 differ"
  done
}

QUJAT_CACHE_DIR= outputs none
[ -e "$CACHE" ] && fail "QUJAT_CACHE_DIR empty, yet a cache"
export QUJAT_CACHE_DIR=$CACHE
mkdir -p "$WORK/cache"
outputs first
ls "$CACHE"/model-* >/dev/null 2>&1 || fail "no compiled catalog in $CACHE"
[ "$(stat -c %a "$CACHE")" = 700 ] || fail "the cache directory is $(stat -c %a "$CACHE"), not 700"
for f in "$CACHE"/model-*; do
  [ "$(stat -c %a "$f")" = 600 ] || fail "$f is $(stat -c %a "$f"), not 600"
done
outputs cached
same none first
same none cached
# The data directory is settled (older than three seconds): its file index
# is written, and the outputs above read the compiled catalog through it.
[ "$(ls "$CACHE" | grep -c '^files-')" = 1 ] || fail "no file index of the data directory"
for f in "$CACHE"/files-*; do
  [ "$(stat -c %a "$f")" = 600 ] || fail "$f is $(stat -c %a "$f"), not 600"
  grep -q "^key $(ls "$CACHE" | grep '^model-' | sed 's/^model-//')\$" "$f" ||
    fail "$f does not name the compiled catalog"
done
[ "$(ls "$CACHE" | grep -c '^model-')" = 1 ] || fail "one data directory, more than one compiled catalog"

# A damaged compiled catalog: not used, the output as without a cache, and
# a good one written in its place.
for f in "$CACHE"/model-*; do
  head -c 100000 "$f" >"$f.cut" && mv "$f.cut" "$f" && chmod 600 "$f"
done
outputs damaged
same none damaged
for f in "$CACHE"/model-*; do
  [ "$(stat -c %s "$f")" -gt 100000 ] || fail "$f: the damaged file was not replaced"
done
outputs again
same none again

# A damaged file index: not used, the output as without it.
for f in "$CACHE"/files-*; do
  sed -i 's/^key .*/key 0123/' "$f"
done
outputs badindex
same none badindex

# A copy of the data with one title changed: a new compiled catalog, and
# the new text in the output.
DATA=$WORK/data
mkdir "$DATA"
cp -r "$QUJAT_DATA_DIR/services" "$QUJAT_DATA_DIR/locales" "$QUJAT_DATA_DIR/fonts" "$QUJAT_DATA_DIR/templates" "$DATA"
expect 0 "" --data "$DATA" list --lang en
cp "$WORK/out" "$WORK/list-copy.txt"
expect 0 "" --data "$DATA" list --lang en
cmp -s "$WORK/out" "$WORK/list-copy.txt" || fail "the copy's list differs when cached"
old=$(ls "$CACHE" | grep '^model-' | sort)
sed -i 's|<en>Employment visa</en>|<en>Employment visa (edited)</en>|' "$DATA/services/notes.xml"
grep -q "Employment visa (edited)" "$DATA/services/notes.xml" || fail "the test's edit did not apply"
expect 0 "^Employment visa \\(edited\\)" --data "$DATA" list --lang en
new=$(ls "$CACHE" | grep '^model-' | sort)
[ "$new" != "$old" ] || fail "a changed catalog file, no new compiled catalog"
[ "$(echo "$new" | wc -l)" = 2 ] || fail "one compiled catalog per data directory: $new"

# The source tree's index made to name the copy's compiled catalog (whose
# title is edited): not used, the source's own list.
index=$(ls "$CACHE" | grep '^files-')
tag=${index#files-}
copy_key=$(ls "$CACHE" | grep '^model-' | grep -v "^model-$tag" | sed 's/^model-//')
[ -n "$copy_key" ] || fail "no compiled catalog of the copy"
sed -i "s/^key .*/key $copy_key/" "$CACHE/$index"
expect 0 "" list --lang en
grep -q "(edited)" "$WORK/out" && fail "the index named another directory's compiled catalog, and it was used"
grep -q "^Employment visa" "$WORK/out" || fail "the source's list is not there"
finish
