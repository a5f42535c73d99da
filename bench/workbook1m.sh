#!/usr/bin/env bash
# Workbook of 1,000,000 synthetic responses: `rejoinder export xlsx` against
# XlsxWriter in constant_memory mode (the way to write a sheet this big from
# Python; pandas holds it all), fed row by row from the same tables as CSV,
# in the same run. Whole-process wall time and peak RSS, medians of RUNS.
# The data: `rejoinder gen --responses RESPONSES --cases CASES --seed 7`;
# few cases means many responses per case, the shape that used to make
# memory grow (issue 23).
# Needs Debian's python3-xlsxwriter (installed if missing).
# Usage: bench/workbook1m.sh [RUNS] [RESPONSES] [CASES]   (defaults 3, 1000000, 100)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
n=${2:-1000000}
cases=${3:-100}
work=${BENCH_DIR:-/tmp/rejoinder-bench-wb-$n-$cases}
mkdir -p "$work"
source bench/lib.sh
if ! /usr/bin/python3 -c 'import xlsxwriter' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-xlsxwriter >/dev/null
fi
go build -o bin/rejoinder ./cmd/rejoinder
[ -f "$work/parquet/responses.parquet" ] || bin/rejoinder gen --responses "$n" --cases "$cases" --seed 7 --out "$work/parquet" >/dev/null
[ -f "$work/csv/responses.csv" ] || bin/rejoinder export csv --data "$work/parquet" --out "$work/csv" >/dev/null
read -r ours_s ours_kb < <(median_time bin/rejoinder export xlsx --data "$work/parquet" --out "$work/rejoinder.xlsx")
read -r peer_s peer_kb < <(median_time /usr/bin/python3 bench/workbook_xlsxwriter.py "$work/csv" "$work/xlsxwriter.xlsx")
sheets=$(/usr/bin/python3 -c "import sys,zipfile,re; z=zipfile.ZipFile(sys.argv[1]); print(sum(1 for n in z.namelist() if n.startswith('xl/worksheets/sheet')))" "$work/rejoinder.xlsx")
printf "workbook of %'d synthetic responses over %'d cases and the other four tables (median of %d runs; wall time, peak RSS)\n" "$n" "$cases" "$runs"
awk -v a="$ours_s" -v am="$ours_kb" -v b="$peer_s" -v bm="$peer_kb" -v sheets="$sheets" 'BEGIN {
  printf "  %-44s %6.1f s %7.0f MB\n", "rejoinder export xlsx (" sheets " sheets)", a, am/1024
  printf "  %-44s %6.1f s %7.0f MB\n", "XlsxWriter constant_memory, the five tables", b, bm/1024
  printf "  XlsxWriter / rejoinder: %.1fx the time; rejoinder / XlsxWriter: %.0fx the memory\n", b/a, am/bm
}'
