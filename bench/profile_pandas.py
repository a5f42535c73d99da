#!/usr/bin/python3
"""The peer of BenchmarkProfile1M: the same strategy profile in pandas.

Reads responses.csv (as `rejoinder export csv` writes it), then times, RUNS
times, counting observed responses per responder and, per responder and
strategy, how many use it and the share. Loading the CSV is timed apart, so
the computation is compared with the computation. Prints JSON with the
median seconds and writes the profile to OUT_CSV for a cross-check.

Usage: profile_pandas.py RESPONSES_CSV RUNS OUT_CSV
"""
import json
import statistics
import sys
import time

import pandas as pd


def profile(df):
    d = df[df["observed"] == "responded"]
    totals = d.groupby("responder").size().rename("responses")
    s = d.assign(strategy=d["strategies"].fillna("").str.split("; ")).explode("strategy")
    s = s[s["strategy"] != ""]
    counts = s.groupby(["responder", "strategy"]).size().rename("count").reset_index()
    counts = counts.merge(totals.reset_index(), on="responder")
    counts["share"] = counts["count"] / counts["responses"]
    return counts


def main():
    path, runs, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    t0 = time.perf_counter()
    df = pd.read_csv(path, usecols=["responder", "observed", "strategies"], dtype=str, keep_default_na=False)
    load = time.perf_counter() - t0
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = profile(df)
        times.append(time.perf_counter() - t0)
    result.sort_values(["responder", "strategy"]).to_csv(out, index=False)
    print(json.dumps({"pandas": pd.__version__, "rows": len(df), "load_s": load,
                      "median_s": statistics.median(times), "runs": times}))


if __name__ == "__main__":
    main()
