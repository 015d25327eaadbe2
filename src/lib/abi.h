/* The growable public structs: a caller's qujat_request or
 * qujat_batch_options, whatever header version it was built with, copied
 * into this version's layout (fields the caller does not know are zero). */
#ifndef QUJAT_ABI_H
#define QUJAT_ABI_H

#include "qujat/qujat.h"

qujat_status qujat_abi_request(const qujat_request *in, qujat_request *out,
                               qujat_error *err);
qujat_status qujat_abi_batch_options(const qujat_batch_options *in,
                                     qujat_batch_options *out,
                                     qujat_error *err);

#endif
