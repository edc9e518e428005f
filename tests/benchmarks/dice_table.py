#!/usr/bin/env python3
"""Mean Dice per source and training size from a run's results.csv, with bootstrap 95 % CIs over held-out patients.

Used by the L3 benchmarks (l3_strategies_margin.sh, l3_data_efficiency.sh). Prints a CSV table (source × n, each cell
`mean [lo, hi]`) and then key=value lines:
  human_band=<lower>-<upper>            from the run's human_band.json (observer pairs' mean Dice), when present
  reaches_band_<source>=<n>|none        the smallest n whose mean Dice reaches the band's lower edge
  none_rise=<d> ci95=[lo,hi]            random init: mean Dice at the largest n − at the smallest n (paired by patient)
  spread_at_n<N>=<d>                    largest − smallest source mean at the largest n
  best_pretrained_at_n<n0>=<source>
  margin=<d> ci95=[lo,hi]               best pretrained source − none at the smallest n (paired by patient)
A "patient" is the case id's patient part (before the first '/'); every arm of one (source, n) covers each held-out
patient once per seed, so the bootstrap resamples patients and averages their Dice.
"""
import argparse
import csv
import json
import os
import random
import statistics
import sys
from collections import defaultdict


def patient_of(case):
    return case.split("/")[0]


def load(path, label):
    per = defaultdict(lambda: defaultdict(list))  # (source, n) -> patient -> [dice]
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if row["label"] != str(label) or row["dice"] == "":
                continue
            per[(row["source"], int(row["n"]))][patient_of(row["case"])].append(float(row["dice"]))
    if not per:
        sys.exit(f"{path}: no Dice rows for label {label}")
    return {k: {p: statistics.mean(v) for p, v in d.items()} for k, d in per.items()}


def bootstrap(values_by_patient, rng, reps):
    """Mean and percentile 95 % CI of the mean over patients (values_by_patient: patient -> value)."""
    vals = list(values_by_patient.values())
    means = sorted(statistics.fmean(rng.choices(vals, k=len(vals))) for _ in range(reps))
    return statistics.fmean(vals), means[int(0.025 * reps)], means[int(0.975 * reps) - 1]


def paired(a, b):
    """Per-patient a − b over the patients both have."""
    return {p: a[p] - b[p] for p in a.keys() & b.keys()}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("results", help="results.csv of a run")
    ap.add_argument("--label", type=int, default=1)
    ap.add_argument("--reps", type=int, default=2000, help="bootstrap resamples")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    data = load(args.results, args.label)
    sizes = sorted({n for _, n in data})
    sources = sorted({s for s, _ in data}, key=lambda s: (s != "none", s))
    mean = {}
    print("source," + ",".join(f"n={n}" for n in sizes))
    for s in sources:
        cells = []
        for n in sizes:
            if (s, n) not in data:
                cells.append("")
                continue
            m, lo, hi = bootstrap(data[(s, n)], rng, args.reps)
            mean[(s, n)] = m
            cells.append(f"{m:.3f} [{lo:.3f} {hi:.3f}]")
        print(s + "," + ",".join(cells))

    band = os.path.join(os.path.dirname(os.path.abspath(args.results)), "human_band.json")
    if os.path.exists(band):
        b = json.load(open(band))
        if b.get("label") == args.label:
            print(f"human_band={b['lower']:.3f}-{b['upper']:.3f}")
            for s in sources:
                hit = next((n for n in sizes if mean.get((s, n), -1) >= b["lower"]), None)
                print(f"reaches_band_{s}={hit if hit is not None else 'none'}")

    n0, n1 = sizes[0], sizes[-1]
    if "none" in sources and len(sizes) > 1 and ("none", n0) in data and ("none", n1) in data:
        d, lo, hi = bootstrap(paired(data[("none", n1)], data[("none", n0)]), rng, args.reps)
        print(f"none_rise={d:.3f} ci95=[{lo:.3f},{hi:.3f}]")
    at_n1 = [mean[(s, n1)] for s in sources if (s, n1) in mean]
    print(f"spread_at_n{n1}={max(at_n1) - min(at_n1):.3f}")
    pretrained = [s for s in sources if s != "none" and (s, n0) in mean]
    if "none" in sources and pretrained:
        best = max(pretrained, key=lambda s: mean[(s, n0)])
        d, lo, hi = bootstrap(paired(data[(best, n0)], data[("none", n0)]), rng, args.reps)
        print(f"best_pretrained_at_n{n0}={best}")
        print(f"margin={d:.3f} ci95=[{lo:.3f},{hi:.3f}]")


if __name__ == "__main__":
    main()
