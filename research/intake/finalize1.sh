set -e
cd /work/stage
# 1. round-3 codings of all batches, one file
(head -1 codings-r3A.csv; for f in codings-r3A.csv codings-r3B.csv codings-r3C.csv; do if [ -f $f ]; then tail -n +2 $f; fi; done) > codings-r3.csv
# 2. the adjudicator's decisions of all batches, one file
(head -1 /work/adjud/decisions-A.tsv; for f in /work/adjud/decisions-A.tsv /work/adjud/decisions-B.tsv /work/adjud/decisions-C.tsv; do if [ -f $f ]; then tail -n +2 $f; fi; done) > decisions-r3.tsv
/usr/bin/python3 - <<'PY'
import csv
rows = list(csv.DictReader(open('decisions-r3.tsv'), delimiter='\t'))
over = {(r['unit_id'], r['variable']): r for r in csv.DictReader(open('/work/adjud/lead-overrides.tsv'), delimiter='\t')}
for r in rows:
    o = over.pop((r['unit_id'].strip(), r['variable'].strip()), None)
    if o:
        r['decision'], r['reason'], r['quotes'] = o['decision'], o['reason'], ''
assert not over, over
w = csv.DictWriter(open('decisions-r3.tsv', 'w'), fieldnames=list(rows[0]), delimiter='\t', lineterminator='\n')
w.writeheader(); w.writerows(rows)
PY
rm -f adj-r3-*.xlsx
/usr/bin/python3 fill_adj.py decisions-r3.tsv tmpl-C /work/stage/adj-r3 3
./rj coding reconcile codings-r3.csv --data tmpl-C --round 3 --adjudicator adj-r3-responses.xlsx --adjudicator adj-r3-accusations.xlsx --out gold-r3.csv --disagreements dis-r3.xlsx
EVID="coder-e:/work/coders/coder-e-1 coder-e:/work/coders/coder-e-2 coder-f:/work/coders/coder-f-1 coder-f:/work/coders/coder-f-2 coder-e:/work/coders/coder-e-4 coder-f:/work/coders/coder-f-4"
if [ -s /work/stage/codings-r3C.csv ]; then EVID="$EVID coder-e:/work/coders/coder-e-5 coder-f:/work/coders/coder-f-5"; fi
rm -rf applied && /usr/bin/python3 apply.py gold-r3.csv tmpl-A,tmpl-B,tmpl-C decisions-r3.tsv /work/stage/applied new4/*.yaml -- $EVID
