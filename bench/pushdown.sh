#!/usr/bin/env bash
# Filters pushed into the Parquet scan (issue 23, item 3): the profile of
# 1,000,000 synthetic responses in ONE Parquet file (`gen --responses
# 1000000 --seed 7`, 100 cases, row groups of 64k rows), unfiltered, for
# one responder, and for one responder in one year, by rejoinder and by
# DuckDB (npm @duckdb/node-api, two threads) on the same file in the same
# run. Checks that both give the same counts, then prints medians of
# whole-process wall time and peak RSS, and the ratio.
# Usage: bench/pushdown.sh [RUNS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
work=${BENCH_DIR:-/tmp/rejoinder-bench}
source bench/lib.sh
need_duckdb
go build -o bin/rejoinder ./cmd/rejoinder
data="$work/seed7"
# Generated once per data version (rm -rf "$data" after a change to the
# writer: builds before issue 23 wrote one row group).
if [ ! -f "$data/.rowgroups64k" ]; then
  rm -rf "$data"
  bin/rejoinder gen --responses 1000000 --seed 7 --out "$data" >/dev/null
  touch "$data/.rowgroups64k"
fi

printf '%-26s %10s %9s %10s %9s %7s\n' "one file, filter" "rejoinder" "RSS MB" "DuckDB" "RSS MB" "ratio"
for filter in "" "PRK" "PRK 2018"; do
  set -- $filter
  responder=${1:-} year=${2:-}
  args=(profile --data "$data" --format csv)
  [ -n "$responder" ] && args+=(--responder "$responder")
  [ -n "$year" ] && args+=(--from "$year-01-01" --to "$year-12-31")
  # Same counts first, or the timings mean nothing.
  bin/rejoinder "${args[@]}" | awk -F, 'NR > 1 && $3 > 0 {print $1","$2","$3}' | sort > "$work/ours.csv"
  node interop/duckdb_profile.mjs "$data" $filter | tail -n +2 | sort > "$work/theirs.csv"
  if ! cmp -s "$work/ours.csv" "$work/theirs.csv"; then
    echo "rejoinder and DuckDB disagree (filter '$filter'):" >&2
    diff "$work/ours.csv" "$work/theirs.csv" | head >&2
    exit 1
  fi
  read -r ours_s ours_kb < <(median_time bin/rejoinder "${args[@]}")
  read -r duck_s duck_kb < <(median_time node interop/duckdb_profile.mjs "$data" $filter)
  awk -v l="${filter:-none}" -v a="$ours_s" -v am="$ours_kb" -v b="$duck_s" -v bm="$duck_kb" \
    'BEGIN {printf "%-26s %9.2fs %9.0f %9.2fs %9.0f %6.2fx\n", l, a, am/1024, b, bm/1024, a/b}'
done
echo "(ratio: rejoinder time / DuckDB time; medians of $runs runs; $(date -u +%F), $(nproc) cores)"
