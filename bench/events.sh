#!/usr/bin/env bash
# Event data at scale: 10,000,000 synthetic events in the GDELT 2.0 layout
# (rejoinder events gen, 10 files), filtered to accusations and responses
# between states and paired within 30 days. rejoinder (events ingest to
# year-partitioned Parquet, then events pairs to CSV) against DuckDB (npm
# @duckdb/node-api, two threads) running the SQL `rejoinder events sql
# --dialect duckdb` prints, from the same TSV files and from rejoinder's
# Parquet. Checks that all give the same pairs byte for byte, then prints
# medians of whole-process wall time and peak RSS, and ratios.
# Needs node and npm (installed with apt-get if missing).
# Usage: bench/events.sh [RUNS]   (default 3; EVENTS=N to change the size)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
events=${EVENTS:-10000000}
work=${BENCH_DIR:-/tmp/rejoinder-bench}
source bench/lib.sh
need_duckdb
go build -o bin/rejoinder ./cmd/rejoinder
ev="$work/events-$events"
if [ ! -f "$ev/raw/done" ]; then
  rm -rf "$ev"
  bin/rejoinder events gen --events "$events" --files 10 --seed 1 --out "$ev/raw" >/dev/null
  touch "$ev/raw/done"
fi
bin/rejoinder events sql --dialect duckdb --tsv "$ev/raw/*.CSV" --window 30d > "$ev/tsv.sql"
bin/rejoinder events sql --dialect duckdb --data "$ev/ds" --window 30d > "$ev/parquet.sql"
ingest=(bin/rejoinder events ingest "$ev"/raw/*.CSV --out "$ev/ds" --replace)
pairs=(bin/rejoinder events pairs --data "$ev/ds" --window 30d --format csv)

# Same pairs first, or the timings mean nothing.
"${ingest[@]}" >/dev/null 2>"$ev/ingest.log"
"${pairs[@]}" > "$ev/ours.csv"
node interop/duckdb_events.mjs "$ev/tsv.sql" "$ev/duck-tsv.csv" >/dev/null
node interop/duckdb_events.mjs "$ev/parquet.sql" "$ev/duck-parquet.csv" >/dev/null
for f in duck-tsv duck-parquet; do
  if ! cmp -s "$ev/ours.csv" "$ev/$f.csv"; then
    echo "rejoinder and DuckDB ($f) disagree:" >&2
    diff "$ev/ours.csv" "$ev/$f.csv" | head >&2
    exit 1
  fi
done
bytes=$(cat "$ev"/raw/*.CSV | wc -c)
kept=$(sed -n 's/.*kept \([0-9]*\) new events.*/\1/p' "$ev/ingest.log")
rows=$(($(wc -l < "$ev/ours.csv") - 1))
answered=$(awk -F, 'NR > 1 && $6 != ""' "$ev/ours.csv" | wc -l)

read -r ing_s ing_kb < <(median_time "${ingest[@]}" 2>/dev/null)
read -r pair_s pair_kb < <(median_time "${pairs[@]}")
read -r all_s all_kb < <(median_time bash -c "$(declare -p ingest pairs ev); \"\${ingest[@]}\" >/dev/null 2>&1 && \"\${pairs[@]}\" > \"\$ev/ours.csv\"")
read -r dt_s dt_kb < <(median_time node interop/duckdb_events.mjs "$ev/tsv.sql" "$ev/duck-tsv.csv")
read -r dp_s dp_kb < <(median_time node interop/duckdb_events.mjs "$ev/parquet.sql" "$ev/duck-parquet.csv")

echo "$events events, $((bytes / 1000000)) MB of TSV in 10 files; $kept kept (states, accusation/response codes); $rows pair rows ($answered answered, window 30 days); same rows from all three"
printf '%-44s %9s %8s\n' "task" "time" "peak RSS"
row() { awk -v l="$1" -v s="$2" -v kb="$3" 'BEGIN {printf "%-44s %8.2fs %6.0f MB\n", l, s, kb/1024}'; }
row "rejoinder events ingest (TSV -> Parquet)" "$ing_s" "$ing_kb"
row "rejoinder events pairs (Parquet -> CSV)" "$pair_s" "$pair_kb"
row "rejoinder ingest + pairs" "$all_s" "$all_kb"
row "DuckDB SQL from the TSV (filter + pairs)" "$dt_s" "$dt_kb"
row "DuckDB SQL from rejoinder's Parquet (pairs)" "$dp_s" "$dp_kb"
awk -v a="$all_s" -v b="$dt_s" -v p="$pair_s" -v q="$dp_s" \
  'BEGIN {printf "ratio ingest+pairs / DuckDB from TSV: %.2fx; pairs / DuckDB from Parquet: %.2fx\n", a/b, p/q}'
echo "(medians of $runs runs; peak RSS of the whole process tree; $(date -u +%F), $(nproc) cores)"
