#!/usr/bin/python3
"""Reads a rejoinder coding template with openpyxl, an implementation
independent of excelize, and prints JSON: each sheet's state (visible,
hidden, veryHidden) and whether it is protected, the Instructions' rows
as pairs, and the Coding sheet's page setup and print titles.

Usage: coding_template.py FILE.xlsx
"""
import json
import sys

import openpyxl

wb = openpyxl.load_workbook(sys.argv[1])
coding = wb["Coding"]
print(json.dumps({
    "sheets": {ws.title: {"state": ws.sheet_state, "protected": bool(ws.protection.sheet)} for ws in wb.worksheets},
    "instructions": [[("" if c is None else str(c)) for c in row] for row in wb["Instructions"].iter_rows(max_col=2, values_only=True)],
    "orientation": coding.page_setup.orientation,
    "fit_to_width": coding.page_setup.fitToWidth,
    "print_title_rows": coding.print_title_rows,
}))
