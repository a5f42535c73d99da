#!/usr/bin/env bash
# Krippendorff's alpha of 1,000,000 codings with 10,000 distinct values
# (500,000 units, two coders, agreeing four times in five), from a CSV
# file, at every level: whole-process median wall time and peak RSS of
# `rejoinder reliability`, without the bootstrap and with 1000 samples at
# the interval level. No peer: the point is that it runs in seconds (the
# coincidence matrix it replaced ran for minutes at 10,000 values and ran
# out of memory at 100,000).
# Usage: bench/reliability.sh [RUNS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=${BENCH_DIR:-/tmp/rejoinder-bench}
mkdir -p "$work"
. bench/lib.sh
go build -o bin/rejoinder ./cmd/rejoinder
csv="$work/reliability-1m.csv"
if [ ! -f "$csv" ]; then
  awk 'BEGIN { srand(1); print "unit,coder,value"
    for (u = 1; u <= 500000; u++) {
      v = int(rand() * 10000) + 1; w = (rand() < 0.8) ? v : int(rand() * 10000) + 1
      print "u" u ",a," v; print "u" u ",b," w } }' > "$csv"
fi
echo "$(($(wc -l < "$csv") - 1)) codings, $(tail -n +2 "$csv" | cut -d, -f3 | sort -u | wc -l) distinct values; median of $runs runs"
for level in nominal ordinal interval ratio; do
  read -r s kb < <(median_time bin/rejoinder reliability --level "$level" --bootstrap 0 "$csv")
  echo "$level, --bootstrap 0: ${s} s, ${kb} KB peak"
done
read -r s kb < <(median_time bin/rejoinder reliability --level interval --bootstrap 1000 "$csv")
echo "interval, --bootstrap 1000: ${s} s, ${kb} KB peak"
