#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Configures and builds qujat in build/ (or $1 with build type $2).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build}
type=${2:-RelWithDebInfo}
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE="$type" >/dev/null
cmake --build "$dir" -j "$(nproc)"
