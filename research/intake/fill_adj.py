#!/usr/bin/python3
"""fill_adj.py DECISIONS.tsv DATA_DIR OUT_PREFIX ROUND: write adjudicator workbooks (responses, accusations) with only the decided cells."""
import csv, sys, subprocess, openpyxl, collections
dec_file, data, prefix, rnd = sys.argv[1:5]
dec = collections.defaultdict(dict)
for row in csv.DictReader(open(dec_file), delimiter='\t'):
    dec[row['unit_id'].strip()][row['variable'].strip()] = row['decision'].strip()
for table, pat in [('responses', '-r'), ('accusations', '-a')]:
    units = sorted(u for u in dec if u.rsplit('-', 1)[1].startswith(pat[1]))
    if not units: continue
    out = f'{prefix}-{table}.xlsx'
    subprocess.run(['/work/stage/rj', 'coding', 'template', '--data', data, '--coder', 'adjudicator', '--round', rnd, '--table', table,
                    '--units', ','.join(units), '--out', out], check=True)
    wb = openpyxl.load_workbook(out); ws = wb['Coding']
    hdr = [c.value for c in ws[1]]
    n = 0
    for r in range(2, ws.max_row + 1):
        u = ws.cell(r, 1).value
        for var, val in dec.get(u, {}).items():
            if var not in hdr: print('no column', u, var); continue
            ws.cell(r, hdr.index(var) + 1).value = val; n += 1
    wb.save(out); print(out, n, 'cells')
