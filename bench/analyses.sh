#!/usr/bin/env bash
# similar, dynamics and compare over a Parquet directory of 200,000
# synthetic responses: whole-process wall time, user CPU time and peak RSS
# (/usr/bin/time), medians of RUNS runs (each figure its own median: on a
# shared machine the CPU time varies less than the wall time).
# Usage: bench/analyses.sh [RUNS] [BINARY]   (default 3, a fresh build)
# BENCH_DIR (default /tmp/rejoinder-bench) keeps the data between runs.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=${BENCH_DIR:-/tmp/rejoinder-bench}
mkdir -p "$work"
bin=${2:-}
if [ -z "$bin" ]; then
  go build -o bin/rejoinder ./cmd/rejoinder
  bin=bin/rejoinder
fi
data="$work/parquet200k"
if [ ! -f "$data/responses.parquet" ]; then
  "$bin" gen --cases 2000 --responses 200000 --seed 1 --out "$data" >/dev/null
fi
# median_of prints the median of the numbers on standard input.
median_of() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "similar, dynamics, compare over 200,000 responses in Parquet (median of $runs runs)"
printf '  %-32s %8s %8s %8s\n' command wall user 'peak RSS'
while IFS='|' read -r name args; do
  for _ in $(seq "$runs"); do
    # shellcheck disable=SC2086 # args are words
    /usr/bin/time -f "%e %U %M" -o "$work/time.txt" "$bin" $args --data "$data" </dev/null >/dev/null
    cat "$work/time.txt"
  done >"$work/times.txt"
  wall=$(awk '{print $1}' "$work/times.txt" | median_of)
  user=$(awk '{print $2}' "$work/times.txt" | median_of)
  kb=$(awk '{print $3}' "$work/times.txt" | median_of)
  printf '  %-32s %6.2f s %6.2f s %5d MB\n' "$name" "$wall" "$user" $((kb / 1024))
done <<'LIST'
similar CASE --top 3|similar syn-000001 --top 3
similar --matrix|similar --matrix --format csv
dynamics|dynamics --format csv
dynamics CASE|dynamics syn-000001 --format csv
compare CASE CASE|compare syn-000001 syn-000002
LIST
