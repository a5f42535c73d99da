#!/usr/bin/python3
import csv, glob, os, shutil, yaml, openpyxl, re
M = '/work/main'
# 1. record files
kept = set()
for f in sorted(glob.glob('/work/stage/applied/*.yaml')):
    shutil.copy(f, f'{M}/dataset/records/')
for f in glob.glob(f'{M}/dataset/records/*.yaml'):
    d = yaml.safe_load(open(f))
    if 'case' in d:
        kept |= {a['accusation_id'] for a in d.get('accusations', [])} | {r['response_id'] for r in d.get('responses', [])}
# 2. codings and gold
def rows(p):
    r = list(csv.reader(open(p)))
    return r[0], r[1:]
h, old = rows(f'{M}/dataset/codings/codings.csv')
_, new = rows('/work/stage/codings-r3.csv')
old = [r for r in old if r[3] != '3']
with open(f'{M}/dataset/codings/codings.csv', 'w', newline='') as fh:
    w = csv.writer(fh, lineterminator='\n'); w.writerow(h); w.writerows(old + new)
h, oldg = rows(f'{M}/dataset/codings/gold.csv')
_, newg = rows('/work/stage/gold-r3.csv')
oldg = [r for r in oldg if r[3] != '3']
dropped = sorted({r[0] for r in newg if r[0] not in kept})
newg = [r for r in newg if r[0] in kept]
with open(f'{M}/dataset/codings/gold.csv', 'w', newline='') as fh:
    w = csv.writer(fh, lineterminator='\n'); w.writerow(h); w.writerows(oldg + newg)
# 3. adjudications
dec = {(r['unit_id'].strip(), r['variable'].strip()): r for r in csv.DictReader(open('/work/stage/decisions-r3.tsv'), delimiter='\t')}
wb = openpyxl.load_workbook('/work/stage/dis-r3.xlsx'); ws = wb['Disagreements']
hdr = [c.value for c in ws[1]]
h, olda = rows(f'{M}/dataset/codings/adjudications.csv')
olda = [r for r in olda if r[2] != '3']
newa = []
for row in ws.iter_rows(min_row=2, values_only=True):
    row = dict(zip(hdr, row))
    d = dec[(row['unit_id'], row['variable'])]
    vals = '; '.join(f"{c}={row[c]}" for c in hdr if c.startswith('coder-'))
    assert d['decision'].strip() == row['gold'], (row, d['decision'])
    newa.append([row['unit_id'], row['variable'], '3', vals, row['gold'], d['reason'].strip()])
with open(f'{M}/dataset/codings/adjudications.csv', 'w', newline='') as fh:
    w = csv.writer(fh, lineterminator='\n'); w.writerow(h); w.writerows(olda + newa)
print('kept units', len(kept), 'codings r3', len(new), 'gold r3', len(newg), 'adjudications r3', len(newa), 'dropped after coding', dropped)
