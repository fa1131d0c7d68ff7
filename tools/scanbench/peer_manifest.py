#!/usr/bin/env python3
"""Manifest for the peer labels: page i+1 of a multi-page peer PDF is label i.

usage: peer_manifest.py [--peers DIR] [-o OUT.json] SOURCE=PDF [SOURCE=PDF ...]
  e.g. peer_manifest.py reportlab=/tmp/scanbench/peers/reportlab-20.pdf \
                        fpdf2=/tmp/scanbench/peers/fpdf2-20.pdf

The expected texts come from the peers' own labeldata.py (imported, not
copied): Code 128 = label(i)["order"], QR = label(i)["qr_payload"].
"""
import argparse
import os
import re
import subprocess
import sys

import manifest

sys.dont_write_bytecode = True   # the peers' folder may be read-only; leave it untouched


def page_count(pdf):
    out = subprocess.run(["pdfinfo", pdf], check=True, stdout=subprocess.PIPE).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def main():
    ap = argparse.ArgumentParser(description="manifest for the peer labels")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--peers", default=os.path.join(here, "..", "..", "..", "shared", "peers"),
                    help="folder with labeldata.py (default: ../shared/peers beside the repository)")
    ap.add_argument("-o", "--out", help="write here (default: stdout)")
    ap.add_argument("pdfs", nargs="+", metavar="SOURCE=PDF")
    a = ap.parse_args()
    sys.path.insert(0, os.path.abspath(a.peers))
    import labeldata

    entries = []
    for arg in a.pdfs:
        source, sep, pdf = arg.partition("=")
        if not sep:
            raise SystemExit("expected SOURCE=PDF, got %r" % arg)
        pdf = os.path.abspath(pdf)
        for i in range(page_count(pdf)):
            d = labeldata.label(i)
            entries.append({"pdf": pdf, "page": i + 1, "code128": d["order"],
                            "qr": d["qr_payload"], "source": source})
    manifest.write(entries, a.out)


if __name__ == "__main__":
    main()
