#!/usr/bin/env bash
# Quick start 2/2: installs what is missing, builds qujat, and runs every
# test through ctest: once in a normal build and once under AddressSanitizer
# with UndefinedBehaviorSanitizer checks.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh

bash scripts/build.sh build RelWithDebInfo
(cd build && ctest --output-on-failure -j "$(nproc)")

bash scripts/build.sh build-asan Asan
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j "$(nproc)")
echo "qujat: all tests passed"
