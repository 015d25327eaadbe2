#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Turns `qujat checklist --format json` (stdin) and the Kazakh labels of
locales/kk.xml into the content the ReportLab peer draws (stdout), so that
both render the same texts.

    peer_content.py LOCALE.xml < checklist.json > content.json
"""
import json
import sys
import xml.etree.ElementTree as ET


def money(kzt):
    whole, frac = kzt.split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return "\u00a0".join(groups) + "," + frac + "\u00a0теңге"


def main():
    labels = {s.get("key"): s.text for s in ET.parse(sys.argv[1]).getroot()
              .iter() if s.get("key")}
    c = json.load(sys.stdin)
    docs = []
    for d in c["documents"]:
        because = d.get("because")
        if d.get("for"):
            name = labels["item.for"].replace("{name}", d["for"])
            because = name if not because else name + " " + because
        docs.append({"text": d["text"], "because": because})
    fees = [{"label": labels["fee." + f["kind"]], "kzt": money(f["kzt"])}
            for f in c["fees"] if f.get("kzt")]
    out = {
        "labels": {"title": labels["checklist.title"],
                   "documents": labels["heading.documents"],
                   "fees": labels["heading.fees"],
                   "total": labels["fee.total"],
                   "timeframe": labels["heading.timeframe"]},
        "title": c["title"],
        "fields": [[labels["field.applicant"], c["applicant"]],
                   [labels["field.date"], c["date"]],
                   [labels["field.edition"], c["edition"]]],
        "documents": docs,
        "fees": fees,
        "total": money(c["total_kzt"]),
        "timeframe": c["timeframe"],
        "footer": "; ".join(s["file"] + ", " + s["section"]
                            for s in c["sources"][:1]),
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
