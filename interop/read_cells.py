#!/usr/bin/python3
"""Reads every cell of a workbook with openpyxl, as a user's program sees
it: the values a spreadsheet program last showed (data_only=True, so a
formula gives its cached result), and prints JSON: per sheet, its rows,
each a list of [type, value] pairs, the type being openpyxl's Python type
(str, int, float, bool, datetime, NoneType) and dates in ISO form.

With --read-only, it reads the workbook as openpyxl's read_only=True
does (streaming each sheet, trusting its <dimension ref>), the usual way
to read a big workbook.

Usage: read_cells.py [--read-only] FILE.xlsx
"""
import datetime
import json
import sys

import openpyxl

args = sys.argv[1:]
read_only = "--read-only" in args
path = [a for a in args if a != "--read-only"][0]
wb = openpyxl.load_workbook(path, data_only=True, read_only=read_only)
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
