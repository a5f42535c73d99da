#!/usr/bin/python3
"""Reads every cell of a workbook with openpyxl, as a user's program sees
it: the values a spreadsheet program last showed (data_only=True, so a
formula gives its cached result), and prints JSON: per sheet, its rows,
each a list of [type, value] pairs, the type being openpyxl's Python type
(str, int, float, bool, datetime, NoneType) and dates in ISO form.

Usage: read_cells.py FILE.xlsx
"""
import datetime
import json
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1], data_only=True)
out = {}
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows(values_only=True):
        cells = []
        for v in row:
            t = type(v).__name__
            if isinstance(v, (datetime.datetime, datetime.date, datetime.time)):
                v = v.isoformat()
            cells.append([t, v])
        rows.append(cells)
    out[ws.title] = rows
print(json.dumps(out))
