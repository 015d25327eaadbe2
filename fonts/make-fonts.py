#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Builds qujat's bundled fonts from PT Sans (Debian fonts-paratype).

The ParaType Free Font License lets us modify and bundle PT Sans, but a
modified font may not carry the original name: the result is "Qujat Sans".
What is changed, and why:
  - composite glyphs are decomposed into plain outlines, because libharu
    2.3.0 can lose the components of composite glyphs when it subsets a
    font (PITFALLS.md), which would drop the marks of letters such as ё, й;
  - the character set is cut to what qujat prints (Basic Latin, Latin-1,
    the whole Cyrillic block with every Kazakh letter, and the punctuation
    in CHARS below): libharu's per-document cost grows with the highest
    code point of the font;
  - hinting is dropped (the PDFs are printed and viewed scaled).
Run by hand when the character set changes (needs python3-fonttools):
    python3 fonts/make-fonts.py /usr/share/fonts/truetype/paratype fonts
then update fonts/fonts.xml with the printed sizes and CRC-32 values.
"""
import sys
import zlib

from fontTools import subset
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

SOURCES = {"Regular": "PTS55F.ttf", "Bold": "PTS75F.ttf"}

CHARS = (
    [chr(c) for c in range(0x20, 0x7F)]      # Basic Latin
    + [chr(c) for c in range(0xA0, 0x100)]   # Latin-1 (NBSP, « », ×)
    + [chr(c) for c in range(0x400, 0x500)]  # Cyrillic, Kazakh letters
    + list("–—‘’‚“”„•…‰‹›№")                  # punctuation qujat uses
)


def decompose(font):
    """Replaces every composite glyph by its flattened outline."""
    glyf = font["glyf"]
    glyphs = font.getGlyphSet()
    for name in font.getGlyphOrder():
        if not glyf[name].isComposite():
            continue
        rec = DecomposingRecordingPen(glyphs)
        glyphs[name].draw(rec)
        pen = TTGlyphPen(None)
        rec.replay(pen)
        glyf[name] = pen.glyph()


def rename(font, style):
    family = "Qujat Sans"
    full = family if style == "Regular" else family + " " + style
    post = "QujatSans-" + style
    for rec in font["name"].names:
        if rec.nameID in (1, 16):
            rec.string = family
        elif rec.nameID in (2, 17):
            rec.string = style
        elif rec.nameID == 3:
            rec.string = "qujat: " + post
        elif rec.nameID == 4:
            rec.string = full
        elif rec.nameID == 6:
            rec.string = post
        elif rec.nameID == 5:
            rec.string = (rec.toUnicode() + "; qujat: derived from PT Sans "
                          "by ParaType (decomposed, subset, renamed)")


def main(src_dir, out_dir):
    for style, file in SOURCES.items():
        # Keep the source's timestamp: the same input gives the same bytes.
        font = TTFont(f"{src_dir}/{file}", recalcTimestamp=False)
        decompose(font)
        opts = subset.Options()
        opts.hinting = False
        opts.notdef_outline = True
        opts.name_IDs = ["*"]
        opts.name_languages = ["*"]
        opts.layout_features = []
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=[ord(c) for c in CHARS])
        sub.subset(font)
        rename(font, style)
        out = f"{out_dir}/QujatSans-{style}.ttf"
        font.save(out)
        data = open(out, "rb").read()
        print(f"{out}: bytes={len(data)} crc32={zlib.crc32(data):08x}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
