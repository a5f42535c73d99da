#!/usr/bin/env bash
# Profile of 1,000,000 synthetic responses from Parquet, single file and
# Hive-partitioned by responder,year, with and without filters on the
# partition keys: rejoinder and DuckDB (npm @duckdb/node-api, two threads)
# on the same files in the same run. Checks that both give the same counts,
# then prints medians of whole-process wall time and peak RSS, and ratios.
# Needs node and npm (installed with apt-get if missing).
# Usage: bench/partition.sh [RUNS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=${BENCH_DIR:-/tmp/rejoinder-bench}
source bench/lib.sh
need_duckdb
synthetic_1m
if [ ! -d "$work/parts/responses" ]; then
  bin/rejoinder build --data "$work/parquet" --partition responder,year --out "$work/parts" >/dev/null
fi


printf '%-34s %10s %9s %10s %9s %7s\n' "task" "rejoinder" "RSS MB" "DuckDB" "RSS MB" "ratio"
for layout in parquet parts; do
  for filter in "" "PRK" "PRK 2018"; do
    set -- $filter
    responder=${1:-} year=${2:-}
    args=(profile --data "$work/$layout" --format csv)
    [ -n "$responder" ] && args+=(--responder "$responder")
    [ -n "$year" ] && args+=(--from "$year-01-01" --to "$year-12-31")
    # Same counts first, or the timings mean nothing.
    bin/rejoinder "${args[@]}" | awk -F, 'NR > 1 && $3 > 0 {print $1","$2","$3}' | sort > "$work/ours.csv"
    node interop/duckdb_profile.mjs "$work/$layout" $filter | tail -n +2 | sort > "$work/theirs.csv"
    if ! cmp -s "$work/ours.csv" "$work/theirs.csv"; then
      echo "rejoinder and DuckDB disagree ($layout, filter '$filter'):" >&2
      diff "$work/ours.csv" "$work/theirs.csv" | head >&2
      exit 1
    fi
    read -r ours_s ours_kb < <(median_time bin/rejoinder "${args[@]}")
    read -r duck_s duck_kb < <(median_time node interop/duckdb_profile.mjs "$work/$layout" $filter)
    label="$layout${filter:+ | $filter}"
    awk -v l="$label" -v a="$ours_s" -v am="$ours_kb" -v b="$duck_s" -v bm="$duck_kb" \
      'BEGIN {printf "%-34s %9.2fs %9.0f %9.2fs %9.0f %6.2fx\n", l, a, am/1024, b, bm/1024, a/b}'
  done
done
echo "(ratio: rejoinder time / DuckDB time; medians of $runs runs; $(date -u +%F), $(nproc) cores)"
