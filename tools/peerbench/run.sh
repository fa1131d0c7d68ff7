#!/usr/bin/env bash
# Side by side, whole processes, one run: the label example against fpdf2 (and reportlab with
# TOOLS="fpdf2 reportlab") printing the same N different 4x6 labels into one PDF.
#
#   tools/peerbench/run.sh [N ...]        default: 1000 10000
#
# Each tool runs RUNS times (default 3) per N under /usr/bin/time; the table gives the median
# wall time, CPU time (user + sys) and peak resident memory, the PDF's bytes per label, and
# how many times faster shiplabel was. Our orders are the peers' labels (orders.py).
# Env: OUT=/tmp/peerbench  PEERS=<repo>/../shared/peers  RUNS=3  TOOLS=fpdf2  PY=<venv python>
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT=${OUT:-/tmp/peerbench}
PEERS=${PEERS:-$REPO/../shared/peers}
RUNS=${RUNS:-3}
TOOLS=${TOOLS:-fpdf2}
export PYTHONDONTWRITEBYTECODE=1   # leave the peers' folder untouched
(( $# )) || set -- 1000 10000
mkdir -p "$OUT"

if [[ -z ${PY:-} ]]; then
  [[ -x $OUT/venv/bin/python ]] || {
    python3 -m venv "$OUT/venv"
    "$OUT/venv/bin/pip" install -q -r "$PEERS/requirements.txt"
  }
  PY=$OUT/venv/bin/python
fi
(cd "$REPO" && cargo build -q --release --example label)
LABEL=${CARGO_TARGET_DIR:-$REPO/target}/release/examples/label

# One measured run: prints "wall cpu peak_mib".
measure() {
  /usr/bin/time -f '%e %U %S %M' -o "$OUT/time" "$@" >/dev/null 2>"$OUT/stderr" || {
    cat "$OUT/stderr" >&2; exit 1; }
  awk '{ printf "%.3f %.3f %.1f\n", $1, $2 + $3, $4 / 1024 }' "$OUT/time"
}
# The median of RUNS runs of a command, by wall time.
median() {
  for _ in $(seq "$RUNS"); do measure "$@"; done | sort -n | awk -v r="$RUNS" 'NR == int((r + 1) / 2)'
}

echo '| labels | tool | wall (s) | CPU (s) | peak (MiB) | bytes/label | wall × | CPU × |'
echo '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |'
for n in "$@"; do
  "$PY" "$HERE/orders.py" "$PEERS" "$n" > "$OUT/orders-$n.jsonl"
  read -r ours_wall ours_cpu ours_peak < <(median "$LABEL" "$OUT/orders-$n.jsonl" -o "$OUT/shiplabel-$n.pdf")
  bytes=$(stat -c %s "$OUT/shiplabel-$n.pdf")
  printf '| %s | shiplabel | %s | %s | %s | %s | | |\n' "$n" "$ours_wall" "$ours_cpu" "$ours_peak" \
    "$(awk -v b="$bytes" -v n="$n" 'BEGIN { printf "%.0f", b / n }')"
  for tool in $TOOLS; do
    case $tool in fpdf2) script=fpdf2_label.py ;; reportlab) script=rl_label.py ;;
      *) echo "unknown tool $tool" >&2; exit 2 ;; esac
    read -r wall cpu peak < <(median "$PY" "$PEERS/$script" multi "$n" "$OUT/$tool-$n.pdf")
    bytes=$(stat -c %s "$OUT/$tool-$n.pdf")
    awk -v n="$n" -v t="$tool" -v w="$wall" -v c="$cpu" -v p="$peak" -v b="$bytes" \
        -v ow="$ours_wall" -v oc="$ours_cpu" 'BEGIN {
      printf "| %s | %s | %s | %s | %s | %.0f | %.0f | %.0f |\n", n, t, w, c, p, b / n, w / ow, c / oc }'
  done
done
