#!/usr/bin/env bash
# scanbench, end to end:  tools/scanbench/run.sh [NAME [MANIFEST.json ...]]
#
#  1. installs the rasterizers/zbar with apt-get if any is missing;
#  2. makes the venv $OUT/venv from requirements.txt + the peers' requirements;
#  3. makes N labels with each peer tool ($OUT/peers/<tool>-N.pdf) + their manifest;
#  4. without MANIFESTs, builds $OUT/manifest-golden.json from tests/golden;
#  5. measures peers + manifests, prints Markdown, writes $OUT/results-NAME.{json,md}.
#
# Env: OUT=/tmp/scanbench  PEERS=<repo>/../shared/peers  N=20  JOBS=<cores>
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-/tmp/scanbench}
# The project's shared folder sits beside the repository.
PEERS=${PEERS:-$(cd "$HERE/../.." && pwd)/../shared/peers}
N=${N:-20}
NAME=${1:-golden}
shift $(( $# > 0 ? 1 : 0 ))
export PYTHONDONTWRITEBYTECODE=1   # leave the peers' (maybe read-only) folder untouched

# 1. system tools
missing=()
for pair in pdftoppm:poppler-utils pdftocairo:poppler-utils gs:ghostscript mutool:mupdf-tools \
            zbarimg:zbar-tools; do
  command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
done
[[ -e /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf ]] || missing+=(fonts-noto-core)
ldconfig -p | grep -q 'libzbar\.so\.0' || missing+=(libzbar0)
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
if (( ${#missing[@]} )); then
  echo "installing: ${missing[*]}" >&2
  apt-get update -q && apt-get install -y -q "${missing[@]}" >&2
fi

# 2. venv (re-installed when either requirements file changes)
mkdir -p "$OUT/peers"
PY=$OUT/venv/bin/python
want=$(cat "$HERE/requirements.txt" "$PEERS/requirements.txt")
if [[ ! -x $PY ]] || [[ "$(cat "$OUT/venv/.scanbench-req" 2>/dev/null)" != "$want" ]]; then
  python3 -m venv "$OUT/venv"
  "$PY" -m pip install -q -r "$HERE/requirements.txt" -r "$PEERS/requirements.txt" >&2
  printf '%s' "$want" > "$OUT/venv/.scanbench-req"
fi

# 3. peer labels, written under $OUT only
"$PY" "$PEERS/rl_label.py" multi "$N" "$OUT/peers/reportlab-$N.pdf" >/dev/null
"$PY" "$PEERS/fpdf2_label.py" multi "$N" "$OUT/peers/fpdf2-$N.pdf" >/dev/null
"$PY" "$HERE/peer_manifest.py" --peers "$PEERS" -o "$OUT/manifest-peers.json" \
  "reportlab=$OUT/peers/reportlab-$N.pdf" "fpdf2=$OUT/peers/fpdf2-$N.pdf"

# 4. our labels
if (( $# == 0 )); then
  "$PY" "$HERE/manifest_from_golden.py" -o "$OUT/manifest-golden.json"
  set -- "$OUT/manifest-golden.json"
fi

# 5. measure
exec "$PY" "$HERE/scanbench.py" --name "$NAME" --out "$OUT" ${JOBS:+--jobs "$JOBS"} \
  "$OUT/manifest-peers.json" "$@"
