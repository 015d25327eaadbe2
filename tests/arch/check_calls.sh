#!/bin/sh
# SPDX-License-Identifier: MIT
# The architecture as a test, on the compiled library: which file calls
# which, read from the object files' symbols (nm). Fails when a module calls
# one above it (base <- catalog <- rules <- layout <- pdf/render <- batch)
# or when the files' calls form a circle (tsort finds loops), so no lower
# layer can reach a higher one even without including its header.
# Usage: check_calls.sh OBJECT_DIR   (the qujat_internal target's lib/ dir)
set -u
dir=${1:?usage: check_calls.sh OBJECT_DIR}
[ -d "$dir" ] || { echo "calls: no object directory $dir"; exit 2; }
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

rank() {
  case $1 in
    base) echo 0 ;; catalog) echo 1 ;; rules) echo 2 ;; layout) echo 3 ;;
    pdf | render) echo 4 ;; batch) echo 5 ;; *) echo 99 ;;
  esac
}

# file id: module/name, from .../lib/<module>/<name>.c.o
find "$dir" -mindepth 2 -maxdepth 2 -name '*.c.o' | sort > "$tmp/objs"
[ -s "$tmp/objs" ] || { echo "calls: no object files under $dir"; exit 2; }
while read -r o; do
  id=$(echo "$o" | sed 's|.*/\([^/]*\)/\([^/]*\)\.c\.o$|\1/\2|')
  nm --defined-only -g "$o" | awk -v id="$id" 'NF == 3 {print $3, id}'
done < "$tmp/objs" | sort > "$tmp/defs"
while read -r o; do
  id=$(echo "$o" | sed 's|.*/\([^/]*\)/\([^/]*\)\.c\.o$|\1/\2|')
  nm -u "$o" | awk -v id="$id" '{print $NF, id}'
done < "$tmp/objs" | sort > "$tmp/uses"
# caller callee, each edge once
join "$tmp/uses" "$tmp/defs" | awk '$2 != $3 {print $2, $3}' | sort -u > "$tmp/edges"

bad=0
while read -r from to; do
  fm=${from%%/*}; tm=${to%%/*}
  if [ "$(rank "$fm")" -lt "$(rank "$tm")" ] ||
     { [ "$fm" != "$tm" ] && [ "$(rank "$fm")" -eq "$(rank "$tm")" ]; }; then
    echo "calls: $from calls $to: $fm may not call $tm"
    bad=1
  fi
done < "$tmp/edges"

if ! tsort "$tmp/edges" > /dev/null 2> "$tmp/loops"; then
  echo "calls: the files call each other in a circle:"
  sed 's/^/  /' "$tmp/loops"
  bad=1
fi
[ "$bad" -eq 0 ] || { echo "calls: FAILED"; exit 1; }
echo "calls: $(wc -l < "$tmp/edges") calls between files, all one way"
