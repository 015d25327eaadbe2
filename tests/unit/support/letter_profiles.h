/* SPDX-License-Identifier: MIT */
/* Letter profiles in memory, for the letter unit tests (test_letter*.c).
 * Every element on its own line(s), so that a test can find the line a
 * problem must name. */
#ifndef QUJAT_TEST_LETTER_PROFILES_H
#define QUJAT_TEST_LETTER_PROFILES_H

#define PROFILE(body)                                                        \
  "<profile xmlns=\"urn:qujat:profile:1\">\n" body "</profile>\n"

/* Each person's own passport number: one number twice is a problem of its
 * own. */
#define PERSON_N(tag, extra, names, attrs, number, expires)                  \
  "  <" tag " " extra names " " attrs ">\n"                                  \
  "    <passport number=\"" number "\" expires=\"" expires "\"/>\n"         \
  "  </" tag ">\n"
#define PERSON(tag, extra, names, attrs, expires)                            \
  PERSON_N(tag, extra, names, attrs, "123456789", expires)

/* The applicant, with a passport that outlives every visa tested here. */
#define APPLICANT_WITH(names, attrs)                                         \
  PERSON("applicant", "", names, attrs, "2031-05-01")
#define JOHN "surname=\"SMITH\" given-names=\"JOHN\""
#define JOHN_ATTRS "birth-date=\"1985-03-14\" sex=\"M\" citizenship=\"GB\""
#define APPLICANT APPLICANT_WITH(JOHN, JOHN_ATTRS)

/* The spouse, with the passport expiring on `expires`. */
#define SPOUSE_WITH(attrs, expires)                                          \
  PERSON_N("dependant", "relation=\"spouse\" ",                              \
           "surname=\"SMITH\" given-names=\"JANE\"", attrs, "987654321",    \
           expires)
#define JANE_ATTRS "birth-date=\"1987-01-02\" sex=\"F\" citizenship=\"GB\""
#define SPOUSE SPOUSE_WITH(JANE_ATTRS, "2031-01-01")

#define HEAD "    <head position=\"Director\" name=\"Aigerim Sadykova\"/>\n"
#define COMPANY_WITH(attrs, children)                                        \
  "  <company name=\"Example LLP\"" attrs ">\n" children "  </company>\n"
#define COMPANY COMPANY_WITH(" bin=\"123456789012\"", HEAD)

#define REQUEST(attrs) "  <request " attrs "/>\n"
#define PURPOSE "purpose=\"Employment as an engineer\""
#define ISSUE "issue-place=\"Embassy of the Republic of Kazakhstan in London\""
#define STAY "stay-address=\"12 Dostyk Street, Astana\""
#define NUMBER "letter-number=\"HR-1\""
#define FIELDS PURPOSE " " ISSUE " " STAY " " NUMBER
/* A request of `cat` `entries` from `from` to `to` with every field. */
#define VISA(cat, entries, from, to)                                         \
  REQUEST("category=\"" cat "\" entries=\"" entries "\" from=\"" from        \
          "\" to=\"" to "\" " FIELDS)

/* A work invitation (work-visa-invitation) that passes every check and
 * gives no warning: one C3 single-entry visa of 12 months. */
#define C3_YEAR VISA("C3", "single", "2027-01-01", "2027-12-31")
#define GOOD PROFILE(APPLICANT COMPANY C3_YEAR)

#endif
