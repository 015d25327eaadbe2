# SPDX-License-Identifier: MIT
# Every example of the README runs as printed and prints what the README
# shows (tests/cli/readme_examples.py).
. "$2/cli/lib.sh"
python3 "$2/cli/readme_examples.py" "$QUJAT" "$(dirname "$2")" "$WORK" || FAILED=1
finish
