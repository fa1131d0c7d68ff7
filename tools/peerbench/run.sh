#!/usr/bin/env bash
# Side by side, whole processes: the label example against fpdf2 (and reportlab with
# TOOLS="fpdf2 reportlab") printing the same N different 4x6 labels into one PDF.
#
#   tools/peerbench/run.sh [N ...]        default: 1000 10000
#
# Each tool runs RUNS times (default 3) per N under measure.py; the table gives the median
# of each figure over the runs (wall time, CPU time as user + sys, peak resident memory), the
# PDF's bytes per label, and how many times less wall and CPU time shiplabel took. Our orders
# are the peers' labels (orders.py). Any failed run stops the script with its message.
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
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a whole number of 1 or more: $RUNS" >&2; exit 2; }
mkdir -p "$OUT"

if [[ -z ${PY:-} ]]; then
  [[ -x $OUT/venv/bin/python ]] || {
    python3 -m venv "$OUT/venv"
    "$OUT/venv/bin/pip" install -q -r "$PEERS/requirements.txt"
  }
  PY=$OUT/venv/bin/python
fi
(cd "$REPO" && cargo build -q --release --example label)
# Where cargo put it, whatever CARGO_TARGET_DIR or .cargo/config say.
TARGET=$(cd "$REPO" && cargo metadata --format-version 1 --no-deps |
  "$PY" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
LABEL=$TARGET/release/examples/label

# One measured run, appended to $OUT/runs as "wall cpu peak_mib" (measure.py: CPU time to
# the millisecond from getrusage, where /usr/bin/time cuts it to the hundredth, and peak
# memory from /usr/bin/time); a failed run stops here.
measure() {
  if ! "$PY" "$HERE/measure.py" "$OUT/runs" "$@" 2>"$OUT/stderr"; then
    echo "failed: $*" >&2
    cat "$OUT/stderr" >&2
    exit 1
  fi
}
# Runs a command RUNS times; sets wall, cpu and peak to the median of each figure (the
# lower of the middle two for an even RUNS).
median() {
  : > "$OUT/runs"
  for _ in $(seq "$RUNS"); do measure "$@"; done
  local column
  for column in 1 2 3; do
    cut -d' ' -f"$column" "$OUT/runs" | sort -n | awk -v r="$RUNS" 'NR == int((r + 1) / 2)'
  done > "$OUT/medians"
  { read -r wall; read -r cpu; read -r peak; } < "$OUT/medians"
}
# a / b to the nearest whole number, or "-" when b rounds to 0.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f", a / b; else printf "-" }'; }

echo '| labels | tool | wall (s) | CPU (s) | peak (MiB) | bytes/label | wall × | CPU × |'
echo '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |'
for n in "$@"; do
  "$PY" "$HERE/orders.py" "$PEERS" "$n" > "$OUT/orders-$n.jsonl"
  median "$LABEL" "$OUT/orders-$n.jsonl" -o "$OUT/shiplabel-$n.pdf"
  ours_wall=$wall ours_cpu=$cpu
  bytes=$(stat -c %s "$OUT/shiplabel-$n.pdf")
  printf '| %s | shiplabel | %s | %s | %s | %s | | |\n' "$n" "$wall" "$cpu" "$peak" \
    "$(awk -v b="$bytes" -v n="$n" 'BEGIN { printf "%.0f", b / n }')"
  for tool in $TOOLS; do
    case $tool in fpdf2) script=fpdf2_label.py ;; reportlab) script=rl_label.py ;;
      *) echo "unknown tool $tool" >&2; exit 2 ;; esac
    median "$PY" "$PEERS/$script" multi "$n" "$OUT/$tool-$n.pdf"
    bytes=$(stat -c %s "$OUT/$tool-$n.pdf")
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$tool" "$wall" "$cpu" "$peak" \
      "$(awk -v b="$bytes" -v n="$n" 'BEGIN { printf "%.0f", b / n }')" \
      "$(ratio "$wall" "$ours_wall")" "$(ratio "$cpu" "$ours_cpu")"
  done
done
