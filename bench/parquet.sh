#!/usr/bin/env bash
# CSV of 1,000,000 synthetic responses (and the other four tables, as
# `rejoinder export csv` writes them) to zstd Parquet: `rejoinder import
# csv` (validates every cell against the codebook, then writes) against
# DuckDB's COPY ... TO ... (FORMAT parquet) with two threads (no
# validation), on the same files in the same run. Whole-process wall time
# and peak RSS, medians of RUNS, and the size of the responses file.
# Needs node and npm (installed with apt-get if missing).
# Usage: bench/parquet.sh [RUNS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=${BENCH_DIR:-/tmp/rejoinder-bench}
source bench/lib.sh
need_duckdb
synthetic_1m
[ -f "$work/csv/responses.csv" ] || bin/rejoinder export csv --data "$work/parquet" --out "$work/csv" >/dev/null

read -r ours_s ours_kb < <(median_time bin/rejoinder import csv "$work/csv" --out "$work/imported")
read -r duck_s duck_kb < <(median_time node interop/duckdb_csv_to_parquet.mjs "$work/csv" "$work/duckdb")
ours_mb=$(stat -c %s "$work/imported/responses.parquet")
duck_mb=$(stat -c %s "$work/duckdb/responses.parquet")
echo "CSV of 1,000,000 responses (five tables) -> zstd Parquet (median of $runs runs; wall time, peak RSS, responses file)"
awk -v a="$ours_s" -v am="$ours_kb" -v af="$ours_mb" -v b="$duck_s" -v bm="$duck_kb" -v bf="$duck_mb" 'BEGIN {
  printf "  rejoinder import csv (validated)   %6.1f s %6.0f MB   %5.1f MB file\n", a, am/1024, af/1e6
  printf "  DuckDB COPY, 2 threads (unchecked) %6.1f s %6.0f MB   %5.1f MB file\n", b, bm/1024, bf/1e6
  printf "  rejoinder / DuckDB: %.1fx time, %.2fx file size\n", a/b, af/bf
}'
