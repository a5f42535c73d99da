#!/usr/bin/python3
"""The constant-memory peer of `rejoinder export xlsx` at a million rows:
XlsxWriter in constant_memory mode, fed row by row from the CSV tables
`rejoinder export csv` writes (pandas cannot stream), one sheet per table,
dates as Excel dates. Prints nothing; bench/workbook1m.sh times it.

Usage: workbook_xlsxwriter.py CSV_DIR OUT.xlsx [TABLE...]   (default: all five)
"""
import csv
import datetime
import sys

import xlsxwriter

TABLES = ["cases", "accusations", "responses", "quotes", "sources"]
DATES = {"date", "start_date", "published", "accessed"}


def main():
    src, out = sys.argv[1], sys.argv[2]
    tables = sys.argv[3:] or TABLES
    # strings_to_formulas off: text is text, as rejoinder writes it.
    wb = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False,
                                   "strings_to_numbers": False})
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    for t in tables:
        ws = wb.add_worksheet(t.capitalize())
        with open(f"{src}/{t}.csv", newline="", encoding="utf-8") as f:
            rows = csv.reader(f)
            header = next(rows)
            ws.write_row(0, 0, header)
            dates = [i for i, h in enumerate(header) if h in DATES]
            for r, row in enumerate(rows, start=1):
                ws.write_row(r, 0, row)
                for i in dates:
                    if len(row[i]) == 10:
                        ws.write_datetime(r, i, datetime.datetime.strptime(row[i], "%Y-%m-%d"), date_fmt)
    wb.close()


if __name__ == "__main__":
    main()
