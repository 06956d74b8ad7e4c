"""Numba and NumPy peers of the @vectorize chain (issue 17): sqrt(x*x + y*y) * exp(-z)
over 2^24 doubles written as three ufuncs, sq, hyp-add and damp, composed as
damp(add(sq(x), sq(y)), z). The Kern side is Tests/KernTests/UfuncChainMeasurement.swift
(same inputs, same formula). Median of `reps` calls after a warm-up (which compiles).
Usage: python bench_ufunc_chain.py [reps]"""
import math
import sys
import time

import numba
import numpy as np
from numba import vectorize

REPS = int(sys.argv[1]) if len(sys.argv) > 1 else 11
N = 1 << 24

i = np.arange(N, dtype=np.int64)
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


def median_ms(f):
    f()
    times = []
    for _ in range(REPS):
        start = time.perf_counter()
        f()
        times.append((time.perf_counter() - start) * 1e3)
    return sorted(times)[len(times) // 2]


reference = numpy_chain()
parallel = make("parallel")
serial = make("cpu")
assert np.allclose(parallel(), reference, rtol=1e-12, atol=0)
print(f"checksum {reference.sum():.6f}")
print(f"{'NumPy (1 thread)':<44}{median_ms(numpy_chain):9.2f} ms")
print(f"{'Numba @vectorize cpu (1 thread)':<44}{median_ms(serial):9.2f} ms")
for threads in (1, 2):
    numba.set_num_threads(threads)
    label = f"Numba @vectorize parallel, {threads} thread{'s' if threads > 1 else ''}"
    print(f"{label:<44}{median_ms(parallel):9.2f} ms")
