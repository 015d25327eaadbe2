# SPDX-License-Identifier: MIT
# The command line's messages in the --lang of the command, in plain words
# (issue 10): usage errors, profile errors (the schema's, retold by field),
# letter checks; file:line kept; never libxml2's "[facet ...]" wording.
. "$2/cli/lib.sh"
D="--date 2026-11-21"

profile() { # profile NAME BODY: a profile file with one <applicant ...> line
  printf '<profile xmlns="urn:qujat:profile:1">\n  %s\n</profile>\n' "$2" \
    >"$WORK/$1.xml"
}
profile latin '<applicant surname="SMITH" given-names="Jöhn"/>'
profile sex '<applicant surname="SMITH" given-names="JOHN" sex="X"/>'
profile nosurname '<applicant given-names="JOHN"/>'
profile dateform '<applicant surname="A" given-names="B" birth-date="14.03.1985"/>'
profile calendar '<applicant surname="A" given-names="B" birth-date="2001-02-29"/>'
profile unknown '<applicant surname="A" given-names="B" colour="red"/>'
profile passport '<applicant surname="A" given-names="B"><passport number="ab" expires="2030-01-01"/></applicant>'
printf '<profile xmlns="urn:qujat:profile:1">\n  <applicant surname="A" given-names="B"/>\n  <company name="X" bin="123"/>\n</profile>\n' >"$WORK/bin.xml"
printf '<profile xmlns="urn:qujat:profile:1">\n  <applicant surname="A" given-names="B"/>\n  <pet/>\n</profile>\n' >"$WORK/element.xml"

# msg LANG STATUS PATTERN ARGS...: the message of `qujat ARGS --lang LANG`.
msg() {
  lang=$1
  shift
  want=$1
  pattern=$2
  shift 2
  expect "$want" "$pattern" "$@" --lang "$lang"
  if grep -Eq "facet|Element '|\{urn:" "$WORK/err"; then
    fail "qujat $* --lang $lang: libxml2's words: $(cat "$WORK/err")"
  fi
}
check() { # check PROFILE EN RU KK: the error of a checklist for the profile
  p=$1
  msg en 1 "$p.xml:2: error: $2" checklist iin --format text $D --profile "$WORK/$p.xml"
  msg ru 1 "$p.xml:2: ошибка: $3" checklist iin --format text $D --profile "$WORK/$p.xml"
  msg kk 1 "$p.xml:2: қате: $4" checklist iin --format text $D --profile "$WORK/$p.xml"
}

check latin \
  'the given names may use Latin letters only \(as in the passport\); given: <applicant given-names="Jöhn">' \
  'имя указывается только латинскими буквами \(как в паспорте\); указано: <applicant given-names="Jöhn">' \
  'аты тек латын әріптерімен жазылады \(төлқұжаттағыдай\); көрсетілгені: <applicant given-names="Jöhn">'
check sex \
  'the sex must be one of: M, F; given: <applicant sex="X">' \
  'пол: допустимые значения — M, F; указано: <applicant sex="X">' \
  'жынысы: рұқсат етілген мәндер – M, F; көрсетілгені: <applicant sex="X">'
check nosurname \
  'a required field is missing: the surname' \
  'не указано обязательное поле: фамилия' \
  'міндетті өріс көрсетілмеген: тегі'
check dateform \
  'the date of birth must be a date written YYYY-MM-DD' \
  'дата рождения указывается в виде ГГГГ-ММ-ДД' \
  'туған күні ЖЖЖЖ-АА-КК түрінде жазылады'
check calendar \
  'the date of birth is not a calendar date' \
  'дата рождения: такой даты нет в календаре' \
  'туған күні: күнтізбеде мұндай күн жоқ'
check unknown \
  'the profile has no field <applicant colour>' \
  'в профиле нет поля <applicant colour>' \
  'профильде <applicant colour> өрісі жоқ'
check passport \
  'the passport number may use capital Latin letters and digits only' \
  'номер паспорта указывается заглавными латинскими буквами и цифрами' \
  'төлқұжат нөмірі бас латын әріптері мен цифрлармен'

B="checklist iin --format text $D --profile $WORK/bin.xml"
msg en 1 'bin.xml:3: error: the BIN is 12 digits; given: <company bin="123">' $B
msg ru 1 'bin.xml:3: ошибка: БИН состоит из 12 цифр' $B
msg kk 1 'bin.xml:3: қате: БСН 12 цифрдан тұрады' $B
E="checklist iin --format text $D --profile $WORK/element.xml"
msg en 1 'element.xml:3: error: <pet> is not expected here; expected: <dependant>, <company>' $E
msg ru 1 'element.xml:3: ошибка: элемент <pet> здесь не предусмотрен; ожидается: <dependant>' $E
msg kk 1 'element.xml:3: қате: <pet> элементі бұл жерде қарастырылмаған; күтілетіні: <dependant>' $E

# Usage errors, also when --lang comes after the fault, with the hint.
msg en 2 "'2026-13-01' is not a date: expected YYYY-MM-DD" checklist iin --date 2026-13-01
msg ru 2 "ошибка: «2026-13-01» — не дата: укажите дату в виде ГГГГ-ММ-ДД" checklist iin --date 2026-13-01
msg kk 2 "қате: «2026-13-01» – күн емес" checklist iin --date 2026-13-01
grep -q "Анықтама: qujat --help." "$WORK/err" || fail "no Kazakh hint after a usage error"
msg ru 2 "неизвестный формат «xml»: допустимы pdf, text или json" checklist iin --format xml
msg kk 2 "белгісіз параметр «--colour»" checklist iin --colour
msg ru 2 "для letter нужен --profile P.xml" letter work-visa-invitation $D
# --lang=kk is not an option before the command, and says so in Kazakh.
expect 2 "белгісіз параметр «--lang=kk»" --lang=kk checklist
msg kk 2 "checklist командасына бір ғана қызмет" checklist
# An unknown --lang is told in English.
expect 2 "unknown language 'de'" checklist iin --lang de

# The letter's checks, each with its line.
P=$PROFILES/letter-problems.xml
L="letter work-visa-invitation --profile $P $D --format text"
msg en 1 "letter-problems.xml:10: error: dependant SMITH JANE: the letter needs the birth-date" $L
msg ru 1 "letter-problems.xml:10: ошибка: член семьи SMITH JANE: для письма нужна дата рождения" $L
grep -q "letter-problems.xml:13: ошибка: <company>: для письма нужен БИН (bin)" "$WORK/err" ||
  fail "ru: no BIN problem at line 13"
msg kk 1 "letter-problems.xml:10: қате: отбасы мүшесі SMITH JANE: хат үшін туған күні \(birth-date\) керек" $L
grep -q "letter-problems.xml:14: қате: <request>: хат үшін сапардың мақсаты (purpose) керек" "$WORK/err" ||
  fail "kk: no purpose problem at line 14"
msg ru 2 "для «iin» письмо не составляется" letter iin --profile "$PROFILES/smith-family.xml" $D

# Warnings too: the word and the text in the document's language.
msg ru 0 "" checklist business-visa-multi-invitation --format text --date 2026-02-10 --profile "$PROFILES/business-b2-pm.xml"
grep -q "qujat: предупреждение: Паспорт на имя MULLER KLAUS" "$WORK/err" ||
  fail "ru: the passport warning is not in Russian: $(cat "$WORK/err")"

finish
