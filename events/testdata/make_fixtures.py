#!/usr/bin/env python3
"""Writes the hand-built GDELT fixtures v1.tsv and v2.tsv (synthetic events).

Column positions are typed here from docs/notes/gdelt-layout.md, not taken
from the Go code, so the parser's positions are checked against them. Columns
rejoinder does not read hold decoys (country codes, dates, codes) that would
change the result if a position were off by one.
Run from this directory: python3 make_fixtures.py
"""

def line(ncols, id_, date, a1code, a1, a2code, a2, code, goldstein="-2.0", url=True):
    c = {i: f"c{i}" for i in range(1, ncols + 1)}
    # decoys in the neighbours of the columns read
    c[3], c[4], c[5] = date[:6], date[:4], "2018.1699"
    c[7], c[9], c[17], c[19] = "RUS", "USA", "GBR", "CHN"
    c[26], c[28], c[29] = "1", code[:3], code[:2]
    c[1], c[2], c[6], c[8], c[16], c[18], c[27] = id_, date, a1code, a1, a2code, a2, code
    c[30], c[31], c[32], c[33], c[34], c[35] = "3", goldstein, "4", "2", "4", "-3.5"
    if ncols == 61:
        c[38], c[46], c[54] = "UK", "RS", "US"   # geo country codes (FIPS)
        c[60], c[61] = date + "000000", f"https://example.org/fixture/{id_}"
    else:
        c[38], c[45], c[52] = "UK", "RS", "US"
        c[57] = date
        if ncols == 58:
            c[58] = f"https://example.org/fixture/{id_}"
    return "\t".join(c[i] for i in range(1, ncols + 1))

v2 = [
    line(61, "1001", "20180304", "GBRGOV", "GBR", "RUSGOV", "RUS", "112"),
    line(61, "1002", "20180304", "RUSGOV", "RUS", "GBRGOV", "GBR", "016"),
    line(61, "1003", "20180312", "GBR", "GBR", "RUS", "RUS", "1121"),
    line(61, "1004", "20180313", "RUSGOV", "RUS", "GBRGOV", "GBR", "112"),
    line(61, "1005", "20180403", "RUSMIL", "RUS", "GBR", "GBR", "130"),
    line(61, "1006", "20180404", "RUSGOV", "RUS", "GBRGOV", "GBR", "174"),
    line(61, "1007", "20180305", "RUSGOV", "RUS", "USAGOV", "USA", "016"),
    line(61, "1008", "20180305", "GBRGOV", "GBR", "GBROPP", "GBR", "112"),
    line(61, "1009", "20180305", "GBRGOV", "GBR", "EUR", "EUR", "112"),
    line(61, "1010", "20180305", "MED", "", "RUSGOV", "RUS", "112"),
    line(61, "1011", "20180306", "USAGOV", "USA", "RUSGOV", "RUS", "040"),
    line(61, "1012", "20180306", "USAGOV", "USA", "RUSGOV", "RUS", "112")[: -len("\tx")].rsplit("\t", 1)[0],  # 60 columns
    line(61, "1013", "20180230", "USAGOV", "USA", "RUSGOV", "RUS", "112"),  # no such day
    line(61, "abc", "20180306", "USAGOV", "USA", "RUSGOV", "RUS", "112"),   # not an id
    line(61, "1015", "20171231", "USAGOV", "USA", "PRKGOV", "PRK", "1125"),
    line(61, "1016", "20180102", "PRKGOV", "PRK", "USAGOV", "USA", "011"),
    line(61, "1017", "20180305", "GBRGOV", "GBR", "RUSGOV", "RUS", "016", goldstein="x"),  # kept line, bad number
    line(61, "1018", "20180303", "RUSGOV", "RUS", "GBRGOV", "GBR", "016"),
]
v1 = [
    line(58, "2001", "20130401", "USAGOV", "USA", "CHNGOV", "CHN", "1125"),
    line(58, "2002", "20130405", "CHNGOV", "CHN", "USAGOV", "USA", "016"),
    line(57, "2003", "20010101", "USAGOV", "USA", "CHNGOV", "CHN", "112"),   # backfile: no SOURCEURL
    line(57, "2004", "20010115", "CHNGOV", "CHN", "USAGOV", "USA", "138"),
    line(58, "2005", "20130402", "CHNGOV", "CHN", "USAGOV", "USA", "1"),    # not a CAMEO code
]
for name, lines in (("v2.tsv", v2), ("v1.tsv", v1)):
    with open(name, "w", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
