# Shared by the bench scripts that compare against DuckDB: sourced, not run.
# Expects $runs and $work to be set, and the repository root as the
# working directory.

# need_duckdb installs node, npm and the pinned @duckdb/node-api if missing.
need_duckdb() {
  command -v npm >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
  [ -d interop/node_modules/@duckdb ] || (cd interop && npm ci --silent)
}

# synthetic_1m builds bin/rejoinder and, once, the 1M-response synthetic
# dataset as Parquet in $work/parquet.
synthetic_1m() {
  go build -o bin/rejoinder ./cmd/rejoinder
  if [ ! -f "$work/parquet/responses.parquet" ]; then
    bin/rejoinder gen --cases 10000 --responses 1000000 --seed 1 --out "$work/parquet" >/dev/null
  fi
}

# median_time runs a command $runs times and prints the median
# whole-process wall time in seconds and the peak RSS of that run in KB.
median_time() {
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null
    cat "$work/time.txt"
  done | sort -n | awk '{s[NR]=$1; m[NR]=$2} END {i=int((NR+1)/2); print s[i], m[i]}'
}
