import yaml,glob,csv,openpyxl,sys,collections
recs={}
for f in glob.glob(sys.argv[1]+'/*.yaml'):
    d=yaml.safe_load(open(f))
    if 'case' not in d: continue
    for a in d.get('accusations',[]): recs[a['accusation_id']]=('a',a)
    for r in d.get('responses',[]): recs[r['response_id']]=('r',r)
ev=collections.defaultdict(dict)  # (coder, unit, code) -> quotes
for coder,dirs in [('coder-e',['coder-e-1','coder-e-2']),('coder-f',['coder-f-1','coder-f-2'])]+[(c,[d]) for c,d in (x.split(':') for x in sys.argv[4:])]:
    for d in dirs:
        for row in csv.DictReader(open(f'/work/coders/{d}/evidence.csv')):
            ev[coder][(row['unit_id'],row['code'])]=(row['quotes'],row.get('note',''))
wb=openpyxl.load_workbook(sys.argv[2]); ws=wb['Disagreements']
hdr=[c.value for c in ws[1]]
out=open(sys.argv[3],'w')
n=0
for row in ws.iter_rows(min_row=2,values_only=True):
    row=dict(zip(hdr,row)); u=row['unit_id']; kind,rec=recs[u]; n+=1
    coders=[h for h in hdr if h.startswith('coder-')]
    out.write(f"## {n}. {u} — {row['variable']}\n")
    vals='; '.join(f"{c}: {row[c]}" for c in coders)
    out.write(f"Values: {vals}\n")
    if kind=='a':
        out.write(f"accuser {rec.get('accuser')} co {rec.get('co_accusers','')} accused {rec.get('accused_state')} date {rec.get('date')}\nissuer: {rec.get('issuer','')}\ninstrument_detail: {rec.get('instrument_detail','')}\nevidence_detail: {' | '.join(rec.get('evidence_detail',[]))}\n")
    else:
        out.write(f"speaker: {rec.get('speaker','')} ({rec.get('speaker_role','')}); channel: {rec.get('channel','')}; date {rec.get('date','')}\n")
        for i,q in enumerate(rec.get('quotes',[]),1): out.write(f"  q{i}: “{q['text']}”\n")
        if row['variable'].startswith('strategies:'):
            code=row['variable'].split(':',1)[1]
            for c in coders:
                e=ev[c].get((u,code))
                if e: out.write(f"  {c} evidence for {code}: quotes {e[0]}; note: {e[1]}\n")
    out.write("\n")
print(n)
