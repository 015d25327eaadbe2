# SPDX-License-Identifier: MIT
# qujat serve: every error of the API in one language, the request's
# (lang=, else Accept-Language) or English for a client that did not ask:
# the server's own messages and the library's (a profile XML that does not
# parse or fails its schema, a letter whose checks fail, with the list of
# problems), with curl. A Kazakh or Russian message has no English word
# (XML names, parameter names and values quoted from the request aside);
# an English one has no Cyrillic; Kazakh and Russian differ.
. "$2/cli/lib.sh"
. "$2/cli/serve_lib.sh"
serve_skip_unless_built
command -v python3 >/dev/null || { echo "SKIP: no python3"; exit 0; }
serve_start --threads 2 --date 2026-11-21

head -c 300000 /dev/zero | tr '\0' a >"$WORK/big"
# req NAME STATUS PATH [CURL ARGS...]: one error, its body in $WORK/r-NAME.
req() {
  name=$1 want=$2 path=$3
  shift 3
  got=$(curl -s --path-as-is -o "$WORK/r-$name" -w '%{http_code} %{content_type}' "$@" "$BASE$path")
  [ "$got" = "$want $JSON" ] || fail "$name $path: got '$got', expected $want JSON"
}
XML='Content-Type: application/xml'
CYR='<profile xmlns="urn:qujat:profile:1"><applicant surname="Иванов" given-names="A"/></profile>'
for L in kk ru en none ru-header; do
  case $L in
    none) q= ; h='X-None: 1' ;;
    ru-header) q= ; h='Accept-Language: ru-RU,ru;q=0.9,en;q=0.5' ;;
    *) q="lang=$L&" ; h='X-None: 1' ;;
  esac
  req "$L.service" 404 "/api/checklist?${q}service=nope" -H "$h"
  req "$L.unknown" 400 "/api/checklist?${q}service=iin&x=1" -H "$h"
  req "$L.value" 400 "/api/fees?${q}service=iin&format=exe" -H "$h"
  req "$L.date" 400 "/api/checklist?${q}service=iin&date=2026-02-30" -H "$h"
  req "$L.twice" 400 "/api/checklist?${q}service=iin&service=iin" -H "$h"
  req "$L.missing" 400 "/api/checklist?${q}format=json" -H "$h"
  req "$L.visa" 400 "/api/checklist?${q}service=iin&visa=true&surname=A&given-names=B" -H "$h"
  req "$L.dependant" 400 "/api/checklist?${q}service=iin&surname=A&given-names=B&d1-surname=C" -H "$h"
  req "$L.path" 404 "/api/nope?${q}x" -H "$h"
  req "$L.method" 405 "/api/letter?${q}service=work-visa-invitation" -H "$h"
  req "$L.media" 415 "/api/letter?${q}service=work-visa-invitation" -H "$h" -X POST -d a=b
  req "$L.large" 413 "/api/checklist?${q}service=iin" -H "$h" -H "$XML" --data-binary "@$WORK/big"
  req "$L.nobody" 400 "/api/checklist?${q}service=iin" -H "$h" -H "$XML" -X POST
  req "$L.both" 400 "/api/checklist?${q}service=iin&priority=true&surname=A&given-names=B" -H "$h" -H "$XML" --data-binary "@$PROFILES/minimal.xml"
  req "$L.xml" 400 "/api/checklist?${q}service=iin" -H "$h" -H "$XML" --data-binary '<profile'
  req "$L.schema" 400 "/api/checklist?${q}service=iin" -H "$h" -H "$XML" --data-binary "$CYR"
  req "$L.letter" 422 "/api/letter?${q}service=work-visa-invitation" -H "$h" -H "$XML" \
    --data-binary "@$PROFILES/letter-problems.xml"
done
req kk.fees-kkru 400 '/api/fees?service=iin&lang=kk%2Bru'
req kk.letter-kkru 400 '/api/letter?service=business-visa-single-invitation&lang=kk%2Bru' \
  -H "$XML" --data-binary "@$PROFILES/letter-b2-single.xml"

python3 - "$WORK" <<'EOF' || FAILED=1
import glob, json, os, re, sys
work = sys.argv[1]
lang_of = {'kk': 'kk', 'ru': 'ru', 'en': 'en', 'none': 'en', 'ru-header': 'ru'}
bad = 0
def messages(d):
    yield d.get('message', '')
    for p in d.get('problems', []):
        yield p['message']
def english_words(m):
    # Quoted from the request or the profile, and names of XML and of
    # parameters, are not words of the message's language.
    m = re.sub(r'<[^>]*>', ' ', m)
    m = re.sub(r'«[^»]*»|"[^"]*"', ' ', m)
    m = re.sub(r'[a-z0-9]+(-[a-z0-9]+)*=[a-z0-9+]+', ' ', m)  # visa=true
    m = re.sub(r'--?[a-z-]+|\b[a-z]+(-[a-z]+)+\b', ' ', m)     # visa-expires
    m = re.sub(r'\((bin|purpose|birth-date|name)[^)]*\)', ' ', m)
    m = re.sub(r'\b(kk|ru|en|kk\+ru|XML|UTF-8|SMITH|JANE|JOHN|A5|C3|qujat)\b', ' ', m)
    return re.findall(r'[A-Za-z]{2,}', m)
seen = {}
for f in sorted(glob.glob(os.path.join(work, 'r-*'))):
    name = os.path.basename(f)[2:]
    who, what = name.split('.', 1)
    want = lang_of[who]
    try:
        d = json.load(open(f, encoding='utf-8'))
    except ValueError as e:
        print('FAIL: %s: not JSON: %s' % (name, e)); bad = 1; continue
    for m in messages(d):
        if not m:
            print('FAIL: %s: an empty message' % name); bad = 1
        cyr = re.search('[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]', m)
        quoted = re.sub(r'<[^>]*>|«[^»]*»|"[^"]*"', ' ', m)
        if want == 'en' and re.search('[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]', quoted):
            print('FAIL: %s: Cyrillic in an English message: %s' % (name, m)); bad = 1
        if want != 'en':
            w = english_words(m)
            if not cyr or w:
                print('FAIL: %s: not all in %s (%s): %s' % (name, want, ' '.join(w), m)); bad = 1
        seen.setdefault(what, {}).setdefault(want, []).append(m)
    if what == 'letter' and len(d.get('problems', [])) < 5:
        print('FAIL: %s: %d problems' % (name, len(d.get('problems', [])))); bad = 1
    if what in ('xml', 'schema') and d.get('line') != 1:
        print('FAIL: %s: no line of the profile: %s' % (name, d)); bad = 1
for what, by in seen.items():
    if 'kk' in by and 'ru' in by and set(by['kk']) & set(by['ru']):
        print('FAIL: %s: the same message in Kazakh and Russian: %s' % (what, by['kk'])); bad = 1
# The header's Russian is the parameter's.
for f in glob.glob(os.path.join(work, 'r-ru-header.*')):
    g = f.replace('r-ru-header.', 'r-ru.')
    if json.load(open(f)) != json.load(open(g)):
        print('FAIL: %s: Accept-Language: ru differs from lang=ru' % os.path.basename(f)); bad = 1
sys.exit(bad)
EOF
grep -q 'хат үшін туған күні' "$WORK/r-kk.letter" || fail "the letter's problems in Kazakh: $(head -c 300 "$WORK/r-kk.letter")"
grep -q 'фамилия указывается только латинскими буквами' "$WORK/r-ru.schema" || fail "a schema error in Russian: $(cat "$WORK/r-ru.schema")"
grep -q '"parameter": "service"' "$WORK/r-kk.service" || fail "the parameter of an unknown service"
finish
