# SPDX-License-Identifier: MIT
# PDF output through the CLI, checked with poppler-utils and mupdf-tools:
# fonts embedded as subsets with a ToUnicode map, text that two extractors
# read back exactly (every Kazakh letter), metadata, determinism, stdout,
# and no half-written file on a full disk or a bad path.
. "$2/cli/lib.sh"
DATA=$(dirname "$TESTS")
PROFILE=$PROFILES/smith-family.xml
DATE=2026-11-21

for tool in pdffonts pdftotext pdfinfo mutool; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool is not installed"; exit 1; }
done

TITLE_KK="Қазақстан аумағында жұмыс визасын алу"
TITLE_RU="Получение рабочей визы на территории Казахстана"
TITLE_EN="Obtaining an employment visa within Kazakhstan"
# The PDF's title: the kind of paper, then the service (issue 17).
KIND_KK="Құжаттар тізбесі"
KIND_RU="Перечень документов"
KIND_EN="Checklist of documents"
HEAD_KK="Тапсырылатын құжаттар"
HEAD_RU="Документы, которые нужно представить"

# pdf LANG [ARGS...]: the work-visa checklist for the Smith family in LANG
# into $WORK/LANG.pdf; the exit status must be 0.
pdf() {
  lang=$1
  shift
  expect 0 "" checklist work-visa-in-kz --profile "$PROFILE" --date "$DATE" \
    --lang "$lang" -o "$WORK/$lang.pdf" "$@"
}

# extract FILE: FILE.poppler.txt and FILE.mupdf.txt; pdftotext must say
# nothing on stderr, mutool nothing but its ICC notice.
extract() {
  pdftotext -enc UTF-8 "$1" "$1.poppler.txt" 2>"$WORK/pdftotext.err" ||
    fail "pdftotext $1 failed"
  [ -s "$WORK/pdftotext.err" ] &&
    fail "pdftotext $1 complains: $(head -3 "$WORK/pdftotext.err")"
  mutool draw -q -F txt -o "$1.mupdf.txt" "$1" 2>"$WORK/mutool.err" ||
    fail "mutool draw $1 failed"
  grep -v 'ICC support is not available' "$WORK/mutool.err" | grep -q . &&
    fail "mutool $1 complains: $(head -3 "$WORK/mutool.err")"
}

# has_phrase FILE PHRASE: both extractions of FILE contain PHRASE.
has_phrase() {
  for tool in poppler mupdf; do
    grep -Fq -- "$2" "$1.$tool.txt" || fail "$tool does not find '$2' in $1"
  done
}

# has_line FILE LINE: both extractions of FILE have LINE as a whole line.
has_line() {
  for tool in poppler mupdf; do
    grep -Fxq -- "$2" "$1.$tool.txt" ||
      fail "$tool does not read the line '$2' in $1: $(grep -F -- "${2%% *}" "$1.$tool.txt")"
  done
}

# info FILE FIELD: the value of a pdfinfo field.
info() {
  pdfinfo -isodates "$1" | sed -n "s/^$2: *//p"
}

# (a) Exactly the two bundled fonts, embedded subsets with ToUnicode. --
pdf kk
[ -s "$WORK/kk.pdf" ] || { fail "no PDF at all: the rest cannot run"; finish; }
pdffonts "$WORK/kk.pdf" >"$WORK/fonts" 2>&1 || fail "pdffonts failed"
tail -n +3 "$WORK/fonts" >"$WORK/fonts.rows"
[ "$(wc -l <"$WORK/fonts.rows")" = 2 ] || { fail "not two fonts:"; cat "$WORK/fonts"; }
for face in Regular Bold; do
  grep -Eq "^[A-Z]{6}\+QujatSans-$face(,Bold)? " "$WORK/fonts.rows" ||
    fail "no subset of QujatSans-$face: $(cat "$WORK/fonts.rows")"
done
# emb, sub, uni: the columns before the object id.
awk '{ print $(NF-4), $(NF-3), $(NF-2) }' "$WORK/fonts.rows" | grep -vx 'yes yes yes' |
  grep -q . && fail "a font is not embedded/subset/unicode: $(cat "$WORK/fonts.rows")"

# (b) Clean extraction by both extractors, in every language. ---------
pdf ru
pdf en
pdf kk+ru
for lang in kk ru en kk+ru; do
  extract "$WORK/$lang.pdf"
done
has_phrase "$WORK/kk.pdf" "$TITLE_KK"
has_phrase "$WORK/kk.pdf" "$HEAD_KK"
has_phrase "$WORK/kk.pdf" "Құжаттар тізбесі"
has_phrase "$WORK/ru.pdf" "$TITLE_RU"
has_phrase "$WORK/ru.pdf" "$HEAD_RU"
has_phrase "$WORK/en.pdf" "$TITLE_EN"
has_phrase "$WORK/en.pdf" "Checklist of documents"
has_phrase "$WORK/kk+ru.pdf" "$TITLE_KK"
has_phrase "$WORK/kk+ru.pdf" "$HEAD_KK"
has_phrase "$WORK/kk+ru.pdf" "$HEAD_RU"
has_phrase "$WORK/kk+ru.pdf" "Перечень документов"

# (c) Every Kazakh letter comes back exactly. --------------------------
LETTERS="ӘҒҚҢӨҰҮҺІ әғқңөұүһі"
DIR=$WORK/data
mkdir "$DIR"
cp -R "$DATA/services" "$DATA/locales" "$DATA/fonts" "$DATA/color" "$DIR/"
cat >"$DIR/services/zz-letters.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- A test service whose Kazakh title holds every Kazakh-only letter. -->
<catalog xmlns="urn:qujat:catalog:1" updated="2026-11-21">
  <service id="zz-letters" group="other-services">
    <source ref="g2026" section="Test"/>
    <title>
      <kk>$LETTERS</kk>
      <ru>Все казахские буквы</ru>
      <en>Every Kazakh letter</en>
    </title>
    <description>
      <kk>Сынақ.</kk>
      <ru>Проверка.</ru>
      <en>A test.</en>
    </description>
    <steps>
      <step ref="portal-application"/>
    </steps>
    <documents>
      <item doc="stay-address"/>
      <item doc="company-eds"/>
    </documents>
    <fees edition="2025">
      <source ref="g2025" section="Test"/>
      <fee kind="service" kzt="20000"/>
    </fees>
    <fees edition="2026">
      <source ref="g2026" section="Test"/>
      <fee kind="service" kzt="20000"/>
    </fees>
    <timeframe min="30" unit="minute">
      <source ref="g2026" section="Test"/>
    </timeframe>
  </service>
</catalog>
EOF
expect 0 "zz-letters.xml: valid" --data "$DIR" validate "$DIR/services/zz-letters.xml"
expect 0 "" --data "$DIR" checklist zz-letters --lang kk --date "$DATE" -o "$WORK/letters.pdf"
extract "$WORK/letters.pdf"
has_line "$WORK/letters.pdf" "$LETTERS"
[ "$(info "$WORK/letters.pdf" Title)" = "$KIND_KK — $LETTERS" ] ||
  fail "letters.pdf: Title is '$(info "$WORK/letters.pdf" Title)'"

# (d) Determinism. -----------------------------------------------------
for lang in kk kk+ru; do
  cp "$WORK/$lang.pdf" "$WORK/first.pdf"
  pdf "$lang"
  cmp -s "$WORK/first.pdf" "$WORK/$lang.pdf" || fail "$lang: two runs differ"
done

# (e) Standard output. -------------------------------------------------
run checklist work-visa-in-kz --profile "$PROFILE" --date "$DATE" --lang kk -o -
[ "$STATUS" = 0 ] || fail "-o -: exit $STATUS"
[ "$(head -c 5 "$WORK/out")" = "%PDF-" ] || fail "-o - does not write a PDF"
cmp -s "$WORK/out" "$WORK/kk.pdf" || fail "-o - differs from -o FILE"
# Not a terminal, no -o: the PDF goes to stdout.
run checklist work-visa-in-kz --profile "$PROFILE" --date "$DATE" --lang kk
cmp -s "$WORK/out" "$WORK/kk.pdf" || fail "stdout (a file) did not get the PDF"
if command -v script >/dev/null && script -qec true /dev/null >/dev/null 2>&1; then
  script -qec "'$QUJAT' checklist work-visa-in-kz --date $DATE --lang kk" \
    /dev/null >"$WORK/tty" 2>&1 </dev/null
  status=$?
  [ "$status" = 2 ] || fail "PDF to a terminal: exit $status, expected 2"
  grep -q "PDF терминалға шығарылмайды" "$WORK/tty" ||
    fail "PDF to a terminal: no refusal: $(head -c 200 "$WORK/tty")"
  grep -aq "%PDF" "$WORK/tty" && fail "PDF bytes went to the terminal"
else
  echo "skipped: no usable script(1) for the terminal case"
fi

# (f) Metadata. --------------------------------------------------------
for pair in "kk:$KIND_KK — $TITLE_KK" "ru:$KIND_RU — $TITLE_RU" \
            "en:$KIND_EN — $TITLE_EN" "kk+ru:$KIND_KK — $TITLE_KK"; do
  lang=${pair%%:*}
  want=${pair#*:}
  file=$WORK/$lang.pdf
  [ "$(info "$file" Title)" = "$want" ] || fail "$lang: Title is '$(info "$file" Title)'"
  info "$file" Creator | grep -Eq '^qujat [0-9]+\.[0-9]+\.[0-9]+$' ||
    fail "$lang: Creator is '$(info "$file" Creator)'"
  pages=$(info "$file" Pages)
  [ "${pages:-0}" -ge 1 ] || fail "$lang: $pages pages"
  info "$file" CreationDate | grep -q "^$DATE" ||
    fail "$lang: CreationDate is '$(info "$file" CreationDate)'"
done

# (g) A full disk leaves nothing behind. -------------------------------
FULL=$WORK/full
if [ "$(id -u)" != 0 ]; then
  echo "skipped: disk-full needs root"
elif mkdir "$FULL" && mount -t tmpfs -o size=40k tmpfs "$FULL" 2>/dev/null; then
  # Always unmount, also when ctest's timeout kills the test.
  trap 'umount "$FULL" 2>/dev/null; rm -rf "$WORK"' EXIT
  trap 'exit 1' INT TERM HUP
  # The PDF is about 30 KB: leave 12 KB.
  dd if=/dev/zero of="$FULL/filler" bs=1024 count=28 2>/dev/null
  expect 1 "cannot write|No space" checklist work-visa-in-kz --profile "$PROFILE" \
    --date "$DATE" --lang kk -o "$FULL/out.pdf"
  [ "$(ls -A "$FULL")" = filler ] || fail "left on the full disk: $(ls -A "$FULL")"
  # The control: with room, the same command writes the same PDF there.
  rm "$FULL/filler"
  expect 0 "" checklist work-visa-in-kz --profile "$PROFILE" --date "$DATE" \
    --lang kk -o "$FULL/out.pdf"
  cmp -s "$FULL/out.pdf" "$WORK/kk.pdf" || fail "the tmpfs copy differs"
  umount "$FULL" || fail "cannot unmount $FULL"
else
  echo "skipped: cannot mount a tmpfs for the disk-full case"
fi

# (h) Bad targets. -----------------------------------------------------
expect 1 "cannot create" checklist work-visa-in-kz --date "$DATE" --lang kk \
  -o "$WORK/no-such-dir/out.pdf"
[ -e "$WORK/no-such-dir" ] && fail "a directory appeared"
before=$(ls /dev | grep -c '^null\.tmp-')
# A device is written into, never renamed over (issue 12).
expect 0 "" checklist work-visa-in-kz --date "$DATE" --lang kk -o /dev/null
[ -c /dev/null ] || fail "/dev/null is no longer a device"
[ "$(ls /dev | grep -c '^null\.tmp-')" = "$before" ] ||
  fail "a temporary file was made in /dev"
finish
