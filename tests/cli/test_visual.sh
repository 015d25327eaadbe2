# SPDX-License-Identifier: MIT
# Visual regression: every tests/visual/<case>/args is run (from the case
# directory, as a golden case), its PDF rendered with pdftoppm -r 40 -gray
# and each page compared with the committed page-N.png within a tolerance
# (pngdiff.py: mean difference and share of pixels far off), so that a
# change of the layout that text extraction cannot see (a box, a rule, a
# column, a QR code, an overprint) is caught. QUJAT_UPDATE_VISUAL=1 writes
# the references instead: look at them before committing.
. "$2/cli/lib.sh"
VIS=$2/visual
command -v pdftoppm >/dev/null || { fail "pdftoppm is needed"; finish; }
for dir in "$VIS"/*/; do
  [ -f "$dir/args" ] || continue
  case=$(basename "$dir")
  (cd "$dir" && "$QUJAT" $(cat args) -o "$WORK/$case.pdf" 2>/dev/null) ||
    { fail "$case: qujat failed"; continue; }
  rm -f "$WORK/$case"-*.png
  pdftoppm -r 40 -gray -png "$WORK/$case.pdf" "$WORK/$case" || { fail "$case: pdftoppm"; continue; }
  n=0
  for png in "$WORK/$case"-*.png; do
    n=$((n + 1))
    ref=$dir/page-$n.png
    if [ "${QUJAT_UPDATE_VISUAL:-0}" = 1 ]; then
      cp "$png" "$ref"
      continue
    fi
    [ -f "$ref" ] || { fail "$case: page $n has no reference $ref"; continue; }
    msg=$(python3 "$VIS/pngdiff.py" "$ref" "$png") || fail "$case page $n: $msg"
  done
  [ -f "$dir/page-$((n + 1)).png" ] && [ "${QUJAT_UPDATE_VISUAL:-0}" != 1 ] &&
    fail "$case: $n pages, the references have more"
done
finish
