#!/bin/sh
# SPDX-License-Identifier: MIT
# Every source, build and test file of the project says its licence (MIT,
# LICENSE) in an SPDX line near its top. Prints the files that do not.
# Usage: check_spdx.sh SOURCE_DIR
set -u
cd "${1:?usage: check_spdx.sh SOURCE_DIR}" || exit 2
missing=$(find src include tests fuzz bench scripts cmake -type f \
    \( -name '*.c' -o -name '*.h' -o -name '*.h.in' -o -name '*.sh' \
       -o -name '*.py' -o -name '*.cmake' -o -name 'CMakeLists.txt' \
       -o -name '*.js' \) \
    -not -path '*/node_modules/*' -not -path 'tests/golden/*' \
    -not -path 'fuzz/corpus/*' 2>/dev/null |
  while read -r f; do
    head -3 "$f" | grep -q 'SPDX-License-Identifier: MIT' || echo "$f"
  done)
if [ -n "$missing" ]; then
  echo "spdx: files without 'SPDX-License-Identifier: MIT' in their first lines:"
  echo "$missing"
  exit 1
fi
echo "spdx: every source file says its licence"
