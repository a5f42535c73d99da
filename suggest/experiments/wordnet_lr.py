#!/usr/bin/env python3
"""Would WordNet synonyms help a word-counting coder on cases it never saw?

An experiment outside the program (EVALUATION.md, "Why not higher", quotes
its result): a logistic regression per strategy code (scikit-learn,
liblinear, classes balanced) over each quote's words and word pairs, with
or without the WordNet 3.0 synonym sets of its words (the first two senses
of each part of speech) and their first hypernym. Scored leave-one-case-out
like `rejoinder suggest --evaluate`: for each case, the model is fitted on
the other cases' quotes (a quote's label is the codes its coders marked),
each code's threshold is the one with the best F1 on out-of-fold
probabilities of five case-grouped folds of those training cases, and a
response's probability is the largest over its quotes.

Needs Debian's python3-sklearn, python3-yaml and wordnet-base:

    apt-get install python3-sklearn python3-yaml wordnet-base
    python3 suggest/experiments/wordnet_lr.py words      # words and pairs only
    python3 suggest/experiments/wordnet_lr.py synsets    # + synonym sets
    python3 suggest/experiments/wordnet_lr.py hypernyms  # + their hypernyms

Run from the repository root; it reads dataset/records/*.yaml.
"""
import collections
import glob
import os
import re
import sys

import numpy as np
import yaml
from scipy.sparse import hstack
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

WORDNET = "/usr/share/wordnet"
POS = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# WordNet's detachment rules (morphy), for words not in an exception list.
RULES = {
    "n": [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y")],
    "v": [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")],
    "a": [("er", ""), ("est", ""), ("er", "e"), ("est", "e")],
    "r": [],
}


def read_wordnet():
    """Lemma → synset offsets (by sense order), synset → hypernyms, exceptions."""
    index, exc, hyper = {}, {}, {}
    for p, name in POS.items():
        for line in open(os.path.join(WORDNET, "index." + name), encoding="latin-1"):
            if line.startswith(" "):
                continue
            f = line.split()
            senses = int(f[2])
            index[(f[0], p)] = [p + o for o in f[-senses:]]
        for line in open(os.path.join(WORDNET, name + ".exc"), encoding="latin-1"):
            f = line.split()
            if len(f) >= 2:
                exc[(f[0], p)] = f[1]
        for line in open(os.path.join(WORDNET, "data." + name), encoding="latin-1"):
            if line.startswith(" "):
                continue
            f = line.split(" | ")[0].split()
            i = 4 + 2 * int(f[3], 16)
            pointers = int(f[i])
            i += 1
            hs = []
            for _ in range(pointers):
                sym, off, pos, _st = f[i : i + 4]
                i += 4
                if sym in ("@", "@i"):
                    hs.append(pos.replace("s", "a") + off)
            hyper[p + f[0]] = hs
    return index, exc, hyper


INDEX, EXC, HYPER = read_wordnet()


def lemma(word, p):
    if (word, p) in EXC and (EXC[(word, p)], p) in INDEX:
        return EXC[(word, p)]
    if (word, p) in INDEX:
        return word
    for suffix, ending in RULES[p]:
        if word.endswith(suffix):
            cand = word[: len(word) - len(suffix)] + ending
            if (cand, p) in INDEX:
                return cand
    return None


def synsets(word, senses=2):
    out = []
    for p in "nvar":
        lem = lemma(word, p)
        if lem:
            out += INDEX[(lem, p)][:senses]
    return out


LETTERS = re.compile(r"[^\W\d_]+", re.U)


def wordnet_features(text, hypernyms):
    out = []
    for w in LETTERS.findall(text.lower()):
        if len(w) < 3 or not w.isascii():
            continue
        for s in synsets(w):
            out.append("S" + s)
            if hypernyms:
                out += ["H" + h for h in HYPER.get(s, [])[:1]]
    return " ".join(out)


def load_units():
    """Observed responses: (case, gold codes, [(quote text, quote codes)])."""
    units = []
    for path in sorted(glob.glob("dataset/records/*.yaml")):
        if path.endswith("dataset.yaml"):
            continue
        for r in yaml.safe_load(open(path)).get("responses") or []:
            if r.get("observed") != "responded":
                continue
            quotes = [(q["text"], q.get("codes") or []) for q in r.get("quotes") or [] if q.get("text")]
            if quotes:
                units.append((r["response_id"].rsplit("-r", 1)[0], r.get("strategies") or [], quotes))
    return units


def main(mode):
    units = load_units()
    codes = sorted({c for u in units for c in u[1]})
    texts, labels, owner = [], [], []
    for i, (_case, _gold, quotes) in enumerate(units):
        for text, qcodes in quotes:
            texts.append(text)
            labels.append(qcodes)
            owner.append(i)
    owner = np.array(owner)
    extra = None if mode == "words" else [wordnet_features(t, mode == "hypernyms") for t in texts]
    cases = np.array([u[0] for u in units])
    gold = np.array([[c in u[1] for c in codes] for u in units])

    def fit_predict(train_units, test_units):
        tr = np.where(np.isin(owner, train_units))[0]
        te = np.where(np.isin(owner, test_units))[0]
        words = CountVectorizer(ngram_range=(1, 2), min_df=2, binary=True, token_pattern=r"(?u)\b\w+\b")
        words.fit([texts[i] for i in tr])
        senses = CountVectorizer(min_df=2, binary=True, token_pattern=r"\S+").fit([extra[i] for i in tr]) if extra else None

        def features(idx):
            x = words.transform([texts[i] for i in idx])
            return hstack([x, senses.transform([extra[i] for i in idx])]).tocsr() if senses else x

        xtr, xte = features(tr), features(te)
        row = {u: k for k, u in enumerate(test_units)}
        probs = np.zeros((len(test_units), len(codes)))
        for j, c in enumerate(codes):
            y = np.array([c in labels[i] for i in tr])
            if not y.any():
                continue
            model = LogisticRegression(class_weight="balanced", solver="liblinear").fit(xtr, y)
            for qi, p in zip(te, model.predict_proba(xte)[:, 1]):
                k = row[owner[qi]]
                probs[k, j] = max(probs[k, j], p)
        return probs

    def thresholds(probs, want):
        cuts = []
        for j in range(len(codes)):
            best = (0.0, 0.5)
            for t in np.arange(0.05, 0.96, 0.05):
                got = probs[:, j] >= t
                denom = got.sum() + want[:, j].sum()
                f1 = 2 * (got & want[:, j]).sum() / denom if denom else 0.0
                if f1 > best[0]:
                    best = (f1, t)
            cuts.append(best[1])
        return np.array(cuts)

    everyone = np.arange(len(units))
    tp, fp, fn = (np.zeros(len(codes)) for _ in range(3))
    for case in sorted(set(cases)):
        test, train = everyone[cases == case], everyone[cases != case]
        held_out = np.zeros((len(train), len(codes)))
        for a, b in GroupKFold(5).split(train, groups=cases[train]):
            held_out[b] = fit_predict(train[a], train[b])
        got = fit_predict(train, test) >= thresholds(held_out, gold[train])
        want = gold[test]
        tp += (got & want).sum(0)
        fp += (got & ~want).sum(0)
        fn += (~got & want).sum(0)
    support = tp + fn
    f1 = np.where(support > 0, 2 * tp / np.maximum(2 * tp + fp + fn, 1), 0)
    micro = 2 * tp.sum() / (2 * tp.sum() + fp.sum() + fn.sum())
    print(f"{mode}: macro-F1 {f1[support > 0].mean():.3f}, micro-F1 {micro:.3f}, {len(units)} responses, {len(set(cases))} cases")
    for c, f, s in zip(codes, f1, support):
        print(f"  {c:<26} F1 {f:.2f}  support {int(s)}")


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in ("words", "synsets", "hypernyms"):
        sys.exit("usage: wordnet_lr.py words|synsets|hypernyms")
    main(sys.argv[1])
