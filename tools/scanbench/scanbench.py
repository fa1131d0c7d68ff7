#!/usr/bin/env python3
"""scanbench: how robustly do the barcodes on PDF labels decode after printing?

Each manifest entry names one PDF page and the texts its Code 128 and QR must
decode to. Every page is rasterized at 203 dpi, 1 bit, by four rasterizers,
degraded in six ways, and each symbol is decoded by zbar and by ZXing-C++.
A decode counts only if a decoded text equals the expected text exactly.

usage: scanbench.py [--name NAME] [--out DIR] [--jobs N] MANIFEST.json [...]

MANIFEST: [{"pdf": path, "page": 1, "code128": "...", "qr": "...",
            "source": "ours"}, ...]  ("source" defaults to the file's stem;
relative "pdf" paths are taken from the manifest's folder; other keys are
kept as they are.) See README.md.
"""
import argparse
import datetime
import io
import json
import os
import platform
import subprocess
import sys
import tempfile
import zlib
from collections import Counter, defaultdict
from importlib import metadata
from multiprocessing import Pool

import numpy as np
import zxingcpp
from PIL import Image
from pyzbar import pyzbar
from scipy import ndimage

RASTERIZERS = ("poppler", "gs", "mupdf", "cairo")
DEGRADATIONS = ("clean", "dotgain1", "blur2", "down40", "down30", "phone")
SYMBOLOGIES = ("code128", "qr")
DECODERS = ("zbar", "zxing")

DEGRADATION_TEXT = {
    "clean": "the 1-bit raster as it is",
    "dotgain1": "black grown 1 px on every side (3x3 binary erosion of white)",
    "blur2": "Gaussian blur, sigma 2 px, on 0..255 grey",
    "down40": "area downscale to 40 %, bilinear back up to full size (at 4 seeded "
              "sub-pixel phases of the small grid; the row counts those 4 trials per page)",
    "down30": "area downscale to 30 %, bilinear back up to full size (4 phases, as down40)",
    "phone": "5 % perspective warp (one edge 5 % shorter than the opposite one, plus a random "
             "sub-pixel shift; each page "
             "is tried with the top, bottom, left and right edge shortened and the row counts "
             "those 4 trials per page), area downscale to 40 % (kept small), blur sigma 1, "
             "Gaussian noise sigma 1 % of 255, JPEG quality 50",
}
# Where a symbol sits on the page decides how much a one-sided perspective warp
# distorts it, so "phone" runs four tilts and counts them all.
TILTS = ("top", "bottom", "left", "right")
# A downscaled image samples the symbol at one phase of its grid, and whether 1.2 pixels a
# module decode depends on that phase: every page of a peer's batch puts its symbol at the
# same place, so one phase would decide all of them. Downscaling is therefore tried at four
# seeded sub-pixel shifts of the small grid, as the phone chain is at four tilts.
PHASES = ("a", "b", "c", "d")
VARIANTS = {d: (["phone-" + t for t in TILTS] if d == "phone"
                else [d + "-" + p for p in PHASES] if d.startswith("down")
                else [d]) for d in DEGRADATIONS}


# ---------------------------------------------------------------- rasterizing

def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (cmd[0], p.returncode,
                                                   p.stderr.decode(errors="replace").strip()))


def rasterize(pdf, page, rasterizer, dpi, tmp):
    """Return the page as a bool array, True where the printer puts a dot."""
    base = os.path.join(tmp, rasterizer)
    r, p = str(dpi), str(page)
    if rasterizer == "poppler":
        run(["pdftoppm", "-mono", "-r", r, "-f", p, "-l", p, "-singlefile", pdf, base])
        path = base + ".pbm"
    elif rasterizer == "gs":
        path = base + ".pbm"
        run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pbmraw", "-r" + r,
             "-dGraphicsAlphaBits=1", "-dTextAlphaBits=1",
             "-dFirstPage=" + p, "-dLastPage=" + p, "-sOutputFile=" + path, pdf])
    elif rasterizer == "mupdf":   # anti-aliased grey, thresholded at 50 % below
        path = base + ".pgm"
        run(["mutool", "draw", "-q", "-r", r, "-c", "gray", "-o", path, pdf, p])
    elif rasterizer == "cairo":
        run(["pdftocairo", "-png", "-gray", "-r", r, "-antialias", "none",
             "-f", p, "-l", p, "-singlefile", pdf, base])
        path = base + ".png"
    else:
        raise ValueError(rasterizer)
    with Image.open(path) as im:
        grey = np.asarray(im.convert("L"))
    os.remove(path)
    return grey < 128


# ---------------------------------------------------------------- degrading

def to_u8(a):
    return np.clip(np.rint(a), 0, 255).astype(np.uint8)


def perspective_coeffs(dst, src):
    """Pillow PERSPECTIVE coefficients mapping output points dst to input src."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -x * u, -y * u])
        rows.append([0, 0, 0, x, y, 1, -x * v, -y * v])
        rhs += [u, v]
    return np.linalg.solve(np.array(rows, float), np.array(rhs, float)).tolist()


def phone_chain(grey, tilt, seed):
    h, w = grey.shape
    d = 0.025   # the far edge's two corners move inwards by 2.5 % each: 5 % shorter
    src = [(0, 0), (w, 0), (w, h), (0, h)]   # TL TR BR BL
    dst = {"top": [(d * w, 0), ((1 - d) * w, 0), (w, h), (0, h)],
           "bottom": [(0, 0), (w, 0), ((1 - d) * w, h), (d * w, h)],
           "left": [(0, d * h), (w, 0), (w, h), (0, (1 - d) * h)],
           "right": [(0, 0), (w, d * h), (w, (1 - d) * h), (0, h)]}[tilt]
    # a random sub-pixel shift of the 40 % grid, so that no module width is favoured
    # by happening to land on whole pixels of the downscaled image
    rng = np.random.default_rng(seed)
    sx, sy = rng.uniform(0.0, 1 / 0.4, 2)
    dst = [(x + sx, y + sy) for x, y in dst]
    im = Image.fromarray(grey).transform((w, h), Image.Transform.PERSPECTIVE,
                                         perspective_coeffs(dst, src),
                                         Image.Resampling.BILINEAR, fillcolor=255)
    im = im.resize((round(w * 0.4), round(h * 0.4)), Image.Resampling.BOX)
    a = ndimage.gaussian_filter(np.asarray(im, np.float32), 1.0)
    a += rng.normal(0.0, 0.01 * 255, a.shape)
    buf = io.BytesIO()
    Image.fromarray(to_u8(a)).save(buf, "JPEG", quality=50)
    buf.seek(0)
    with Image.open(buf) as jpg:
        return np.asarray(jpg.convert("L"))


def down_up(grey, f, seed):
    h, w = grey.shape
    # the small grid shifted by a seeded fraction of its pixel (pad white, then crop)
    sx, sy = (int(v) for v in np.random.default_rng(seed).integers(0, round(1 / f), 2))
    shifted = np.full_like(grey, 255)
    shifted[sy:, sx:] = grey[:h - sy, :w - sx]
    im = Image.fromarray(shifted).resize((round(w * f), round(h * f)), Image.Resampling.BOX)
    return np.asarray(im.resize((w, h), Image.Resampling.BILINEAR))


def degrade(ink, name, seed):
    """ink: bool dots -> 8-bit grey image (0 = black) as a scanner would see it."""
    grey = np.where(ink, 0, 255).astype(np.uint8)
    if name == "clean":
        return grey
    if name == "dotgain1":
        grown = ndimage.binary_dilation(ink, structure=np.ones((3, 3), bool))
        return np.where(grown, 0, 255).astype(np.uint8)
    if name == "blur2":
        return to_u8(ndimage.gaussian_filter(grey.astype(np.float32), 2.0))
    if name.startswith("down40-"):
        return down_up(grey, 0.4, seed)
    if name.startswith("down30-"):
        return down_up(grey, 0.3, seed)
    if name.startswith("phone-"):
        return phone_chain(grey, name[6:], seed)
    raise ValueError(name)


# ---------------------------------------------------------------- decoding

ZBAR_SYM = {"code128": pyzbar.ZBarSymbol.CODE128, "qr": pyzbar.ZBarSymbol.QRCODE}
# zxing-cpp's "QRCode" also means Micro QR and rMQR, which zbar does not read and which
# it finds (wrongly) in noise; the labels carry QR Model 2, so ask for that alone.
ZXING_FMT = {"code128": zxingcpp.BarcodeFormat.Code128,
             "qr": zxingcpp.BarcodeFormat.QRCodeModel2}


def decode(grey, symbology, decoder):
    """All symbols of one symbology found by one decoder: [(text, corners)]."""
    if decoder == "zbar":
        h, w = grey.shape
        found = pyzbar.decode((np.ascontiguousarray(grey).tobytes(), w, h),
                              symbols=[ZBAR_SYM[symbology]])
        return [(r.data.decode("utf-8", "replace"), [(p.x, p.y) for p in r.polygon])
                for r in found]
    found = zxingcpp.read_barcodes(grey, formats=ZXING_FMT[symbology],
                                   text_mode=zxingcpp.TextMode.Plain)
    out = []
    for b in found:
        q = b.position
        out.append((b.text, [(c.x, c.y) for c in (q.top_left, q.top_right,
                                                   q.bottom_right, q.bottom_left)]))
    return out


# ---------------------------------------------------------------- bar widths

def measure_bars(ink, corners):
    """Bar/space widths in dots along the middle row of a decoded Code 128.

    A Code 128 of n symbol characters (incl. start and check) has 6n+7
    elements and 11n+13 modules, so the module width is total/modules. Each
    element should be a whole number of modules of a whole number of dots;
    "excess" is how many dots wider than that bars (or spaces) are on average.
    """
    h, w = ink.shape
    xs = [c[0] for c in corners]
    ys = [c[1] for c in corners]
    y = min(h - 1, max(0, int(round(sum(ys) / len(ys)))))
    x0, x1 = max(0, min(xs) - 8), min(w, max(xs) + 9)
    row = ink[y, x0:x1]
    dark = np.flatnonzero(row)
    if dark.size == 0:
        return None
    seg = row[dark[0]:dark[-1] + 1].astype(np.int8)
    edges = np.flatnonzero(np.diff(seg)) + 1
    runs = np.diff(np.concatenate(([0], edges, [seg.size])))
    res = {"row": y, "elements": int(runs.size), "total_dots": int(runs.sum())}
    if (runs.size - 7) % 6 != 0 or runs.size < 13:
        res["ok"] = False
        return res
    modules = (runs.size - 7) // 6 * 11 + 13
    x = runs.sum() / modules
    xi = max(1, int(round(x)))
    k = np.maximum(1, np.rint(runs / x)).astype(int)
    dev = runs - k * xi
    bars, spaces = runs[0::2], runs[1::2]
    res.update({
        "ok": True,
        "modules": int(modules),
        "module_dots": round(float(x), 3),
        "exact": bool(np.all(dev == 0)),
        "bar_excess": round(float(dev[0::2].mean()), 3),
        "space_excess": round(float(dev[1::2].mean()), 3),
        "bar_widths": dict(sorted(Counter(int(v) for v in bars).items())),
        "space_widths": dict(sorted(Counter(int(v) for v in spaces).items())),
    })
    return res


# ---------------------------------------------------------------- one page

def seed_for(entry, rasterizer, variant):
    key = "%s:%d:%s:%s" % (os.path.basename(entry["pdf"]), entry["page"], rasterizer, variant)
    return zlib.crc32(key.encode())


def measure_page(job):
    idx, entry, opts = job
    rec = {"index": idx, "results": {}, "bars": {}, "misreads": [], "errors": []}
    with tempfile.TemporaryDirectory(prefix="scanbench-") as tmp:
        for rz in opts["rasterizers"]:
            try:
                ink = rasterize(entry["pdf"], entry["page"], rz, opts["dpi"], tmp)
            except Exception as e:   # a failed rasterizer counts as no decode
                rec["errors"].append("%s: %s" % (rz, e))
                for dg in opts["variants"]:
                    for sym in SYMBOLOGIES:
                        for dec in DECODERS:
                            rec["results"]["%s/%s/%s/%s" % (rz, dg, sym, dec)] = False
                continue
            where = {}
            for dg in opts["variants"]:
                grey = degrade(ink, dg, seed_for(entry, rz, dg))
                if opts["save_images"]:
                    d = os.path.join(opts["save_images"], rz, dg)
                    os.makedirs(d, exist_ok=True)
                    Image.fromarray(grey).save(os.path.join(d, "%04d.png" % idx))
                for sym in SYMBOLOGIES:
                    want = entry[sym]
                    for dec in DECODERS:
                        found = decode(grey, sym, dec)
                        ok = any(t == want for t, _ in found)
                        rec["results"]["%s/%s/%s/%s" % (rz, dg, sym, dec)] = ok
                        if not ok and found:
                            rec["misreads"].append({"key": "%s/%s/%s/%s" % (rz, dg, sym, dec),
                                                    "got": [t for t, _ in found]})
                        if dg == "clean" and sym == "code128":
                            where[dec] = [c for t, c in found if t == want]
            # bar widths along the symbol's middle row; zxing's corners span the bars
            hit = where.get("zxing") or where.get("zbar")
            if hit:
                rec["bars"][rz] = measure_bars(ink, hit[0])
    return rec


# ---------------------------------------------------------------- input/output

def load_manifests(paths):
    entries = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            items = json.load(f)
        base = os.path.dirname(os.path.abspath(path))
        stem = os.path.splitext(os.path.basename(path))[0]
        for n, e in enumerate(items):
            for k in ("pdf", "page", "code128", "qr"):
                if k not in e:
                    raise SystemExit("%s entry %d: missing %r" % (path, n, k))
            e = dict(e)
            e["pdf"] = os.path.join(base, e["pdf"])
            e["page"] = int(e["page"])
            e.setdefault("source", stem)
            entries.append(e)
    return entries


def tool_versions():
    def first_line(cmd):
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            lines = [l for l in p.stdout.decode(errors="replace").splitlines()
                     if l.strip() and "warning" not in l.lower()]
            return lines[0].strip() if lines else "?"
        except OSError:
            return "missing"
    v = {"python": platform.python_version(),
         "poppler": first_line(["pdftoppm", "-v"]),
         "ghostscript": first_line(["gs", "--version"]),
         "mupdf": first_line(["mutool", "-v"]),
         "zbarimg": first_line(["zbarimg", "--version"])}
    for pkg in ("numpy", "scipy", "pillow", "pyzbar", "zxing-cpp"):
        try:
            v[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            v[pkg] = "?"
    return v


def pct(ok, n):
    return round(100.0 * ok / n, 1) if n else None


def summarize(entries, recs, opts):
    sources = list(dict.fromkeys(e["source"] for e in entries))
    by_src = defaultdict(list)
    for r in recs:
        by_src[entries[r["index"]]["source"]].append(r)
    rows = []
    for src in sources:
        for rz in opts["rasterizers"]:
            for dg in opts["degradations"]:
                for sym in SYMBOLOGIES:
                    for dec in DECODERS:
                        oks = [r["results"]["%s/%s/%s/%s" % (rz, v, sym, dec)]
                               for r in by_src[src] for v in VARIANTS[dg]]
                        rows.append({"source": src, "rasterizer": rz, "degradation": dg,
                                     "symbology": sym, "decoder": dec,
                                     "pages": len(by_src[src]), "trials": len(oks),
                                     "decoded": sum(oks), "percent": pct(sum(oks), len(oks))})
    bars = []
    for src in sources:
        for rz in opts["rasterizers"]:
            ms = [r["bars"].get(rz) for r in by_src[src]]
            good = [m for m in ms if m and m.get("ok")]
            bw, sw = Counter(), Counter()
            for m in good:
                bw.update({int(k): v for k, v in m["bar_widths"].items()})
                sw.update({int(k): v for k, v in m["space_widths"].items()})
            bars.append({
                "source": src, "rasterizer": rz, "pages": len(ms), "measured": len(good),
                "exact": sum(m["exact"] for m in good),
                "module_dots": sorted({m["module_dots"] for m in good}),
                "bar_excess_mean": round(float(np.mean([m["bar_excess"] for m in good])), 3)
                if good else None,
                "space_excess_mean": round(float(np.mean([m["space_excess"] for m in good])), 3)
                if good else None,
                "bar_widths": dict(sorted(bw.items())), "space_widths": dict(sorted(sw.items())),
            })
    return sources, rows, bars


def page_name(e):
    return "%s p%d" % (e.get("label") or os.path.basename(e["pdf"]), e["page"])


def markdown(name, entries, sources, rows, bars, recs, opts):
    n_src = Counter(e["source"] for e in entries)
    idx = {(r["source"], r["rasterizer"], r["degradation"], r["symbology"], r["decoder"]): r
           for r in rows}
    out = ["# scanbench: %s" % name, "",
           "%% of pages whose symbol decoded to exactly the expected text (phone, down40, "
           "down30: of the 4 tilts or phases x pages); %d dpi, 1 bit. Pages: %s." %
           (opts["dpi"], ", ".join("%s %d" % (s, n_src[s]) for s in sources)), ""]
    for sym, title in (("code128", "Code 128"), ("qr", "QR")):
        out.append("## %s" % title)
        out.append("")
        head = ["rasterizer", "degradation"] + ["%s %s" % (s, d) for s in sources for d in DECODERS]
        out.append("| " + " | ".join(head) + " |")
        out.append("|" + "---|" * 2 + "---:|" * (len(head) - 2))
        for rz in opts["rasterizers"]:
            for dg in opts["degradations"]:
                cells = []
                for s in sources:
                    for d in DECODERS:
                        p = idx[(s, rz, dg, sym, d)]["percent"]
                        cells.append("-" if p is None else "%g" % p)
                out.append("| %s | %s | %s |" % (rz, dg, " | ".join(cells)))
        out.append("")
    out += ["## Code 128 bar widths (clean raster, middle row, in dots)", "",
            "exact = pages where every bar and space is a whole number of modules of a whole "
            "number of dots; excess = mean dots beyond that per bar / per space.", "",
            "| source | rasterizer | measured | exact | module (dots) | bar excess | "
            "space excess | bar widths: count | space widths: count |",
            "|---|---|---:|---:|---|---:|---:|---|---|"]
    for b in bars:
        fmt = lambda c: " ".join("%d:%d" % kv for kv in c.items())
        out.append("| %s | %s | %d/%d | %d | %s | %s | %s | %s | %s |" % (
            b["source"], b["rasterizer"], b["measured"], b["pages"], b["exact"],
            " ".join("%g" % m for m in b["module_dots"][:4]) +
            (" ..." if len(b["module_dots"]) > 4 else ""),
            b["bar_excess_mean"], b["space_excess_mean"], fmt(b["bar_widths"]),
            fmt(b["space_widths"])))
    out.append("")
    out.append("Pages whose bars are not whole modules of whole dots (clean raster):")
    odd = defaultdict(list)
    for r in recs:
        for rz, m in r["bars"].items():
            if m and not (m.get("ok") and m["exact"]):
                odd[(entries[r["index"]]["source"], rz)].append((page_name(entries[r["index"]]), m))
    for (src, rz), items in odd.items():
        out.append("- %s, %s, %d page(s): %s" % (src, rz, len(items), "; ".join(
            "%s module %s bars %+g spaces %+g" % (n, m.get("module_dots"), m.get("bar_excess", 0),
                                                  m.get("space_excess", 0))
            if m.get("ok") else "%s: %d elements, not a Code 128 row" % (n, m["elements"])
            for n, m in items[:3]) + ("; ..." if len(items) > 3 else "")))
    if not odd:
        out.append("- none")
    out.append("")
    mild = ("clean", "dotgain1", "blur2", "down40")
    out.append("Pages failing a mild degradation (%s), as rasterizer/degradation/symbology/"
               "decoder:" % ", ".join(mild))
    groups = defaultdict(list)   # pages that failed the same way, together
    for r in recs:
        keys = tuple(k for k, v in r["results"].items() if not v and k.split("/")[1] in mild)
        if keys:
            groups[(entries[r["index"]]["source"], keys)].append(page_name(entries[r["index"]]))
    for (src, keys), names in groups.items():
        out.append("- %s, %d page(s) (%s%s): %s" % (
            src, len(names), ", ".join(names[:4]), ", ..." if len(names) > 4 else "",
            ", ".join(keys)))
    if not groups:
        out.append("- none")
    out.append("")
    mis = [(entries[r["index"]], m) for r in recs for m in r["misreads"]]
    errs = [(entries[r["index"]], e) for r in recs for e in r["errors"]]
    out.append("Misreads (a symbol decoded to a different text): %d" % len(mis))
    for e, m in mis[:10]:
        out.append("- %s %s: %r" % (page_name(e), m["key"], m["got"]))
    if errs:
        out.append("")
        out.append("Rasterizer errors: %d" % len(errs))
        for e, msg in errs[:10]:
            out.append("- %s %s" % (page_name(e), msg))
    out.append("")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("manifests", nargs="+")
    ap.add_argument("--name", default="run", help="results go to OUT/results-NAME.{json,md}")
    ap.add_argument("--out", default="/tmp/scanbench")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--dpi", type=int, default=203)
    ap.add_argument("--rasterizers", default=",".join(RASTERIZERS))
    ap.add_argument("--degradations", default=",".join(DEGRADATIONS))
    ap.add_argument("--save-images", metavar="DIR",
                    help="also write every degraded image as DIR/rasterizer/degradation/NNNN.png")
    a = ap.parse_args()
    opts = {"dpi": a.dpi, "save_images": a.save_images,
            "rasterizers": [r for r in a.rasterizers.split(",") if r],
            "degradations": [d for d in a.degradations.split(",") if d]}
    for r in opts["rasterizers"]:
        if r not in RASTERIZERS:
            raise SystemExit("unknown rasterizer %r (have %s)" % (r, ", ".join(RASTERIZERS)))
    for d in opts["degradations"]:
        if d not in DEGRADATIONS:
            raise SystemExit("unknown degradation %r (have %s)" % (d, ", ".join(DEGRADATIONS)))
    opts["variants"] = [v for d in opts["degradations"] for v in VARIANTS[d]]

    entries = load_manifests(a.manifests)
    if not entries:
        raise SystemExit("no pages in the manifest(s)")
    for e in entries:
        if not os.path.isfile(e["pdf"]):
            raise SystemExit("no such PDF: %s" % e["pdf"])
    jobs = [(i, e, opts) for i, e in enumerate(entries)]
    recs = []
    with Pool(max(1, a.jobs)) as pool:
        for n, rec in enumerate(pool.imap_unordered(measure_page, jobs), 1):
            recs.append(rec)
            print("\r%d/%d pages" % (n, len(jobs)), end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    recs.sort(key=lambda r: r["index"])

    sources, rows, bars = summarize(entries, recs, opts)
    md = markdown(a.name, entries, sources, rows, bars, recs, opts)
    os.makedirs(a.out, exist_ok=True)
    result = {
        "name": a.name,
        "created": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "dpi": a.dpi, "manifests": [os.path.abspath(m) for m in a.manifests],
        "versions": tool_versions(),
        "degradations": {d: DEGRADATION_TEXT[d] for d in opts["degradations"]},
        "summary": rows, "bars": bars,
        "pages": [dict(entries[r["index"]], **{k: r[k] for k in
                                               ("results", "bars", "misreads", "errors")})
                  for r in recs],
    }
    jpath = os.path.join(a.out, "results-%s.json" % a.name)
    with open(jpath, "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, ensure_ascii=False)
    with open(os.path.join(a.out, "results-%s.md" % a.name), "w", encoding="utf-8") as f:
        f.write(md)
    print(md)
    print("wrote %s (and .md)" % jpath, file=sys.stderr)


if __name__ == "__main__":
    main()
