#!/bin/sh
# SPDX-License-Identifier: MIT
# The architecture as a test (docs/internals/architecture.md): every include
# between the folders of src/lib runs one way, a folder's internal header is
# included from that folder only, libxml2 only in catalog/ (and the batch's
# streaming job-file reader), libharu only in pdf/, and src/cli and
# src/serve use the public header alone. Prints every violation.
# Usage: check_layers.sh SOURCE_DIR
set -u
top=${1:?usage: check_layers.sh SOURCE_DIR}
cd "$top/src" || exit 2

# What each module may include, below it in the data flow.
allowed() {
  case $1 in
    base) echo "base" ;;
    catalog) echo "catalog base" ;;
    rules) echo "rules catalog base" ;;
    layout) echo "layout rules catalog base" ;;
    pdf) echo "pdf layout rules catalog base" ;;
    render) echo "render layout rules catalog base" ;;
    batch) echo "batch pdf render layout rules catalog base" ;;
    *) echo "" ;;
  esac
}

bad=0
fail() { echo "layers: $*"; bad=$((bad + 1)); }

[ -z "$(find lib -maxdepth 1 -name '*.[ch]')" ] ||
  fail "files directly in src/lib (each belongs in a module folder):" \
    $(find lib -maxdepth 1 -name '*.[ch]')

for f in lib/*/*.[ch]; do
  mod=${f#lib/}; mod=${mod%%/*}
  [ -n "$(allowed "$mod")" ] || { fail "$f: unknown module folder '$mod'"; continue; }
  grep -n '^#include "' "$f" | while IFS= read -r line; do
    inc=$(printf '%s' "$line" | sed 's/.*#include "\([^"]*\)".*/\1/')
    case $inc in
      qujat/* | qujat_config.h | qujat_model_sig.h) continue ;; # public, and the generated build settings (qujat_model_sig.h: the catalog sources' signature, cmake/model_sig.cmake)
      */*) ;;
      *) echo "layers: $f: include \"$inc\" names no module folder"; continue ;;
    esac
    to=${inc%%/*}
    case " $(allowed "$mod") " in
      *" $to "*) ;;
      *) echo "layers: $f:${line%%:*}: $mod may not include $inc (arrows run base <- catalog <- rules <- layout <- pdf/render <- batch)" ;;
    esac
    case $inc in
      *_internal.h) [ "$to" = "$mod" ] ||
        echo "layers: $f: $inc is internal to $to/" ;;
    esac
  done
done | grep . && bad=$((bad + 1))

libxml=$(grep -l '#include <libxml/' lib/*/*.[ch] | grep -v '^lib/catalog/' |
  grep -v '^lib/batch/batch_jobs_xml.c$')
[ -z "$libxml" ] || fail "libxml2 outside catalog/:" $libxml
hpdf=$(grep -l '#include <hpdf' lib/*/*.[ch] cli/*.[ch] 2>/dev/null | grep -v '^lib/pdf/')
[ -z "$hpdf" ] || fail "libharu outside pdf/:" $hpdf
for d in cli serve; do
  [ -d "$d" ] || continue
  priv=$(grep -ln '#include "\(base\|catalog\|rules\|layout\|pdf\|render\|batch\)/' $d/*.[ch] 2>/dev/null)
  [ -z "$priv" ] || fail "src/$d uses private headers (only qujat/qujat.h):" $priv
done

if [ "$bad" -ne 0 ]; then
  echo "layers: FAILED"
  exit 1
fi
echo "layers: every arrow runs one way"
