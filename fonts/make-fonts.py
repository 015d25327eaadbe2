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
  - hinting is dropped (the PDFs are printed and viewed scaled);
  - .notdef is an empty glyph: qujat never draws it (a character the font
    lacks is an error), and its outline was 0.5 KB of every PDF;
  - outline points are snapped to a grid of 4 font units (GRID below): at
    most 2 units of 1000 an em from the source, invisible, and the glyphs
    deflate 13 % smaller;
  - the font is then scaled to 250 units an em (UPEM below), in which the
    snapped outlines are exact and their coordinates a quarter as large:
    most moves between points fit one byte, and the glyphs of a one-page
    checklist deflate some 0.45 KB (7 %) smaller. Advances and kerning are
    rounded to the nearest 4/1000 em, one unit of 250 (at most 2/1000 em,
    0.02 pt in 10 pt text), so the widths a PDF lists (in 1000ths) are the
    font's exactly, as ISO 32000-1 9.2.4 and PDF/A want;
  - the kerning of GPOS (feature "kern", PairPos formats 1 and 2) is
    written, for the glyphs kept, as a legacy "kern" table of format 0:
    sorted pairs of glyph ids with a value in font units, which qujat reads
    with a binary search (src/lib/pdf/ttf.c) and applies in the content
    stream. A format-0 subtable holds at most 10920 pairs (its length is 16
    bits), so the pairs are split into subtables of consecutive pairs. The
    source's own kern table is not used: its length field overflows.
    No pair moves a glyph by half a space or more (the few that do, such
    as "Т" before a vowel in the bold face, are clamped just under it):
    text extractors such as pypdf take a move of half a space in a TJ
    array for a word space, and would split the word.
Run by hand when the character set changes (needs python3-fonttools):
    python3 fonts/make-fonts.py /usr/share/fonts/truetype/paratype fonts
then update fonts/fonts.xml with the printed sizes and CRC-32 values.
"""
import sys
import zlib

from fontTools import subset
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.scaleUpem import scale_upem
from fontTools.ttLib.tables._g_l_y_f import GlyphCoordinates
from fontTools.ttLib.tables._k_e_r_n import KernTable_format_0

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


def snap_to_grid(font, grid):
    """Moves every outline point to the nearest multiple of `grid` font
    units (bounding boxes recomputed); advances and kerning unchanged."""
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        g = glyf[name]
        if g.numberOfContours <= 0:
            continue
        g.coordinates = GlyphCoordinates(
            [(grid * round(x / grid), grid * round(y / grid))
             for x, y in g.coordinates])
        g.recalcBounds(glyf)


def gpos_kerning(font):
    """The horizontal kerning of GPOS: {(left, right): value} by glyph name.

    Every lookup of the "kern" features, every PairPos subtable; as in a
    shaper, the first subtable that covers a pair decides it (a class-based
    subtable covers every second glyph of its first glyph, class 0 too).
    Only the first glyph's XAdvance moves a horizontal pair."""
    gpos = font["GPOS"].table
    lookups = sorted({i for rec in gpos.FeatureList.FeatureRecord
                      if rec.FeatureTag == "kern"
                      for i in rec.Feature.LookupListIndex})
    order = font.getGlyphOrder()
    pairs = {}
    for i in lookups:
        lookup = gpos.LookupList.Lookup[i]
        subtables = lookup.SubTable
        if lookup.LookupType == 9:  # extension
            subtables = [st.ExtSubTable for st in subtables]
        for st in subtables:
            if getattr(st, "LookupType", 2) != 2:
                continue
            if st.Format == 1:
                for first, pset in zip(st.Coverage.glyphs, st.PairSet):
                    for rec in pset.PairValueRecord:
                        v = getattr(rec.Value1, "XAdvance", 0) or 0
                        pairs.setdefault((first, rec.SecondGlyph), v)
            elif st.Format == 2:
                cd1 = st.ClassDef1.classDefs
                cd2 = st.ClassDef2.classDefs
                for first in st.Coverage.glyphs:
                    row = st.Class1Record[cd1.get(first, 0)].Class2Record
                    for second in order:
                        v = getattr(row[cd2.get(second, 0)].Value1,
                                    "XAdvance", 0) or 0
                        pairs.setdefault((first, second), v)
    return {k: v for k, v in pairs.items() if v}


# Outline points are snapped to a grid of GRID font units (of 1000 an em):
# at most 2 units (0.02 pt in 10 pt text) from where PT Sans has them,
# below a pixel at 3000 dpi in a 15 pt heading, and the compressed glyphs
# of a one-page checklist are 0.9 KB (13 %) smaller (bench/README.md).
GRID = 4

# The units an em of the fonts qujat bundles: 1000 / GRID, so that the
# snapped outlines stay exact (bench/README.md).
UPEM = 1000 // GRID

PAIRS_PER_SUBTABLE = (0xFFFF - 14) // 6


def add_kern_table(font, pairs):
    """`pairs` (by glyph name) of the glyphs `font` has, as a kern table of
    format-0 subtables in glyph id order, each value less than half the
    space's advance. Returns the number of pairs and of those clamped."""
    gid = {name: i for i, name in enumerate(font.getGlyphOrder())}
    upem = font["head"].unitsPerEm
    space = font["hmtx"][font.getBestCmap()[0x20]][0] * 1000 // upem
    limit = (space - 1) // 2 * upem // 1000  # in font units, < half a space
    kept = sorted((gid[a], gid[b], max(-limit, min(limit, v)))
                  for (a, b), v in pairs.items() if a in gid and b in gid)
    clamped = sum(1 for (a, b), v in pairs.items()
                  if a in gid and b in gid and abs(v) > limit)
    kern = newTable("kern")
    kern.version = 0
    kern.kernTables = []
    order = font.getGlyphOrder()
    for at in range(0, len(kept), PAIRS_PER_SUBTABLE):
        st = KernTable_format_0(apple=False)
        st.format = 0
        st.coverage = 1  # horizontal, kerning values, additive
        st.tupleIndex = None
        st.kernTable = {(order[a], order[b]): v
                        for a, b, v in kept[at:at + PAIRS_PER_SUBTABLE]}
        kern.kernTables.append(st)
    font["kern"] = kern
    return len(kept), clamped


def to_upem(font, upem):
    """Scales `font` to `upem` units an em, then makes each glyph's left
    side bearing its outline's xMin again (the scaler rounds the two
    apart) and drops the kerning pairs that rounded to nothing. Returns
    the number of pairs dropped."""
    scale_upem(font, upem)
    glyf, hmtx = font["glyf"], font["hmtx"]
    for name in font.getGlyphOrder():
        g = glyf[name]
        advance = hmtx[name][0]
        hmtx[name] = (advance, g.xMin if g.numberOfContours > 0 else 0)
    dropped = 0
    for table in font["kern"].kernTables:
        kept = {k: v for k, v in table.kernTable.items() if v}
        dropped += len(table.kernTable) - len(kept)
        table.kernTable = kept
    return dropped


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
        if GRID > 1:
            snap_to_grid(font, GRID)
        pairs = gpos_kerning(font)
        opts = subset.Options()
        opts.hinting = False
        opts.notdef_outline = False  # never drawn: qujat refuses a missing glyph
        opts.name_IDs = ["*"]
        opts.name_languages = ["*"]
        opts.layout_features = []
        sub = subset.Subsetter(opts)
        sub.populate(unicodes=[ord(c) for c in CHARS])
        sub.subset(font)
        if "kern" in font:
            del font["kern"]
        npairs, clamped = add_kern_table(font, pairs)
        rename(font, style)
        npairs -= to_upem(font, UPEM)
        out = f"{out_dir}/QujatSans-{style}.ttf"
        font.save(out)
        data = open(out, "rb").read()
        print(f"{out}: bytes={len(data)} crc32={zlib.crc32(data):08x} "
              f"kern pairs={npairs} (clamped {clamped})")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
