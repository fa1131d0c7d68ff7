"""Writing a scanbench manifest: one JSON list of pages and what each should decode to."""
import json
import sys


def write(entries, out):
    """Writes `entries` to the file `out`, or to standard output when `out` is empty."""
    text = json.dumps(entries, indent=1, ensure_ascii=False) + "\n"
    if out:
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)
        print("%s: %d pages" % (out, len(entries)), file=sys.stderr)
    else:
        sys.stdout.write(text)
