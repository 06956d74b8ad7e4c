"""Numba and NumPy peers of the @vectorize chain (issue 17): sqrt(x*x + y*y) * exp(-z)
over n doubles written as three ufuncs, sq, add and damp, composed as
damp(add(sq(x), sq(y)), z). The Kern side is Sources/KernPeer/KernChainSuite.swift; the
harness (Sources/BenchCore/UfuncChain.swift) runs this script with --json and checks
each row's checksum against its own Swift reference. Inputs are the same formula on both
sides. Each implementation: `warmups` untimed calls (the first compiles), then `reps`
timed calls; every output is compared element by element with NumPy's.

Usage: python bench_ufunc_chain.py [--n N] [--reps R] [--warmups W] [--json PATH]"""
import argparse
import json
import math
import time

import numba
import numpy as np
from numba import vectorize

parser = argparse.ArgumentParser()
parser.add_argument("--n", type=int, default=1 << 24)
parser.add_argument("--reps", type=int, default=11)
parser.add_argument("--warmups", type=int, default=1)
parser.add_argument("--json", default=None)
args = parser.parse_args()

i = np.arange(args.n, dtype=np.int64)
x = (i % 1000) * 0.001
y = (i % 777) * 0.002
z = (i % 13) * 0.05


def make(target):
    @vectorize(["float64(float64)"], target=target)
    def sq(a):
        return a * a

    @vectorize(["float64(float64, float64)"], target=target)
    def add(a, b):
        return a + b

    @vectorize(["float64(float64, float64)"], target=target)
    def damp(v, w):
        return math.sqrt(v) * math.exp(-w)

    return lambda: damp(add(sq(x), sq(y)), z)


def numpy_chain():
    return np.sqrt(x * x + y * y) * np.exp(-z)


def timed(f):
    """Warm-up calls, then timed calls; returns (times in ms, last output)."""
    out = None
    for _ in range(max(args.warmups, 1)):
        out = f()
    times = []
    for _ in range(args.reps):
        start = time.perf_counter()
        out = f()
        times.append((time.perf_counter() - start) * 1e3)
    return times, out


reference = numpy_chain()
scale = float(np.max(np.abs(reference))) or 1.0
rows = []


def add_row(name, threads, f):
    times, out = timed(f)
    rows.append({
        "implementation": name, "threads": threads, "times_ms": times,
        "checksum": float(out.sum()),
        "max_rel_vs_numpy": float(np.max(np.abs(out - reference))) / scale if out.size else 0.0,
    })
    print(f"{name + f', {threads} thread(s)':<52}{sorted(times)[len(times) // 2]:9.2f} ms",
          flush=True)


add_row("NumPy", 1, numpy_chain)
add_row("Numba @vectorize cpu", 1, make("cpu"))
parallel = make("parallel")
for threads in (1, 2):
    numba.set_num_threads(threads)
    add_row("Numba @vectorize parallel", threads, parallel)

if args.json:
    with open(args.json, "w") as f:
        json.dump({"n": args.n, "rows": rows}, f)
