#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""No line of a Russian golden text (tests/golden/*-ru-*/expected.txt) ends
in a one-letter preposition or conjunction (в с к о у и а), nor in a bare
number whose word went to the next line (a line ending in digits followed
by a line that goes on in lower case: «не менее 3 / месяцев»). The
no-break spaces of layout/typo.c keep them with the next word; this reads
the product as a reader does. Usage: ru_lines.py GOLDEN_DIR"""
import glob
import re
import sys

ONE_LETTER = re.compile(r"(^|[\s\u00a0])[вскоуиаВСКОУИА]$")
BARE_NUMBER = re.compile(r"(^|\s)\d+$")


def main(root):
    files = sorted(glob.glob(root + "/*-ru-*/expected.txt"))
    if not files:
        print("no Russian golden texts under " + root)
        return 1
    bad = 0
    for f in files:
        lines = open(f, encoding="utf-8").read().split("\n")
        for i, line in enumerate(lines):
            s = line.rstrip()
            nxt = lines[i + 1].lstrip() if i + 1 < len(lines) else ""
            if ONE_LETTER.search(s):
                print("%s:%d: ends in a one-letter word: ...%s" % (f, i + 1, s[-40:]))
                bad += 1
            if BARE_NUMBER.search(s) and nxt[:1].islower():
                print("%s:%d: ends in a bare number: ...%s / %s" % (f, i + 1, s[-40:], nxt[:20]))
                bad += 1
    print("%d Russian golden texts, %d lines broken wrongly" % (len(files), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
