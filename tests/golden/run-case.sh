#!/bin/sh
# Runs one golden case: tests/golden/<case>/args holds the qujat arguments
# (one line, run from the case directory, so a shared profile is named
# ../../data/profiles/NAME.xml; a profile.xml in the case directory is
# passed as --profile), expected.txt the exact output. QUJAT_UPDATE_GOLDEN=1 rewrites expected.txt instead.
# For PDF cases (args ending in "--format pdf" or none) the text that
# pdftotext extracts is compared; a file `pages` holds the number of pages
# the PDF must have (e.g. 1: the brief form fits one page), and a file `qr`
# either "none" (no code may be on any page: zbarimg finds none) or an
# extended regex the decoded code must match.
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
  if [ -f pages ]; then
    want=$(cat pages)
    got=$(pdfinfo "$tmp/out.pdf" | sed -n 's/^Pages: *//p')
    [ "$got" = "$want" ] || { echo "$dir: $got pages, expected $want"; exit 1; }
  fi
  if [ -f qr ]; then
    command -v zbarimg >/dev/null || { echo "$dir: zbarimg (zbar-tools) is needed"; exit 1; }
    pdftoppm -r 150 -png "$tmp/out.pdf" "$tmp/page"
    : > "$tmp/qr.txt"
    for png in "$tmp"/page*.png; do
      zbarimg --quiet --raw "$png" >> "$tmp/qr.txt" 2>/dev/null || true
    done
    if [ "$(cat qr)" = none ]; then
      [ -s "$tmp/qr.txt" ] && { echo "$dir: a code on the page: $(cat "$tmp/qr.txt")"; exit 1; }
    else
      grep -Eq -- "$(cat qr)" "$tmp/qr.txt" || {
        echo "$dir: the code says '$(cat "$tmp/qr.txt")', expected /$(cat qr)/"; exit 1; }
    fi
  fi
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
