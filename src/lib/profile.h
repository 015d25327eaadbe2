/*
 * An applicant profile (urn:qujat:profile:1) as plain fields, plus the
 * parsed XML kept for evaluating the catalog's XPath conditions (opaque
 * here; only profile_xml.c and xpath.c look inside).
 */
#ifndef QUJAT_PROFILE_H
#define QUJAT_PROFILE_H

#include <stddef.h>

#include "arena.h"
#include "date.h"
#include "qujat/qujat.h"

/* A flag of the profile: absent (the profile does not say), false, true. */
enum tristate { TRI_UNSET = -1, TRI_FALSE = 0, TRI_TRUE = 1 };

struct passport {
  int present;
  const char *number;
  int has_issued;
  struct date issued, expires;
};

struct person {
  int line;
  const char *relation; /* "spouse" or "child"; NULL for the applicant */
  const char *surname, *given_names;
  int has_birth;
  struct date birth;
  const char *sex;         /* "M", "F" or NULL */
  const char *citizenship; /* ISO 3166-1 alpha-2 or NULL */
  struct passport passport;
};

struct qujat_profile {
  struct arena arena;
  const char *name; /* file name, for messages */

  struct person applicant;
  const char *role; /* "employee" (default) or "expert" */
  int has_visa;
  const char *visa_category, *visa_entries;
  struct date visa_expires;
  int has_trp;
  struct date trp_expires;

  const struct person *dependants;
  size_t ndependants;

  int has_company, company_line;
  const char *company_name, *company_bin, *company_form;
  const char *company_address, *company_contacts;
  const char *head_position, *head_name;

  int has_request, request_line;
  const char *category, *entries, *purpose, *issue_place, *stay_address;
  const char *letter_number;
  int has_from, has_to;
  struct date from, to;

  enum tristate by_representative, work_permit_required, priority,
      personal_manager;
  const char *filing_for; /* "individual", "legal-entity" or NULL */

  void *xml_doc;         /* xmlDocPtr */
  void **xml_dependants; /* xmlNodePtr of each <dependant> */
};


#endif
