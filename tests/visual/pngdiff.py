#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compares two 8-bit PNG page renders (pdftoppm -gray -png; gray or RGB) within
a tolerance, with the standard library only (zlib; no PIL): the mean
absolute difference of the pixels and the share of pixels that differ by
more than a quarter of the range. Usage: pngdiff.py EXPECTED ACTUAL
[MAX_MEAN MAX_SHARE]; exit 0 when within, 1 with the numbers when not."""
import struct
import sys
import zlib


def read_gray(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(path + ": not a PNG")
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, color, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or color not in (0, 2) or interlace:
                raise ValueError(path + ": not 8-bit gray or RGB")
            bpp = 1 if color == 0 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev, at = [], bytearray(stride), 0
    for _ in range(h):
        f, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        rows.append(bytes(line) if bpp == 1 else bytes(
            (line[k] + line[k + 1] + line[k + 2]) // 3
            for k in range(0, stride, 3)))
        prev = line
    return w, h, b"".join(rows)


def main(argv):
    max_mean = float(argv[3]) if len(argv) > 3 else 1.5
    max_share = float(argv[4]) if len(argv) > 4 else 0.004
    w1, h1, a = read_gray(argv[1])
    w2, h2, b = read_gray(argv[2])
    if (w1, h1) != (w2, h2):
        print("size %dx%d, expected %dx%d" % (w2, h2, w1, h1))
        return 1
    total = sum(abs(x - y) for x, y in zip(a, b))
    far = sum(1 for x, y in zip(a, b) if abs(x - y) > 64)
    mean, share = total / len(a), far / len(a)
    if mean > max_mean or share > max_share:
        print("mean difference %.3f (max %.3f), %.4f of the pixels far off "
              "(max %.4f)" % (mean, max_mean, share, max_share))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
