# SPDX-License-Identifier: MIT
# The brief form for the window fits one A4 page for a family of four
# (issue 11): every service `qujat list` names, in kk, ru, en and kk+ru,
# on a pinned date. And it prints a reason once: a later document asked
# for the same reason refers to the first by its number, in each language.
. "$2/cli/lib.sh"
PROFILE=$PROFILES/smith-family-four.xml
DATE=2026-11-21

command -v pdfinfo >/dev/null || { echo "FAIL: pdfinfo is not installed"; exit 1; }
command -v pdftotext >/dev/null || { echo "FAIL: pdftotext is not installed"; exit 1; }

"$QUJAT" list --lang en >"$WORK/list" 2>"$WORK/err" || fail "qujat list failed"
# The ids: the indented lines under each section's title.
awk '/^  [a-z0-9-]+ /{ print $1 }' "$WORK/list" >"$WORK/ids"
count=$(wc -l <"$WORK/ids")
[ "$count" -ge 23 ] || fail "qujat list names $count services, expected at least 23"

while read -r id; do
  for lang in kk ru en kk+ru; do
    out=$WORK/$id-$lang.pdf
    if ! "$QUJAT" checklist "$id" --lang "$lang" --date "$DATE" \
        --profile "$PROFILE" --brief -o "$out" 2>"$WORK/err"; then
      fail "checklist $id --lang $lang --brief failed: $(head -1 "$WORK/err")"
      continue
    fi
    pages=$(pdfinfo "$out" 2>/dev/null | sed -n 's/^Pages: *//p')
    [ "$pages" = 1 ] ||
      fail "the brief form of $id in $lang for four persons has ${pages:-no} pages, expected 1"
  done
done <"$WORK/ids"

# trp-employment asks eight documents because of the spouse's permit: the
# reason in full under the first (item 4), a reference under the others.
for lang in kk ru en kk+ru; do
  pdftotext -q -enc UTF-8 "$WORK/trp-employment-$lang.pdf" "$WORK/trp-$lang.txt"
done
n=$(grep -c "Требуется по той же причине, что и п. 4\." "$WORK/trp-ru.txt")
[ "$n" -ge 6 ] || fail "ru: $n references to item 4's reason, expected at least 6"
n=$(grep -c "Требуется, так как SMITH JANE" "$WORK/trp-ru.txt")
[ "$n" = 1 ] || fail "ru: the spouse's reason printed $n times, expected once"
n=$(grep -c "4-тармақтағы себеппен талап етіледі\." "$WORK/trp-kk.txt")
[ "$n" -ge 6 ] || fail "kk: $n references to item 4's reason, expected at least 6"
n=$(grep -c "Required for the same reason as item 4\." "$WORK/trp-en.txt")
[ "$n" -ge 6 ] || fail "en: $n references to item 4's reason, expected at least 6"
grep -q "4-тармақтағы себеппен талап етіледі\." "$WORK/trp-kk+ru.txt" &&
  grep -q "Требуется по той же причине, что и п. 4\." "$WORK/trp-kk+ru.txt" ||
  fail "kk+ru: no reference to item 4's reason in both columns"
finish
