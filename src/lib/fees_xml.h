/* The fee slip's reference, payees and XML twin (fees_xml.c). */
#ifndef QUJAT_FEES_XML_H
#define QUJAT_FEES_XML_H

#include "buf.h"
#include "document.h"

/* "service", "personal-manager", "priority", "walk-in", "state", "fine". */
const char *qujat_fee_kind_id(enum fee_kind k);

/* Who is paid, in principle: "expat-centre" or "state-budget". */
const char *qujat_fee_payee_id(enum fee_kind k);

/* The fee slip as XML (urn:qujat:fees:1), appended to `b`. */
qujat_status qujat_fees_xml(const struct qujat_document *d, struct buf *b);

#endif
