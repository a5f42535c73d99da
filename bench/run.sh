#!/usr/bin/env bash
# make bench: runs every side-by-side benchmark script and rewrites its
# block in BENCHMARKS.md (between <!-- bench:NAME --> and
# <!-- /bench:NAME -->) with the script's output, the date, the machine and
# the versions measured. BENCHMARKS.md is replaced only when every script
# has succeeded, through a temporary file.
# Usage: bench/run.sh [NAME...]   (default: every block in BENCHMARKS.md)
set -euo pipefail
cd "$(dirname "$0")/.."
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  mapfile -t names < <(grep -o '<!-- bench:[a-z0-9_]* -->' BENCHMARKS.md | sed 's/<!-- bench:\(.*\) -->/\1/')
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for name in "${names[@]}"; do
  echo "== bench/$name.sh" >&2
  bash "bench/$name.sh" > "$work/$name.body"
done
# Versions after the runs: the scripts install their peers when missing.
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
duck=$(cd interop && node -e "import('@duckdb/node-api').then(async m => { const c = await (await m.DuckDBInstance.create(':memory:')).connect(); console.log((await c.runAndReadAll('SELECT version() AS v')).getRowObjects()[0].v) })" 2>/dev/null || echo "not installed")
pandas=$(/usr/bin/python3 -c 'import pandas; print(pandas.__version__)' 2>/dev/null || echo "not installed")
xlsxwriter=$(/usr/bin/python3 -c 'import xlsxwriter; print(xlsxwriter.__version__)' 2>/dev/null || echo "not installed")
for name in "${names[@]}"; do
  {
    echo '```text'
    echo "$(date -u +%F), $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ {print $2}') GiB; $(go version | cut -d' ' -f3); DuckDB $duck; pandas $pandas; XlsxWriter $xlsxwriter"
    echo "\$ bench/$name.sh"
    cat "$work/$name.body"
    echo '```'
  } > "$work/$name.out"
done
/usr/bin/python3 - "$work" "${names[@]}" <<'PY'
import os, re, sys
work, names = sys.argv[1], sys.argv[2:]
text = open("BENCHMARKS.md").read()
for name in names:
    block = open(os.path.join(work, name + ".out")).read()
    pattern = re.compile(r"(<!-- bench:%s -->\n).*?(<!-- /bench:%s -->)" % (name, name), re.S)
    if not pattern.search(text):
        sys.exit("BENCHMARKS.md has no block for %s" % name)
    text = pattern.sub(lambda m: m.group(1) + block + m.group(2), text)
tmp = "BENCHMARKS.md.tmp"
open(tmp, "w").write(text)
os.replace(tmp, "BENCHMARKS.md")
PY
echo "BENCHMARKS.md: rewrote ${names[*]}" >&2
