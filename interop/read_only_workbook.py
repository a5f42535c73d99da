#!/usr/bin/python3
"""Reads every sheet of a workbook twice with openpyxl: once with
read_only=True, which trusts each sheet's <dimension ref> (the usual way to
read a big workbook), and once fully loaded, which does not. Prints JSON:
per sheet, the rows and columns each mode sees and the first cell where
their values differ (null when they agree everywhere).

Usage: read_only_workbook.py FILE.xlsx
"""
import json
import sys

import openpyxl


def values(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def trim(rows):
    """Drops trailing empty cells of each row and trailing empty rows."""
    out = []
    for r in rows:
        while r and r[-1] is None:
            r = r[:-1]
        out.append(r)
    while out and not out[-1]:
        out.pop()
    return out


path = sys.argv[1]
ro = openpyxl.load_workbook(path, read_only=True)
full = openpyxl.load_workbook(path)
report = {}
for name in full.sheetnames:
    a, b = values(ro[name]), values(full[name])
    diff = None
    ta, tb = trim(a), trim(b)
    for i in range(max(len(ta), len(tb))):
        ra = ta[i] if i < len(ta) else []
        rb = tb[i] if i < len(tb) else []
        if ra != rb:
            col = next((j for j in range(max(len(ra), len(rb)))
                        if (ra[j] if j < len(ra) else None) != (rb[j] if j < len(rb) else None)), 0)
            diff = {"row": i + 1, "column": col + 1,
                    "read_only": repr(ra[col]) if col < len(ra) else None,
                    "full": repr(rb[col]) if col < len(rb) else None}
            break
    report[name] = {"read_only_rows": len(a), "read_only_columns": max((len(r) for r in a), default=0),
                    "rows": full[name].max_row, "columns": full[name].max_column, "first_difference": diff}
print(json.dumps(report))
