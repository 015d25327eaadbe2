#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The peer of bench/run.sh: the same checklist page rendered N times with
ReportLab (Debian python3-reportlab), the way a Python developer would
write it: platypus flowables, the same TrueType fonts qujat bundles
(regular and bold, subset and embedded by ReportLab), the same texts (from
`qujat checklist --format json`), the same A4 page and margins.

    reportlab_peer.py CONTENT.json FONT_DIR OUT_DIR N

Prints one line: "<N> <seconds> <total bytes>".
"""
import json
import os
import sys
import time

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle


def styles():
    base = ParagraphStyle("base", fontName="Qujat", fontSize=10, leading=13)
    return {
        "title": ParagraphStyle("title", base, fontName="QujatBold",
                                fontSize=17, leading=21),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=12.5,
                                   leading=16, spaceAfter=8),
        "label": ParagraphStyle("label", base, fontSize=8.8,
                                textColor=colors.Color(.38, .38, .38)),
        "heading": ParagraphStyle("heading", base, fontName="QujatBold",
                                  fontSize=11.5, leading=15, spaceBefore=10,
                                  spaceAfter=4),
        "item": base,
        "reason": ParagraphStyle("reason", base, fontSize=8.8, leading=11,
                                 textColor=colors.Color(.25, .25, .25)),
        "total": ParagraphStyle("total", base, fontName="QujatBold"),
        "footer": ParagraphStyle("footer", base, fontSize=7, leading=9,
                                 textColor=colors.Color(.38, .38, .38)),
    }


def box():
    """The square to tick, as qujat draws it (the fonts have no U+2610)."""
    d = Drawing(8.4, 8.4)
    d.add(Rect(0, 0, 8.4, 8.4, strokeWidth=0.8, fillColor=None))
    return d


def story(c, s):
    out = [Paragraph(c["labels"]["title"], s["title"]),
           Paragraph(c["title"], s["subtitle"])]
    fields = [[Paragraph(k, s["label"]), Paragraph(v, s["item"])]
              for k, v in c["fields"]]
    out.append(Table(fields, colWidths=[36 * mm, None], hAlign="LEFT"))
    out.append(Paragraph(c["labels"]["documents"], s["heading"]))
    rows = []
    for i, d in enumerate(c["documents"], 1):
        cell = [Paragraph("%d. %s" % (i, d["text"]), s["item"])]
        if d.get("because"):
            cell.append(Paragraph(d["because"], s["reason"]))
        rows.append([box(), cell])
    items = Table(rows, colWidths=[8 * mm, None], hAlign="LEFT")
    items.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    out.append(items)
    out.append(Paragraph(c["labels"]["fees"], s["heading"]))
    fees = [[Paragraph(f["label"], s["item"]), Paragraph(f["kzt"], s["item"])]
            for f in c["fees"]]
    fees.append([Paragraph(c["labels"]["total"], s["total"]),
                 Paragraph(c["total"], s["total"])])
    table = Table(fees, colWidths=[None, 45 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -2), 0.3,
                                colors.grey)]))
    out.append(table)
    out.append(Paragraph(c["labels"]["timeframe"], s["heading"]))
    out.append(Paragraph(c["timeframe"], s["item"]))
    return out


def footer(c, s):
    """The source line at the foot of the page, as qujat prints it."""
    def draw(canvas, doc):
        p = Paragraph(c["footer"], s["footer"])
        w, h = p.wrap(doc.width, 20 * mm)
        p.drawOn(canvas, doc.leftMargin, 10 * mm)
    return draw


def main():
    content, font_dir, out_dir, n = sys.argv[1:5]
    with open(content, encoding="utf-8") as f:
        c = json.load(f)
    pdfmetrics.registerFont(TTFont("Qujat", os.path.join(
        font_dir, "QujatSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("QujatBold", os.path.join(
        font_dir, "QujatSans-Bold.ttf")))
    s = styles()
    os.makedirs(out_dir, exist_ok=True)
    total = 0
    start = time.perf_counter()
    for i in range(int(n)):
        path = os.path.join(out_dir, "c%07d.pdf" % i)
        doc = SimpleDocTemplate(path, pagesize=A4, leftMargin=20 * mm,
                                rightMargin=15 * mm, topMargin=15 * mm,
                                bottomMargin=15 * mm, title=c["title"])
        on_page = footer(c, s)
        doc.build(story(c, s), onFirstPage=on_page, onLaterPages=on_page)
        total += os.path.getsize(path)
    print(n, "%.3f" % (time.perf_counter() - start), total)


if __name__ == "__main__":
    main()
