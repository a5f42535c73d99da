#!/usr/bin/python3
"""Apply a round's gold coding and the coders' evidence to uncoded record files.
usage: apply.py GOLD.csv TEMPLATE_RECORDS_DIR DECISIONS.tsv OUT_DIR IN_FILE... -- evidence dirs as coder:dir ..."""
import yaml, csv, sys, os, collections, glob
args = sys.argv[1:]
gold_csv, tmpl_dir, decisions, out_dir = args[:4]
rest = args[4:]
sep = rest.index('--')
in_files, evid = rest[:sep], rest[sep+1:]
gold = collections.defaultdict(dict)
for r in csv.DictReader(open(gold_csv)):
    gold[r['unit_id']][r['variable']] = r['value']
# template quote lists (the numbering the coders used)
tq = {}
for td in tmpl_dir.split(','):  # earlier dirs first: a unit keeps the numbering of the batch that coded it
    for f in glob.glob(td + '/*.yaml'):
        d = yaml.safe_load(open(f))
        for r in (d.get('responses') or []) if 'case' in d else []:
            tq.setdefault(r['response_id'], [q['text'] for q in r.get('quotes', [])])
ev = collections.defaultdict(lambda: collections.defaultdict(set))  # unit -> code -> {quote numbers}
def nums(s):
    out = set()
    for p in str(s or '').replace(',', ';').split(';'):
        p = p.strip().lstrip('q')
        if p.isdigit(): out.add(int(p))
    return out
for spec in evid:
    coder, d = spec.split(':', 1)
    for row in csv.DictReader(open(os.path.join(d, 'evidence.csv'))):
        u, code = row['unit_id'].strip(), row['code'].strip()
        if gold.get(u, {}).get('strategies:' + code) == 'yes':
            ev[u][code] |= nums(row['quotes'])
if os.path.exists(decisions):
    for row in csv.DictReader(open(decisions), delimiter='\t'):
        v = row['variable'].strip()
        if v.startswith('strategies:') and row['decision'].strip() == 'yes':
            ev[row['unit_id'].strip()][v.split(':', 1)[1]] |= nums(row.get('quotes'))
problems = []
SCALARS = {'accusations': ['accuser_organ', 'instrument', 'evidence_disclosure'], 'responses': ['organ', 'channel_type', 'observed']}
LISTS = {'accusations': 'evidence_cited', 'responses': 'strategies'}
def order(rec, keys_after):
    return rec
for f in in_files:
    d = yaml.safe_load(open(f))
    for table, key in [('accusations', 'accusation_id'), ('responses', 'response_id')]:
        newlist = []
        for rec in d.get(table, []):
            u = rec[key]
            g = gold.get(u)
            if not g:
                problems.append(f'{u}: no gold coding'); newlist.append(rec); continue
            vals = {}
            for v in SCALARS[table]:
                if g.get(v): vals[v] = g[v]
            lst = [k.split(':', 1)[1] for k, val in g.items() if k.startswith(LISTS[table] + ':') and val == 'yes']
            # codebook order = the order the columns appear in the gold file
            lst_sorted = [k.split(':', 1)[1] for k in g if k.startswith(LISTS[table] + ':') and g[k] == 'yes']
            # rebuild the record with coded fields at their codebook places
            out = {}
            for k, val in rec.items():
                out[k] = val
                if table == 'accusations' and k == 'accused_persons': pass
            if table == 'accusations':
                order_keys = ['accusation_id', 'accuser', 'co_accusers', 'accused_state', 'accused_persons', 'accuser_organ', 'issuer', 'instrument',
                              'instrument_detail', 'date', 'date_note', 'evidence_cited', 'evidence_detail', 'evidence_disclosure', 'cameo_code', 'quotes', 'sources', 'verified', 'notes']
                merged = dict(rec); merged.update(vals)
                if lst_sorted: merged['evidence_cited'] = lst_sorted
            else:
                order_keys = ['response_id', 'responds_to', 'anticipatory', 'link', 'responder', 'date', 'date_note', 'speaker', 'speaker_role', 'organ', 'channel',
                              'channel_type', 'observed', 'strategies', 'language', 'cameo_code', 'summary', 'quotes', 'sources', 'searched', 'searched_on', 'verified', 'notes']
                merged = dict(rec); merged.update(vals)
                if lst_sorted: merged['strategies'] = lst_sorted
                # quote codes from the evidence, by the template's numbering
                texts = tq.get(u, [])
                for code in lst_sorted:
                    qn = ev[u].get(code, set())
                    hit = False
                    for n in sorted(qn):
                        if 1 <= n <= len(texts):
                            for q in merged.get('quotes', []):
                                if q['text'] == texts[n-1]:
                                    q.setdefault('codes', [])
                                    if code not in q['codes']: q['codes'].append(code)
                                    hit = True
                    if not hit: problems.append(f'{u}: {code} has no evidencing quote (evidence {sorted(qn)})')
                for q in merged.get('quotes', []):
                    if 'codes' in q:
                        q['codes'] = [c for c in lst_sorted if c in q['codes']]
                        # keep key order text, source_id, codes, language, notes
                        q2 = {k: q[k] for k in ['text', 'source_id', 'codes', 'language', 'notes'] if k in q}
                        q.clear(); q.update(q2)
            if table == 'responses' and merged.get('observed') == 'no_response_found' and merged.get('link') != 'not_applicable':
                # The coders found no response where the research had recorded a non-reply to a request:
                # a record of silence, with what was searched.
                merged['link'] = 'not_applicable'
                merged['verified'] = False
                merged.setdefault('searched', [f"{merged.get('channel', 'A request for comment')}: {merged.get('summary', '')}",
                    'The research search log, research/incoming/' + u.rsplit('-r', 1)[0] + '/notes.md, lists every query run for this case.'])
                merged.setdefault('searched_on', '2026-12-01')
                if merged.get('notes', '').startswith('Link settled from the quotes and channel'):
                    merged['notes'] = merged['notes'].split('. ', 1)[1] if '. ' in merged['notes'] else ''
                    if not merged['notes']: del merged['notes']
                problems.append(f'{u}: coded no_response_found; made a record of silence')
            unknown = [k for k in merged if k not in order_keys]
            if unknown: problems.append(f'{u}: unknown keys {unknown}')
            if table == 'responses' and merged.get('observed') == 'responded' and not merged.get('strategies'):
                # The gold coding finds no strategy in the verified quotes: the record cannot stand as a
                # response (the codebook needs one); it is dropped and logged, its codings kept.
                problems.append(f'DROPPED {u}: observed responded but no strategy in the gold coding')
                continue
            newlist.append({k: merged[k] for k in order_keys if k in merged})
        d[table] = newlist
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, os.path.basename(f)), 'w') as fh:
        yaml.safe_dump(d, fh, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)
print('\n'.join(problems))
print(len(problems), 'problems')
