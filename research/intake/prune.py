#!/usr/bin/python3
"""prune.py FILE...: drop the sources no case, accusation or response of the file cites (left by responses
dropped at intake), and write the file back in the records' layout."""
import sys, yaml
for f in sys.argv[1:]:
    d = yaml.safe_load(open(f))
    cited = set(d['case'].get('sources', []))
    for t in ('accusations', 'responses'):
        for r in d.get(t, []):
            cited |= set(r.get('sources', []))
    before = len(d['sources'])
    d['sources'] = [s for s in d['sources'] if s['source_id'] in cited]
    if len(d['sources']) != before:
        with open(f, 'w') as fh:
            yaml.safe_dump(d, fh, sort_keys=False, allow_unicode=True, width=110, default_flow_style=False)
        print(f, before - len(d['sources']), 'uncited sources dropped')
