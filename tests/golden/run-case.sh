#!/bin/sh
# Runs one golden case: tests/golden/<case>/args holds the qujat arguments
# (one line, run from the case directory, so a shared profile is named
# ../../data/profiles/NAME.xml; a profile.xml in the case directory is
# passed as --profile), expected.txt the exact output. QUJAT_UPDATE_GOLDEN=1 rewrites expected.txt instead.
# For PDF cases (args ending in "--format pdf" or none) the text that
# pdftotext extracts is compared.
set -eu
qujat=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$dir"
args=$(cat args)
profile=
[ -f profile.xml ] && profile="--profile profile.xml"

case " $args " in
  *" --format text "*|*" --format json "*) kind=text ;;
  *) kind=pdf ;;
esac

# shellcheck disable=SC2086
if [ "$kind" = text ]; then
  "$qujat" $args $profile > "$tmp/out.txt" 2> "$tmp/err.txt" || {
    echo "qujat failed:"; cat "$tmp/err.txt"; exit 1; }
else
  "$qujat" $args $profile -o "$tmp/out.pdf" 2> "$tmp/err.txt" || {
    echo "qujat failed:"; cat "$tmp/err.txt"; exit 1; }
  pdftotext -q -layout -enc UTF-8 "$tmp/out.pdf" "$tmp/out.txt"
fi

if [ "${QUJAT_UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$tmp/out.txt" expected.txt
  echo "updated $dir/expected.txt"
  exit 0
fi
if ! diff -u expected.txt "$tmp/out.txt"; then
  echo "golden mismatch in $dir (QUJAT_UPDATE_GOLDEN=1 rewrites it)"
  exit 1
fi
