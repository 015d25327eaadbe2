# SPDX-License-Identifier: MIT
# qujat validate: the catalog and profile files against their schemas.
. "$2/cli/lib.sh"
DATA=$(dirname "$TESTS")

expect 0 "employment-visa.xml: valid" validate "$DATA/services/employment-visa.xml"
expect 0 "smith-family.xml: valid" validate "$PROFILES/smith-family.xml"
run validate "$DATA"/services/*.xml "$PROFILES"/*.xml
[ "$STATUS" = 0 ] || { fail "the shipped files do not validate"; cat "$WORK/err"; }

# A schema error: a text without its Russian translation.
sed 's|<ru>Справка о государственной регистрации юридического лица (Egov.kz)</ru>||' \
  "$DATA/services/documents.xml" > "$WORK/documents.xml"
expect 1 "documents.xml:[0-9]+: error: .*(kk|en|ru)" validate "$WORK/documents.xml"

# A semantic error the schema cannot see: a reference to nothing.
sed 's|<item doc="enbek-certificate"/>|<item doc="no-such-document"/>|' \
  "$DATA/services/employment-visa.xml" > "$WORK/employment-visa.xml"
expect 1 "employment-visa.xml:[0-9]+: error: unknown document 'no-such-document'" validate "$WORK/employment-visa.xml"

# A state fee that does not match the MCI of its year.
sed 's|printed-kzt="129750"|printed-kzt="129700"|' \
  "$DATA/services/employment-visa.xml" > "$WORK/employment-visa.xml"
expect 1 "30 MCI of 2026 is 129750.00 KZT, but the source prints 129700.00" validate "$WORK/employment-visa.xml"

printf '<profile xmlns="urn:qujat:profile:1"><applicant surname="1" given-names="B"/></profile>\n' > "$WORK/p.xml"
expect 1 "p.xml:1: error: .*surname" validate "$WORK/p.xml"
printf '<x/>\n' > "$WORK/x.xml"
expect 1 "x.xml:1: error: not a qujat file" validate "$WORK/x.xml"
expect 1 "cannot open" validate "$WORK/none.xml"

# Every file is checked even after a bad one.
run validate "$WORK/x.xml" "$PROFILES/smith-family.xml"
[ "$STATUS" = 1 ] || fail "a bad file must make validate fail"
grep -q "smith-family.xml: valid" "$WORK/out" || fail "validate stopped at the first bad file"
finish
