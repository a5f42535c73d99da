#!/usr/bin/env bash
# Memory as data grows (issue 23): peak RSS of build, import csv, export
# xlsx, profile and events ingest on synthetic data of 100k, 1M and 3M
# responses (events ingest: as many GDELT-layout events), with the cost of
# each further row: (peak at the largest size - peak at the smallest) /
# (rows between them). Memory is what is measured, so one run a size is
# enough (the peak varies by a few MB between runs; time is measured by the
# other scripts). build reads YAML records, which hold a position for every
# field: it is run on BUILD_SIZES (default 100,000 and 300,000 responses)
# rather than swapping the machine at 3M.
# Usage: bench/memory.sh   (SIZES="100000 1000000 3000000", CASES=10000,
#                           BUILD_SIZES="100000 300000" to change)
set -euo pipefail
cd "$(dirname "$0")/.."
read -r -a sizes <<< "${SIZES:-100000 1000000 3000000}"
cases=${CASES:-10000}
read -r -a build_sizes <<< "${BUILD_SIZES:-100000 300000}"
work=${BENCH_DIR:-/tmp/rejoinder-bench}/memory
mkdir -p "$work"
go build -o bin/rejoinder ./cmd/rejoinder

# peak_mb runs a command once and prints its peak RSS in MB.
peak_mb() {
  /usr/bin/time -f "%M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || { cat "$work/stderr.txt" >&2; return 1; }
  awk '{printf "%.0f", $1/1024}' "$work/time.txt"
}

declare -A peak
for n in "${sizes[@]}"; do
  d="$work/$n"
  mkdir -p "$d"
  [ -f "$d/parquet/responses.parquet" ] || bin/rejoinder gen --cases "$cases" --responses "$n" --seed 1 --out "$d/parquet" >/dev/null
  [ -f "$d/csv/responses.csv" ] || bin/rejoinder export csv --data "$d/parquet" --out "$d/csv" >/dev/null
  [ -f "$d/events/done" ] || { rm -rf "$d/events"; bin/rejoinder events gen --events "$n" --files 10 --seed 1 --out "$d/events" >/dev/null; touch "$d/events/done"; }
  peak[import,$n]=$(peak_mb bin/rejoinder import csv --data "$d/csv" --out "$d/imported")
  rm -rf "$d/imported"
  peak[xlsx,$n]=$(peak_mb bin/rejoinder export xlsx --data "$d/parquet" --out "$d/book.xlsx")
  rm -f "$d/book.xlsx"
  peak[profile,$n]=$(peak_mb bin/rejoinder profile --data "$d/parquet")
  peak[events,$n]=$(peak_mb bin/rejoinder events ingest "$d"/events/*.CSV --out "$d/evds" --replace)
  rm -rf "$d/evds"
done

for n in "${build_sizes[@]}"; do
  d="$work/$n"
  mkdir -p "$d"
  [ -f "$d/yaml/dataset.yaml" ] || bin/rejoinder gen --cases "$cases" --responses "$n" --seed 1 --as yaml --out "$d/yaml" >/dev/null
  peak[build,$n]=$(peak_mb bin/rejoinder build --data "$d/yaml" --out "$d/built")
  rm -rf "$d/built"
done

# row prints a command's peaks at the sizes given and its cost per further row.
row() {
  local label=$1 key=$2; shift 2
  local first="" last="" fn="" ln="" n v
  printf "  %-34s" "$label"
  for n in "$@"; do
    v=${peak[$key,$n]:-}
    if [ -z "$v" ]; then printf " %10s" "not run"; continue; fi
    printf " %10s" "$v"
    [ -z "$first" ] && { first=$v; fn=$n; }
    last=$v ln=$n
  done
  if [ -n "$first" ] && [ "$ln" != "$fn" ]; then
    awk -v a="$first" -v b="$last" -v m="$fn" -v n="$ln" 'BEGIN { printf " %12.0f B/row\n", (b-a)*1048576/(n-m) }'
  else
    printf " %16s\n" "-"
  fi
}

printf "peak RSS (MB) against responses (events ingest: events), synthetic data over %'d cases, one run each\n" "$cases"
printf "  %-34s" "command"
for n in "${sizes[@]}"; do printf " %10s" "$(numfmt --to=si "$n")"; done
printf " %16s\n" "per further row"
row "import csv" import "${sizes[@]}"
row "export xlsx" xlsx "${sizes[@]}"
row "profile" profile "${sizes[@]}"
row "events ingest" events "${sizes[@]}"
printf "  %-34s" "build, from YAML records, at"
for n in "${build_sizes[@]}"; do printf " %10s" "$(numfmt --to=si "$n")"; done
echo
row "build (YAML records)" build "${build_sizes[@]}"
