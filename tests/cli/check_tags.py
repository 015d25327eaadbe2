# SPDX-License-Identifier: MIT
"""Checks the tagged structure of a qujat PDF (issue 17), with pikepdf:

  check_tags.py FILE [--pair]

- /MarkInfo /Marked true, a /StructTreeRoot with a /ParentTree, and each
  page's /StructParents naming its entry there;
- every text-showing and painting operator of every page is inside marked
  content: an /Artifact, or an MCID that the ParentTree maps to a structure
  element which lists that MCID (on that page) in its /K;
- every MCID of the tree is drawn;
- with --pair (kk+ru): the elements that carry /Lang come in twins, kk then
  ru, in the order of the tree (the reading order), and so do the items of
  every list.
Prints the problems and exits 1, or prints "ok".
"""
import sys

import pikepdf

TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh"}


def main():
    path = sys.argv[1]
    pair = "--pair" in sys.argv[2:]
    pdf = pikepdf.open(path)
    problems = []
    root = pdf.Root
    if not (root.get("/MarkInfo") and bool(root.MarkInfo.get("/Marked"))):
        problems.append("no /MarkInfo /Marked true")
    tree = root.get("/StructTreeRoot")
    if tree is None:
        print("no /StructTreeRoot")
        return 1
    nums = tree.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}

    # MCIDs the tree claims, by page object id.
    claimed = set()

    def walk(elem, depth=0):
        if depth > 50:
            return
        kids = elem.get("/K")
        if kids is None:
            return
        if not isinstance(kids, pikepdf.Array):
            kids = [kids]
        page = elem.get("/Pg")
        for k in kids:
            if isinstance(k, int) or (hasattr(k, "__int__") and
                                      not isinstance(k, pikepdf.Dictionary)):
                claimed.add((page.objgen, int(k)))
            elif isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/MCR":
                claimed.add((k.Pg.objgen, int(k.MCID)))
            elif isinstance(k, pikepdf.Dictionary):
                walk(k, depth + 1)

    walk(tree)

    drawn = set()
    for n, page in enumerate(pdf.pages, 1):
        sp = page.obj.get("/StructParents")
        if sp is None:
            problems.append(f"page {n}: no /StructParents")
            continue
        owners = parents.get(int(sp))
        if owners is None:
            problems.append(f"page {n}: /StructParents {int(sp)} not in the ParentTree")
            continue
        stack = []  # (tag, mcid or None)
        for operands, op in pikepdf.parse_content_stream(page):
            op = str(op)
            if op in ("BDC", "BMC"):
                tag = str(operands[0])
                mcid = None
                if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                    m = operands[1].get("/MCID")
                    mcid = int(m) if m is not None else None
                stack.append((tag, mcid))
                if mcid is not None:
                    drawn.add((page.obj.objgen, mcid))
                    if mcid >= len(owners):
                        problems.append(f"page {n}: MCID {mcid} has no parent")
                    elif (page.obj.objgen, mcid) not in claimed:
                        problems.append(f"page {n}: MCID {mcid} is not in its element's /K")
            elif op == "EMC":
                if not stack:
                    problems.append(f"page {n}: EMC without BDC")
                else:
                    stack.pop()
            elif op in TEXT_OPS or op in PAINT_OPS:
                inside = any(t == "/Artifact" or m is not None for t, m in stack)
                if not inside:
                    problems.append(f"page {n}: '{op}' outside the structure and artifacts")
        if stack:
            problems.append(f"page {n}: marked content left open")
    for page_id, mcid in sorted(claimed - drawn):
        problems.append(f"MCID {mcid} of the tree is not drawn")

    if pair:
        seq = []

        def langs(elem, depth=0):
            kids = elem.get("/K")
            if not isinstance(kids, pikepdf.Array):
                return
            for k in kids:
                if isinstance(k, pikepdf.Dictionary) and k.get("/S") is not None:
                    lang = k.get("/Lang")
                    if lang is not None:
                        seq.append((str(k.S), str(lang)))
                    else:
                        langs(k, depth + 1)

        langs(tree)
        if not seq:
            problems.append("no element has a /Lang")
        for i, (s, lang) in enumerate(seq):
            want = "kk" if i % 2 == 0 else "ru"
            if lang != want:
                problems.append(f"element {i} ({s}) is {lang}, expected {want}: "
                                "not Kazakh then its Russian twin")
                break
            if i % 2 == 1 and seq[i - 1][0] != s:
                problems.append(f"element {i}: {s} is the twin of {seq[i - 1][0]}")
                break
    for p in problems[:30]:
        print(p)
    if problems:
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
