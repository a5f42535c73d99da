#!/usr/bin/env python3
"""Convert research/incoming/<slug>/case.yaml (+ quote checks) to an uncoded record file.
Coded variables (observed, organ, channel_type, strategies; accuser_organ, instrument,
evidence_cited, evidence_disclosure) are left blank for the coders."""
import yaml, glob, csv, re, sys, os, collections
from urllib.parse import urlparse

INC = '/work/main/research/incoming'
OUT = sys.argv[1] if len(sys.argv) > 1 else '/work/stage/new'
SLUGS = sys.argv[2].split(',') if len(sys.argv) > 2 else None
SEARCHED_ON = '2026-12-01'
TYPES = {
 'are-qna-2017':'cyber_operation','chn-canadaelection-2023':'political_interference','chn-equifax-2020':'cyber_operation',
 'chn-policestations-2022':'transnational_repression','chn-xinjiang-2022':'human_rights_violation','ind-nijjar-2023':'assassination',
 'ind-pannun-2023':'assassination','irn-albania-2022':'cyber_operation','irn-alinejad-2021':'transnational_repression',
 'irn-tankers-2019':'military_incident','irn-villepinte-2018':'terrorist_attack','pak-pulwama-2019':'terrorist_attack',
 'prk-kimjongnam-2017':'chemical_poisoning','prk-ronin-2022':'cyber_operation','rus-bucha-2022':'human_rights_violation',
 'rus-bundestag-2015':'cyber_operation','rus-georgia-2019':'cyber_operation','rus-ghostwriter-2021':'cyber_operation',
 'rus-tiergarten-2019':'assassination','rus-viasat-2022':'cyber_operation','syr-douma-2018':'chemical_weapons_attack',
 'usa-nwpu-2022':'cyber_operation','usa-stuxnet-2010':'cyber_operation',
 'prk-cheonan-2010':'military_incident','irn-saudiplot-2011':'assassination','rus-montenegro-2016':'political_interference',
 'rus-norway-2020':'cyber_operation','rus-covidvaccine-2020':'cyber_operation','rus-estonia-2007':'cyber_operation','chn-balloon-2023':'espionage','isr-fakhrizadeh-2020':'assassination',
}
BODY = {'EU':'EU','NATO':'NATO','UN':'UN','OHCHR':'OHCHR','OPCW':'OPCW'}
DATE = re.compile(r'^\d{4}(-\d{2}(-\d{2})?)?$')
report = collections.defaultdict(list)
ALT = {}
if os.path.exists('/work/linkwork/alt-urls.tsv'):
    for row in csv.DictReader(open('/work/linkwork/alt-urls.tsv'), delimiter='\t'):
        if row['new_url'].strip().startswith('http'):
            ALT[(row['response_id'].strip(), int(row['quote_number']) - 1)] = (row['new_url'].strip(), row['outlet'].strip())
LINKS = {}
for lf in ['/work/linkwork/links.tsv', '/work/linkwork/links-2.tsv', '/work/linkwork/links-3.tsv']:
    for row in csv.DictReader(open(lf), delimiter='\t'):
        LINKS[row['response_id'].strip()] = (row['link'].strip(), row['reason'].strip())

def date(v):
    if v is None: return None
    v = str(v).strip()
    return v if DATE.match(v) else None

def clean(s):
    if s is None: return None
    s = str(s).replace('\t', ' ').strip()
    s = re.sub(r'[ \u00a0]+\n', '\n', s)
    return s or None

def actor(v, where):
    if v is None: return None
    v = str(v).strip()
    if re.match(r'^[A-Z]{3}$', v) or v in BODY: return v
    for b in BODY:
        if v.startswith(b + ' ') or v.startswith(b + '('): return b
    report['bad_actor'].append((where, v)); return None

ORIG = {}
def load_checks(slug):
    """(response id, 0-based quote index) -> (status, url_checked, note)"""
    checks = {}
    for name in ['quote-check-2026-12-02.tsv', 'quote-check-2026-12-02b.tsv']:
        p = os.path.join(INC, slug, name)
        if not os.path.exists(p): continue
        rows = list(csv.reader(open(p, encoding='utf-8'), delimiter='\t'))
        head = [h.lower() for h in rows[0]]
        zero = any('0based' in h or '0-based' in h for h in head)
        for r in rows[1:]:
            if len(r) < 3 or not r[0].strip(): continue
            if r[1].startswith('orig') and r[1][4:].isdigit():
                ORIG[(r[0].strip(), int(r[1][4:]) - 1)] = (r[2].strip().upper(), r[3].strip() if len(r) > 3 else '', '')
                continue
            try: n = int(r[1])
            except ValueError: report['bad_check_row'].append((slug, name, r[:3])); continue
            idx = n if zero else n - 1
            st = r[2].strip().upper()
            checks[(r[0].strip(), idx)] = (st, r[3].strip() if len(r) > 3 else '', r[4].strip() if len(r) > 4 else '')
    return checks

DROP_ACC = {
 'are-qna-2017-a7': 'names no state: Qatar\'s attorney general spoke of "one of the blockading states" (the UAE is not named)',
 'usa-stuxnet-2010-a1': 'names no state in the quoted words ("the arrogant", "enemy spy services"); the US and Israel are named only in paraphrase',
 'usa-stuxnet-2010-a2': 'accuses "Western" nations generically, in reported speech; no state named',
 'usa-stuxnet-2010-a3': 'names no state (Iran\'s "enemies"); the one quote naming "the Zionist regime and Western governments" is known only from a blog\'s copy',
}
DROP_ACC['prk-cheonan-2010-a5'] = 'undated: the United Kingdom\'s statement rests on one undated secondary page'
FIX_DATE = {'chn-xinjiang-2022-a5': '2022-09', 'prk-ronin-2022-a5': '2022-04'}

def convert(slug):
    c = yaml.safe_load(open(os.path.join(INC, slug, 'case.yaml')))[0]
    for a in c['accusations']:
        if a['id'] in FIX_DATE: a['date'] = FIX_DATE[a['id']]
    gone = [a['id'] for a in c['accusations'] if a['id'] in DROP_ACC]
    c['accusations'] = [a for a in c['accusations'] if a['id'] not in DROP_ACC]
    dropped_pre = []
    for g in gone:
        dropped_pre.append((g, 'accusation dropped: ' + DROP_ACC[g]))
        for r in c['responses']:
            if r.get('responds_to') == g: dropped_pre.append((r['id'], 'answers ' + g + ', which is dropped'))
    c['responses'] = [r for r in c['responses'] if r.get('responds_to') not in gone]
    checks = load_checks(slug)
    checks_orig = ORIG
    sources, by_url = [], {}
    def src(url, outlet=None, title=None, published=None):
        url = str(url).strip()
        if url in by_url:
            s = by_url[url]
            if title and 'title' not in s: s['title'] = clean(title)
            if date(published) and 'published' not in s: s['published'] = date(published)
            return s['source_id']
        s = {'source_id': f'{slug}-s{len(sources)+1}', 'outlet': clean(outlet) or urlparse(url).netloc.removeprefix('www.')}
        if title: s['title'] = clean(title)
        s['url'] = url
        if date(published): s['published'] = date(published)
        sources.append(s); by_url[url] = s
        return s['source_id']
    def srclist(lst):
        ids = []
        for d in lst or []:
            if isinstance(d, dict) and d.get('url'):
                i = src(d['url'], d.get('outlet'), d.get('title'), d.get('published'))
                if i not in ids: ids.append(i)
        return ids
    inc = c['incident']
    accs, acc_by = [], {}
    for a in c['accusations']:
        aid = a['id']
        rec = {'accusation_id': aid}
        acc = actor(a['accuser'], aid)
        rec['accuser'] = acc
        co = [actor(x, aid) for x in (a.get('co_accusers') or [])]
        if co: rec['co_accusers'] = [x for x in co if x]
        rec['accused_state'] = actor(a['accused_state'], aid)
        if a.get('accused_persons'): rec['accused_persons'] = [clean(x) for x in a['accused_persons'] if clean(x)]
        if a.get('issuer'): rec['issuer'] = clean(a['issuer'])
        if a.get('instrument'): rec['instrument_detail'] = clean(a['instrument'])
        d = date(a.get('date'))
        if d: rec['date'] = d
        else: report['acc_no_date'].append(aid)
        dn = [clean(a.get('date_note'))]
        for k in ['filed_date', 'unsealed_date', 'determination_date', 'sanctions_effective']:
            if a.get(k): dn.append(f"{k.replace('_',' ')}: {a[k]}" + (f" ({a[k+'_note']})" if a.get(k+'_note') else ''))
        dn = [x for x in dn if x]
        if dn: rec['date_note'] = ' '.join(dn)
        ev = [clean(x) for x in (a.get('evidence_cited') or []) if clean(x)]
        if ev: rec['evidence_detail'] = ev
        rec['sources'] = srclist(a.get('sources'))
        rec['verified'] = True
        notes = [clean(a.get('notes')), clean(a.get('accuser_note')), clean(a.get('accused_states_note'))]
        kq = []
        for k in ['key_quote', 'second_quote']:
            if a.get(k):
                ref = a.get(k + '_source') or a.get(k + '_ref') or ''
                kq.append(f"'{clean(a[k])}'" + (f" ({ref})" if ref else ''))
        for q, u in zip(a.get('quotes') or [], a.get('quote_refs') or []):
            kq.append(f"'{clean(q)}' ({u})")
        if kq: notes.append('Key passages as the research copied them (not second-checked, so not recorded as quotes): ' + '; '.join(kq))
        if a.get('key_quote_note'): notes.append(clean(a['key_quote_note']))
        notes = [x for x in notes if x]
        if notes: rec['notes'] = ' '.join(notes)
        accs.append(rec); acc_by[aid] = rec
    first_date = sorted(a['date'] for a in accs if a.get('date'))
    resps, dropped = [], dropped_pre
    for r in c['responses']:
        rid = r['id']
        rec = {'response_id': rid}
        rd = date(r.get('date'))
        to = r.get('responds_to')
        notes = []
        if isinstance(to, list): to = to[0]
        if to and to not in acc_by:
            report['dangling'].append((rid, to)); to = None
        anticip = False
        if to is None:
            later = [a for a in accs if a.get('date') and rd and a['date'] > rd]
            if rd and later:
                to = sorted(later, key=lambda a: a['date'])[0]['accusation_id']; anticip = True
                notes.append(f'Made before any recorded accusation: recorded as anticipating {to}.')
            else:
                dropped.append((rid, 'answers no recorded accusation: ' + str(r.get('responds_to_note') or r.get('related_to') or r.get('summary'))[:160])); continue
        elif rd and acc_by[to].get('date') and rd < acc_by[to]['date']:
            anticip = True
        rec['responds_to'] = to
        if anticip: rec['anticipatory'] = True
        lk = str(r.get('link_to_accusation') or '').lower()
        quotes_in = r.get('quotes') or []
        silence = not quotes_in and re.match(r'^(silence|no response|no comment|no reply|no statement)', str(r.get('summary') or '').strip().lower())
        if silence and re.match(r'^(silence|no response|no reply|no statement)', str(r.get('summary')).strip().lower()):
            rec['link'] = 'not_applicable'
        elif lk.startswith('explicit') or lk.startswith('stated'): rec['link'] = 'stated'
        elif lk.startswith('inferred') or lk.startswith('none'): rec['link'] = 'inferred'
        elif rid in LINKS and LINKS[rid][0] in ('stated', 'inferred'):
            rec['link'] = LINKS[rid][0]
            notes.append('Link settled from the quotes and channel (the research left it open): ' + clean(LINKS[rid][1]))
        else: rec['link'] = 'TODO'
        if lk and rec['link'] != 'not_applicable': notes.append('Link (research): ' + clean(r['link_to_accusation']) + '.')
        rec['responder'] = actor(r.get('responder'), rid)
        if rd: rec['date'] = rd
        dnote = clean(r.get('date_note'))
        if dnote: rec['date_note'] = dnote
        for k in ['speaker', 'speaker_role', 'channel']:
            if clean(r.get(k)): rec[k] = clean(r[k])
        langs = r.get('quote_languages') or []
        if r.get('quotes_language'):
            ql = str(r['quotes_language'])
            if re.match(r'^[a-z]{2,3}$', ql): langs = [ql] * len(quotes_in)
            else: notes.append('Language (research): ' + clean(ql))
        refs = r.get('quote_refs') or []
        trans = r.get('quote_translations') or []
        qs, lost = [], []
        for i, text in enumerate(quotes_in):
            url = refs[i] if i < len(refs) else None
            st = checks.get((rid, i))
            if st is None:
                lost.append((i, text, url, 'no second check')); continue
            status, checked, cnote = st
            alt = ALT.get((rid, i))
            if status == 'NOT FOUND' and alt:
                q = {'text': clean(text), 'source_id': src(alt[0], alt[1])}
                lg = langs[i] if i < len(langs) else None
                if lg and re.match(r'^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', str(lg)): q['language'] = str(lg)
                q['notes'] = f'The page the research cited ({url}) was not retrievable in the second check of 2026-12-02; these exact words are on the copy cited here.'
                qs.append(q); continue
            if status != 'VERIFIED':
                lost.append((i, text, url, status.lower() + (': ' + cnote if cnote else ''))); continue
            q = {'text': clean(text)}
            q['source_id'] = src(checked if checked.startswith('http') else url)
            lg = langs[i] if i < len(langs) else None
            if lg and re.match(r'^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', str(lg)): q['language'] = str(lg)
            elif lg: report['bad_lang'].append((rid, i, lg))
            t = trans[i] if i < len(trans) else None
            if t:
                q['notes'] = 'Translation as the research gives it: ' + clean(t if isinstance(t, str) else str(t))
            qs.append(q)
        for i, text in enumerate(r.get('quotes_original') or []):
            st = checks_orig.get((rid, i))
            if st and st[0] == 'VERIFIED':
                qs.append({'text': clean(text), 'source_id': src(r['quotes_original_refs'][i]), 'language': str(r.get('quote_language_original') or 'und'),
                           'notes': 'Original text. ' + clean(r.get('quotes_original_note') or '')})
        lc = collections.Counter(q.get('language', 'en') for q in qs)
        lang = lc.most_common(1)[0][0] if lc else 'en'
        rec['language'] = lang
        for q in qs:
            if q.get('language') == lang: del q['language']
        rec['summary'] = clean(r.get('summary')) or 'No summary.'
        if qs: rec['quotes'] = qs
        ids = srclist(r.get('sources'))
        for q in qs:
            if q['source_id'] not in ids: ids.append(q['source_id'])
        if not ids and to: ids = list(acc_by[to]['sources'][:1])
        if not ids: report['resp_no_source'].append(rid)
        rec['sources'] = ids
        if rec['link'] == 'not_applicable':
            rec['searched'] = ['The research search log, research/incoming/' + slug + '/notes.md, lists every query run for this case (corpus and words) and what it found; none found a response to this accusation.']
            if clean(r.get('notes')): rec['searched'].append(clean(r['notes']))
            rec['searched_on'] = SEARCHED_ON
            rec['verified'] = False
        else:
            rec['verified'] = bool(qs) and r.get('verified') is not False
        if clean(r.get('organ')): notes.append('Organ as the research describes it: ' + clean(r['organ']) + '.')
        if clean(r.get('notes')) and rec['link'] != 'not_applicable': notes.append(clean(r['notes']))
        for k in ['responds_to_note', 'also_responds_to', 'related_to']:
            if r.get(k): notes.append(f"{k.replace('_',' ')} (research): {r[k]}.")
        if r.get('outlet_reports'):
            notes.append('Reported speech only (the outlet\'s words, not a quotation): ' + '; '.join(f"'{clean(o.get('text'))}' ({o.get('url')})" for o in r['outlet_reports'] if isinstance(o, dict)))
        for i, text, url, why in lost:
            notes.append(f"Not recorded as a quote ({why.split(':')[0]} in the second check of 2026-12-02): '{clean(text)}' ({url}).")
        if notes: rec['notes'] = ' '.join(notes)
        if not qs and rec['link'] != 'not_applicable' and not silence:
            dropped.append((rid, 'no quote survives the second check' if quotes_in else 'no direct quotation (reported speech only)')); continue
        resps.append(rec)
    # silence records for unanswered accusations
    answered = {r['responds_to'] for r in resps}
    n = max([int(str(r['id']).rsplit('-r', 1)[1]) for r in c['responses']] + [0])
    for a in accs:
        if a['accusation_id'] in answered: continue
        n += 1
        resps.append({'response_id': f'{slug}-r{n}', 'responds_to': a['accusation_id'], 'link': 'not_applicable',
            'responder': a['accused_state'], 'language': 'en',
            'summary': f"No response of {a['accused_state']} to this accusation was found in the stored pages searched.",
            'sources': list(a['sources'][:1]),
            'searched': ['The research search log, research/incoming/' + slug + '/notes.md, lists every query run for this case (corpus and words) and what it found; none found a response to this accusation.'],
            'searched_on': SEARCHED_ON, 'verified': False})
    case = {'case_id': slug, 'title': clean(c['title']), 'summary': clean(inc['summary']), 'incident_type': TYPES[slug]}
    if date(inc.get('start_date')): case['start_date'] = date(inc['start_date'])
    if clean(inc.get('start_date_note')): case['start_date_note'] = clean(inc['start_date_note'])
    if clean(inc.get('location')): case['location'] = clean(inc['location'])
    case['sources'] = list(accs[0]['sources']) if accs else []
    cn = ['Incident type (research notes): ' + clean(inc['type']) + '.']
    if clean(c.get('notes')): cn.append(clean(c['notes']))
    case['notes'] = ' '.join(cn)
    doc = {'case': case, 'sources': sources, 'accusations': accs, 'responses': resps}
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, slug + '.yaml'), 'w') as f:
        yaml.safe_dump(doc, f, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)
    return len(accs), len(resps), sum(len(r.get('quotes', [])) for r in resps), dropped

tot = collections.Counter()
for slug in SLUGS or sorted(os.listdir(INC)):
    if not os.path.exists(os.path.join(INC, slug, 'quote-check-2026-12-02.tsv')):
        print('skip (no check yet)', slug); continue
    a, r, q, dropped = convert(slug)
    tot['a'] += a; tot['r'] += r; tot['q'] += q
    print(f'{slug}: {a} accusations, {r} responses, {q} quotes, dropped {len(dropped)}')
    for d in dropped: print('   drop', d[0], d[1][:150]); report['dropped'].append((slug,) + d)
print(tot)
for k, v in report.items():
    if k != 'dropped': print(k, v)
yaml.safe_dump(dict(report), open('/work/stage/report.yaml', 'w'), allow_unicode=True, width=150)
