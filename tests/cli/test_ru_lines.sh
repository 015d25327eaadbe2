# SPDX-License-Identifier: MIT
# Russian golden texts: no line ends in a one-letter preposition or
# conjunction or in a bare number (issue 11, typography); ru_lines.py reads
# every tests/golden/*-ru-*/expected.txt, so new cases are covered too.
# The check itself is shown to work on lines that break wrongly.
. "$2/cli/lib.sh"
python3 "$2/cli/ru_lines.py" "$2/golden" || fail "a Russian golden line breaks wrongly"
mkdir -p "$WORK/g/case-ru-x"
printf '%s\n' 'паспорт должен быть действителен не менее 3' 'месяцев после окончания' \
  'они подают документы вместе с' 'ним' > "$WORK/g/case-ru-x/expected.txt"
out=$(python3 "$2/cli/ru_lines.py" "$WORK/g") && fail "wrong breaks not found"
case $out in *"2 lines broken wrongly"*) ;; *) fail "expected 2 wrong breaks: $out" ;; esac
finish
