#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The peer of bench/run.sh on a real intake: every document of the intake
rendered with ReportLab (Debian python3-reportlab) from the same texts
qujat printed in it (pdftotext of qujat's PDF, one file per document, pages
separated by form feeds), with the same bundled TrueType fonts (regular and
bold, registered once, subset and embedded by ReportLab in each PDF) and the
same A4 page: the first line as the title in bold, every other line a
paragraph, a page break where qujat's page ended.

This asks less of ReportLab than qujat does of itself (no boxes, no tables,
no line breaking of its own beyond what the lines need), so the ratio it
gives is the peer's best case.

    reportlab_intake.py TEXT_DIR FONT_DIR OUT_DIR N

TEXT_DIR holds t0000000.txt...; with fewer texts than N they are used in
turn. Prints one line: "<N> <seconds> <total bytes> <pages>".
"""
import os
import sys
import time
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate


def main():
    text_dir, font_dir, out_dir, n = sys.argv[1:5]
    n = int(n)
    pdfmetrics.registerFont(TTFont("Qujat", os.path.join(
        font_dir, "QujatSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("QujatBold", os.path.join(
        font_dir, "QujatSans-Bold.ttf")))
    base = ParagraphStyle("base", fontName="Qujat", fontSize=10, leading=13)
    title = ParagraphStyle("title", base, fontName="QujatBold", fontSize=15,
                           leading=19, spaceAfter=6)
    texts = []
    for name in sorted(os.listdir(text_dir)):
        with open(os.path.join(text_dir, name), encoding="utf-8") as f:
            texts.append(f.read())
    os.makedirs(out_dir, exist_ok=True)
    total = pages = 0
    start = time.perf_counter()
    for i in range(n):
        text = texts[i % len(texts)]
        story = []
        for p, page in enumerate(text.rstrip("\f\n").split("\f")):
            if p:
                story.append(PageBreak())
            lines = [l for l in page.split("\n") if l.strip()]
            for k, line in enumerate(lines):
                story.append(Paragraph(escape(line),
                                       title if p == 0 and k == 0 else base))
        path = os.path.join(out_dir, "p%07d.pdf" % i)
        doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=20 * mm,
                                rightMargin=15 * mm, topMargin=15 * mm,
                                bottomMargin=15 * mm)
        doc.build(story)
        pages += doc.page
        total += os.path.getsize(path)
    print(n, "%.3f" % (time.perf_counter() - start), total, pages)


if __name__ == "__main__":
    main()
