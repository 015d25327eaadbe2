#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Quick start 2/2: installs what is missing, builds qujat, and runs every
# test through ctest: once in a normal build and once under AddressSanitizer
# with UndefinedBehaviorSanitizer checks.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh

bash scripts/build.sh build RelWithDebInfo
(cd build && ctest --output-on-failure -j "$(nproc)")

bash scripts/build.sh build-asan Asan
# The slow tests (a second build at another path, the Debian package) test
# the build, not the code: once, in the normal build, is enough.
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j "$(nproc)" -LE slow)
echo "qujat: all tests passed"
