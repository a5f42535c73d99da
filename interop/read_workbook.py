#!/usr/bin/python3
"""Reads every sheet of a workbook with pandas (openpyxl engine), an
implementation independent of excelize, and prints JSON: per sheet, the
number of data rows, the column names and the dtype pandas gives each.

Usage: read_workbook.py FILE.xlsx
"""
import json
import sys

import pandas as pd

sheets = pd.read_excel(sys.argv[1], sheet_name=None, engine="openpyxl")
print(json.dumps({name: {"rows": len(df), "columns": [str(c) for c in df.columns],
                         "dtypes": {str(c): str(t) for c, t in df.dtypes.items()}}
                  for name, df in sheets.items()}))
