#!/usr/bin/env python3
"""Manifest for our golden labels, read from tests/golden/*.txt dumps.

usage: manifest_from_golden.py [--golden DIR] [--all] [-o OUT.json]

Each dump has one block per label, starting `page W x H pt, D dpi`, with
lines `code128 ... data "<text>"` and `qr ... data "<payload>"` (Rust debug
strings: \\n, \\", \\u{...} escapes). Block k is taken as PDF page k, so a
file is used only when it has as many blocks as its PDF has pages (sheets,
with several labels per page, are skipped and named on stderr).
By default only 4x6 in blocks (`page 288.00 x 432.00 pt`) are kept; --all
keeps every page size. The block's dpi goes into the entry as "label_dpi".
"""
import argparse
import glob
import os
import re
import subprocess
import sys

import manifest

HERE = os.path.dirname(os.path.abspath(__file__))
PAGE = re.compile(r"^page (\d+(?:\.\d+)?) x (\d+(?:\.\d+)?) pt(?:, (\d+) dpi)?")
DATA = re.compile(r'^(code128|qr)\b.*\bdata "((?:[^"\\]|\\.)*)"\s*$')
ESC = {"n": "\n", "r": "\r", "t": "\t", "0": "\0", "\\": "\\", '"': '"', "'": "'"}


def rust_unescape(s):
    """Undo Rust's {:?} escaping of a str (the quotes already removed)."""
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        n = s[i + 1]
        if n == "u":   # \u{1F600}
            end = s.index("}", i)
            out.append(chr(int(s[i + 3:end], 16)))
            i = end + 1
        elif n in ESC:
            out.append(ESC[n])
            i += 2
        else:
            raise ValueError("unknown escape \\%s in %r" % (n, s))
    return "".join(out)


def page_count(pdf):
    out = subprocess.run(["pdfinfo", pdf], check=True, stdout=subprocess.PIPE).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def parse_dump(path):
    """[{"size": "W x H", "dpi": D, "code128": [...], "qr": [...]}] per block."""
    blocks = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = PAGE.match(line)
            if m:
                blocks.append({"size": "%s x %s" % (m.group(1), m.group(2)),
                               "dpi": int(m.group(3)) if m.group(3) else None,
                               "code128": [], "qr": []})
                continue
            m = DATA.match(line)
            if m and blocks:
                blocks[-1][m.group(1)].append(rust_unescape(m.group(2)))
    return blocks


def main():
    ap = argparse.ArgumentParser(description="manifest from tests/golden dumps")
    ap.add_argument("--golden", default=os.path.join(HERE, "..", "..", "tests", "golden"))
    ap.add_argument("--all", action="store_true", help="every page size, not only 4x6 in")
    ap.add_argument("--source", default="ours")
    ap.add_argument("-o", "--out", help="write here (default: stdout)")
    a = ap.parse_args()

    entries = []
    for txt in sorted(glob.glob(os.path.join(a.golden, "*.txt"))):
        name = os.path.basename(txt)
        pdf = os.path.abspath(txt[:-4] + ".pdf")
        if not os.path.isfile(pdf):
            print("skip %s: no PDF" % name, file=sys.stderr)
            continue
        blocks = parse_dump(txt)
        pages = page_count(pdf)
        if len(blocks) != pages:
            print("skip %s: %d labels on %d PDF pages (sheet)" % (name, len(blocks), pages),
                  file=sys.stderr)
            continue
        for k, b in enumerate(blocks, 1):
            if not a.all and b["size"] != "288.00 x 432.00":
                print("skip %s page %d: %s pt" % (name, k, b["size"]), file=sys.stderr)
                continue
            if len(b["code128"]) != 1 or len(b["qr"]) != 1:
                print("skip %s page %d: %d code128, %d qr" % (name, k, len(b["code128"]),
                                                              len(b["qr"])), file=sys.stderr)
                continue
            entries.append({"pdf": pdf, "page": k, "code128": b["code128"][0], "qr": b["qr"][0],
                            "source": a.source, "label": name[:-4], "label_dpi": b["dpi"]})
    manifest.write(entries, a.out)


if __name__ == "__main__":
    main()
