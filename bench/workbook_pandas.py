#!/usr/bin/python3
"""The peer of `rejoinder export xlsx`: pandas reads the same tables from CSV
(as `rejoinder export csv` writes them) and writes them to a workbook with
XlsxWriter, one sheet per table, the way a researcher would.

Usage: workbook_pandas.py CSV_DIR OUT.xlsx [TABLE...]   (default: all five)
"""
import sys

import pandas as pd

TABLES = ["cases", "accusations", "responses", "quotes", "sources"]


def main():
    src, out = sys.argv[1], sys.argv[2]
    tables = sys.argv[3:] or TABLES
    with pd.ExcelWriter(out, engine="xlsxwriter") as writer:
        for t in tables:
            df = pd.read_csv(f"{src}/{t}.csv", dtype=str, keep_default_na=False)
            for col in df.columns:
                if col in ("date", "start_date", "published", "accessed"):
                    df[col] = pd.to_datetime(df[col], errors="coerce")
            df.to_excel(writer, sheet_name=t.capitalize(), index=False)


if __name__ == "__main__":
    main()
