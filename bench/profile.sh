#!/usr/bin/env bash
# Profile of 1,000,000 synthetic responses: rejoinder (go test -bench) and
# pandas on the same data, in the same run. Prints medians and the ratio.
# Needs Debian's python3-pandas (installed if missing).
# Usage: bench/profile.sh [RUNS]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
work=${BENCH_DIR:-/tmp/rejoinder-bench}
if ! /usr/bin/python3 -c 'import pandas' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pandas >/dev/null
fi
go build -o bin/rejoinder ./cmd/rejoinder
if [ ! -f "$work/csv/responses.csv" ]; then
  bin/rejoinder gen --cases 10000 --responses 1000000 --seed 1 --out "$work/parquet" >/dev/null
  bin/rejoinder export csv --data "$work/parquet" --out "$work/csv" >/dev/null
fi

# Both implementations must agree before their speed means anything.
bin/rejoinder profile --data "$work/parquet" --by responder --format csv \
  | awk -F, 'NR > 1 && $3 > 0 {print $1","$2","$3","$4}' | sort > "$work/ours.csv"
pandas_json=$(/usr/bin/python3 bench/profile_pandas.py "$work/csv/responses.csv" "$runs" "$work/pandas.csv")
tail -n +2 "$work/pandas.csv" | awk -F, '{print $1","$2","$3","$4}' | sort > "$work/theirs.csv"
if ! cmp -s "$work/ours.csv" "$work/theirs.csv"; then
  echo "rejoinder and pandas disagree on the profile:" >&2
  diff "$work/ours.csv" "$work/theirs.csv" | head >&2
  exit 1
fi

go_ns=$(go test ./analysis -run '^$' -bench '^BenchmarkProfile1M$' -count "$runs" | awk '/^BenchmarkProfile1M/ {print $3}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
pandas_s=$(echo "$pandas_json" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["median_s"])')
/usr/bin/python3 - "$go_ns" "$pandas_s" "$pandas_json" <<'PY'
import json, sys
go_s = float(sys.argv[1]) / 1e9
pd_s = float(sys.argv[2])
info = json.loads(sys.argv[3])
print(f"profile of {info['rows']:,} responses (median of {len(info['runs'])} runs)")
print(f"  rejoinder analysis.Profile: {go_s:.3f} s")
print(f"  pandas {info['pandas']} groupby/explode: {pd_s:.3f} s (CSV load {info['load_s']:.1f} s, not counted)")
print(f"  pandas / rejoinder: {pd_s / go_s:.1f}x")
PY
