#!/usr/bin/python3
"""Independent agreement measures for rejoinder's reliability tests:
Cohen's kappa from scikit-learn and Krippendorff's alpha from NLTK
(nominal distance, and interval distance for numbers), on a long-format
CSV with the header unit,coder,value. Prints JSON.

Usage: agreement.py FILE.csv
"""
import csv
import json
import sys

from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import binary_distance, interval_distance
from sklearn.metrics import cohen_kappa_score

rows = list(csv.DictReader(open(sys.argv[1])))
rows = [r for r in rows if r["value"] != ""]
coders = sorted({r["coder"] for r in rows})
out = {}
triples = [(r["coder"], r["unit"], r["value"]) for r in rows]
out["alpha_nominal"] = AnnotationTask(data=triples, distance=binary_distance).alpha()
try:
    numeric = [(c, u, float(v)) for c, u, v in triples]
    out["alpha_interval"] = AnnotationTask(data=numeric, distance=interval_distance).alpha()
except ValueError:
    pass
if len(coders) == 2:
    a = {r["unit"]: r["value"] for r in rows if r["coder"] == coders[0]}
    b = {r["unit"]: r["value"] for r in rows if r["coder"] == coders[1]}
    both = sorted(set(a) & set(b))
    out["kappa"] = cohen_kappa_score([a[u] for u in both], [b[u] for u in both])
print(json.dumps(out))
