"""Decode rates of a scanbench run with our labels grouped by their Code 128 module.

The peers print every label with 4-dot bars; ours get the widest module the order number
leaves room for (3 to 8 dots at 203 dpi), so a fair comparison sets our labels of each
module beside the peers'. The module of each of our pages is read from its layout dump
(tests/golden/<label>.txt).

    python3 by_module.py /tmp/scanbench/results-golden.json

prints, per symbology and rasterizer, a row per degradation with zbar/ZXing percentages
for each group (ours-X3, ours-X4, ..., and each peer tool).
"""
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "..", "tests", "golden")


def group(page):
    if page["source"] != "ours":
        return page["source"]
    dump = open(os.path.join(GOLDEN, page["label"] + ".txt"), encoding="utf-8").read()
    module = re.search(r"^code128 \S+ \S+ module (\d+)", dump, re.M).group(1)
    dpi = re.search(r"^page .*, (\d+) dpi", dump, re.M).group(1)
    return "ours-X%s%s" % (module, "" if dpi == "203" else "@%sdpi" % dpi)


def main():
    results = json.load(open(sys.argv[1], encoding="utf-8"))
    groups = collections.defaultdict(list)
    for page in results["pages"]:
        groups[group(page)].append(page)
    names = sorted(groups, key=lambda g: (not g.startswith("ours"), g))
    keys = list(results["pages"][0]["results"])
    rasterizers = list(dict.fromkeys(k.split("/")[0] for k in keys))
    degradations = list(dict.fromkeys(k.split("/")[1].split("-")[0] for k in keys))
    for symbology in ("code128", "qr"):
        for rasterizer in rasterizers:
            print("\n%s, %s (zbar/ZXing %%)" % (symbology, rasterizer))
            print("| degradation | " + " | ".join("%s (%d)" % (g, len(groups[g])) for g in names) + " |")
            print("|---" * (len(names) + 1) + "|")
            for degradation in degradations:
                cells = []
                for g in names:
                    rates = []
                    for decoder in ("zbar", "zxing"):
                        trials = [p["results"][k] for p in groups[g] for k in p["results"]
                                  if k.startswith("%s/%s" % (rasterizer, degradation))
                                  and k.endswith("/%s/%s" % (symbology, decoder))]
                        rates.append("%.0f" % (100.0 * sum(trials) / len(trials)) if trials else "-")
                    cells.append("/".join(rates))
                print("| %s | %s |" % (degradation, " | ".join(cells)))


if __name__ == "__main__":
    main()
