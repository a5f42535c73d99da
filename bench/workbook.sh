#!/usr/bin/env bash
# Workbook of 200,000 synthetic responses: `rejoinder export xlsx` against
# pandas + XlsxWriter writing the same tables from CSV, in the same run.
# Whole-process wall time and peak RSS (/usr/bin/time), medians of RUNS.
# Needs Debian's python3-pandas and python3-xlsxwriter (installed if missing).
# Usage: bench/workbook.sh [RUNS] [RESPONSES]   (defaults: 3, 200000)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
n=${2:-200000}
work=${BENCH_DIR:-/tmp/rejoinder-bench-wb-$n}
if ! /usr/bin/python3 -c 'import pandas, xlsxwriter' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pandas python3-xlsxwriter >/dev/null
fi
go build -o bin/rejoinder ./cmd/rejoinder
if [ ! -f "$work/csv/responses.csv" ]; then
  bin/rejoinder gen --cases $((n / 100)) --responses "$n" --seed 1 --out "$work/parquet" >/dev/null
  bin/rejoinder export csv --data "$work/parquet" --out "$work/csv" >/dev/null
fi
measure() { # label, command...: prints "label seconds kilobytes" per run
  local label=$1; shift
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "$label %e %M" "$@" >/dev/null 2>>"$work/times.txt" || { tail -5 "$work/times.txt" >&2; exit 1; }
  done
}
: > "$work/times.txt"
measure rejoinder bin/rejoinder export xlsx --data "$work/parquet" --out "$work/rejoinder.xlsx"
measure pandas_all /usr/bin/python3 bench/workbook_pandas.py "$work/csv" "$work/pandas.xlsx"
measure pandas_responses /usr/bin/python3 bench/workbook_pandas.py "$work/csv" "$work/pandas-r.xlsx" responses
/usr/bin/python3 - "$work/times.txt" "$n" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip() and l.split()[0] in ("rejoinder", "pandas_all", "pandas_responses")]
med = {}
for label in ("rejoinder", "pandas_all", "pandas_responses"):
    xs = [(float(r[1]), int(r[2])) for r in rows if r[0] == label]
    med[label] = (statistics.median(x[0] for x in xs), statistics.median(x[1] for x in xs) / 1024)
print(f"workbook of {int(sys.argv[2]):,} synthetic responses (median of {len(xs)} runs; wall time, peak RSS)")
names = {"rejoinder": "rejoinder export xlsx (all sheets)", "pandas_all": "pandas+XlsxWriter, the five tables",
         "pandas_responses": "pandas+XlsxWriter, responses only"}
for k, (t, m) in med.items():
    ratio = "" if k == "rejoinder" else f"  ({t / med['rejoinder'][0]:.1f}x rejoinder's time)"
    print(f"  {names[k]:40s} {t:6.1f} s {m:7.0f} MB{ratio}")
PY
