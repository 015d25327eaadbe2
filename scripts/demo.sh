#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Quick start 1/2: installs what is missing, builds qujat, and renders the
# sample documents into samples/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build.sh build
qujat=build/qujat
out=samples/out
rm -rf "$out"
mkdir -p "$out"
date=2026-11-21

"$qujat" list > "$out/services.txt"
"$qujat" list --lang kk --format json > "$out/services-kk.json"
for lang in en kk ru kk+ru; do
  name=${lang/+/-}
  "$qujat" checklist work-visa-in-kz --profile samples/profiles/smith-family.xml \
    --lang "$lang" --date "$date" -o "$out/smith-checklist-$name.pdf"
done
"$qujat" checklist work-visa-in-kz --profile samples/profiles/smith-family.xml \
  --date "$date" --format text -o "$out/smith-checklist-en.txt"
"$qujat" checklist work-visa-in-kz --profile samples/profiles/smith-family.xml \
  --date "$date" --format json -o "$out/smith-checklist-en.json" 2>/dev/null
"$qujat" checklist work-visa-invitation --lang en --date "$date" \
  -o "$out/generic-work-invitation-en.pdf"
"$qujat" checklist permanent-residence --lang kk --date "$date" \
  -o "$out/generic-permanent-residence-kk.pdf"
"$qujat" show permanent-residence --lang ru --date "$date" > "$out/permanent-residence-ru.txt"
"$qujat" checklist work-visa-invitation --profile samples/profiles/smith-family.xml \
  --lang kk --date "$date" --brief -o "$out/smith-window-kk.pdf"
"$qujat" fees work-visa-in-kz --profile samples/profiles/smith-family.xml \
  --lang kk --date "$date" -o "$out/smith-fees-kk.pdf"
"$qujat" fees --fine late-notification --size small --lang ru --date "$date" \
  > "$out/fine-late-notification-ru.txt"
"$qujat" letter work-visa-invitation --profile samples/profiles/smith-family.xml \
  --lang ru --date "$date" -o "$out/smith-letter-ru.pdf"
# A batch: the jobs of samples/jobs.xml and samples/jobs.csv, with manifests.
"$qujat" batch samples/jobs.xml -o "$out/batch" --date "$date"
"$qujat" batch samples/jobs.csv -o "$out/batch" --date "$date" \
  --manifest "$out/batch/manifest-csv.csv"

echo
echo "qujat is built: build/qujat (try: build/qujat --help)"
echo "Sample documents are in $(pwd)/$out:"
(cd "$out" && find . -type f | sed 's|^\./|  |' | sort)
