#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian packages qujat needs that this machine lacks.
# Sourced by demo.sh and test.sh; safe to run again (installs only what is
# missing). Needs root or sudo only when something is missing.
set -euo pipefail

QUJAT_PACKAGES=(
  build-essential cmake pkg-config   # compiler and build
  libhpdf-dev libxml2-dev zlib1g-dev # libharu, libxml2, zlib
  libqrencode-dev nettle-dev         # QR codes, SHA-256
  libdeflate-dev                     # compressing the PDF streams
  libutf8proc-dev                    # Unicode NFC of the input
  libmimalloc-dev                    # the executable's allocator (optional)
  libmicrohttpd-dev                  # qujat serve (optional at build time)
  libcriterion-dev                   # unit tests
  libxml2-utils                      # xmllint, for the schema tests
  poppler-utils mupdf-tools          # pdftotext, pdfdetach, mutool: tests
  zbar-tools                         # zbarimg reads the QR code: tests
  ghostscript python3-pypdf python3-pdfminer # more text extractors: tests
  debhelper dpkg-dev fakeroot lintian # the Debian package test (debian/)
  curl chromium                      # qujat serve: API and browser tests
  wrk                                # bench/serve.sh
  icc-profiles-free                  # sRGB.icc (a copy ships in color/)
  libpdfbox2-java default-jre-headless # PDFBox Preflight: PDF/A tests
  libactivation-java libjaxb-api-java  # ...which Preflight needs at run time
  qpdf python3-pikepdf               # PDF structure checks: tests
)
# bench/run.sh adds the peer it compares with (python3-reportlab).
QUJAT_PACKAGES+=(${QUJAT_EXTRA_PACKAGES:-})

missing=()
for pkg in "${QUJAT_PACKAGES[@]}"; do
  [[ $pkg == \#* ]] && continue
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]})); then
  echo "qujat: installing Debian packages: ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then sudo=(sudo); else
      echo "qujat: need root to install: ${missing[*]}" >&2; exit 1; fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  # A fresh machine may have empty or stale package lists: update once on
  # failure, then try again.
  if ! "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
    "${sudo[@]}" apt-get update
    "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
  fi
fi

# The browser test drives Chromium with playwright-core (tests/web, pinned
# by its package-lock.json).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if command -v npm >/dev/null && [[ ! -d $here/tests/web/node_modules/playwright-core ]]; then
  (cd "$here/tests/web" && npm ci --no-audit --no-fund)
elif ! command -v npm >/dev/null; then
  echo "qujat: npm is missing (Debian: nodejs npm): the browser test will be skipped" >&2
fi
