# SPDX-License-Identifier: MIT
# qujat regime, stay, categories: exit codes, messages, help.
. "$2/cli/lib.sh"

expect 0 "Entry regime for citizens of United Kingdom \(GB\)" regime GB --date 2026-11-21
expect 0 "Rules change: check before you travel" regime "United Kingdom" --date 2026-11-21
expect 0 "Индия \(IN\)|Үндістан|India" regime Индия --date 2026-11-21 --lang ru
expect 2 "unknown country 'XX'" regime XX --date 2026-11-21
expect 2 "needs exactly one COUNTRY" regime --date 2026-11-21
expect 2 "needs exactly one COUNTRY" regime GB US --date 2026-11-21
expect 2 "'2026-13-01' is not a date" regime GB --date 2026-13-01
expect 2 "unknown format .pdf.: expected text or json" regime GB --date 2026-11-21 --format pdf
expect 2 "unknown language 'de'" regime GB --lang de --date 2026-11-21
expect 0 "^Usage: qujat regime COUNTRY" regime --help
expect 0 "^Usage: qujat regime COUNTRY" help regime

expect 0 "55 of 90 days used, 35 left" stay --citizenship GB --entry 2026-06-01 --exit 2026-06-25 --entry 2026-08-01 --exit 2026-08-30 --on 2026-09-20 --date 2026-11-21
expect 0 "6 days after the last legal day" stay --citizenship GB --entry 2026-08-01 --exit 2026-08-30 --start 2026-10-01 --exit-on 2026-11-05 --date 2026-11-21
expect 2 "an --exit for every --entry" stay --citizenship GB --entry 2026-05-01 --date 2026-06-01
expect 2 "an --exit for every --entry" stay --entry 2026-05-01 --exit 2026-05-04 --date 2026-06-01
expect 2 "--exit 2026-05-04 comes before its --entry" stay --citizenship GB --exit 2026-05-04 --date 2026-06-01
expect 2 "exit is before the entry" stay --citizenship GB --entry 2026-05-01 --exit 2026-04-01 --date 2026-06-01
expect 2 "must be YYYY-MM-DD" stay --citizenship GB --entry 2026-05-01 --exit 2026-05-40 --date 2026-06-01
expect 2 "unknown country 'ZZ'" stay --citizenship ZZ --entry 2026-05-01 --exit 2026-05-04 --date 2026-06-01
expect 2 "--on needs a value" stay --citizenship GB --entry 2026-05-01 --exit 2026-05-04 --on
expect 0 "^Usage: qujat stay --citizenship CC" stay --help
expect 0 "^Usage: qujat stay --citizenship CC" help stay

expect 0 "C3 +work visa" categories
expect 2 "categories takes no arguments" categories extra
expect 0 "^Usage: qujat categories" categories --help
expect 0 "^Usage: qujat categories" help categories

# No line of the text answers is wider than 78 characters.
for args in "regime GB --lang kk" "regime CN --lang ru" "categories --lang kk" \
    "stay --citizenship IN --entry 2026-10-01 --exit 2026-10-10 --start 2026-11-01 --exit-on 2026-11-20 --lang ru"; do
  # shellcheck disable=SC2086
  run $args --date 2026-11-21
  wide=$(LC_ALL=C.UTF-8 wc -L < "$WORK/out")
  [ "$wide" -le 78 ] || fail "qujat $args: a line $wide columns wide"
done
finish
