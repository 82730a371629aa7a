#!/usr/bin/env python3
"""Writes spirals-train.csv and spirals-test.csv: three interleaved spiral arms in the plane (the classic
non-linear toy problem of CS231n's neural-network notes), with two distractor columns of noise. Seeded, so the
files are the same on every run:  python3 examples/data/make-spirals.py"""
import math
import random

def rows(n_per_class, rng):
    out = []
    for arm, name in enumerate(["red", "green", "blue"]):
        for i in range(n_per_class):
            r = i / n_per_class
            t = arm * 4 + 4 * r + rng.gauss(0, 0.2)
            out.append((round(r * math.sin(t), 4), round(r * math.cos(t), 4),
                        round(rng.gauss(0, 1), 4), round(rng.uniform(-1, 1), 4), name))
    rng.shuffle(out)
    return out

rng = random.Random(7)
for name, n in (("spirals-train.csv", 300), ("spirals-test.csv", 100)):
    with open(name, "w") as f:
        f.write("x,y,noise1,noise2,arm\n")
        for row in rows(n, rng):
            f.write(",".join(str(v) for v in row) + "\n")
