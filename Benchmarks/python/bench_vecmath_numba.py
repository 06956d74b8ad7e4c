"""Numba peers of vecmath-bench (Sources/vecmath-bench): exp/log/sin loops and
Black-Scholes on 2^20 doubles, with and without fastmath=True, serial and parallel.
Same inputs and formula as the Kern side; median of `reps` calls after a warm-up
(which also compiles). Usage: python bench_vecmath_numba.py [reps]"""
import math
import os
import sys
import time

import numpy as np
from numba import njit

from peers_numba import black_scholes  # the benchmark suite's kernel, undecorated

REPS = int(sys.argv[1]) if len(sys.argv) > 1 else 21
N = 1 << 20


def exp_loop(x, y):
    for i in range(x.shape[0]):
        y[i] = math.exp(x[i])


def log_loop(x, y):
    for i in range(x.shape[0]):
        y[i] = math.log(x[i])


def sin_loop(x, y):
    for i in range(x.shape[0]):
        y[i] = math.sin(x[i])


def median_ms(f, *args):
    f(*args)
    times = []
    for _ in range(REPS):
        start = time.perf_counter()
        f(*args)
        times.append((time.perf_counter() - start) * 1e3)
    return sorted(times)[len(times) // 2]


def row(label, ms):
    print(f"{label:<62}{ms:8.3f} ms")


i = np.arange(N)
s = 50 + (i % 1000) * 0.1
k = 40 + ((i * 7) % 1000) * 0.12
t = 0.1 + ((i * 13) % 1000) * 0.002
x = 0.001 + (i % 10_000) * 0.01
y = np.zeros(N)
for name, f in [("exp", exp_loop), ("log", log_loop), ("sin", sin_loop)]:
    for fast in (False, True):
        row(f"Numba {name}{', fastmath=True' if fast else ''}", median_ms(njit(fastmath=fast)(f), x, y))
call = np.zeros(N)
put = np.zeros(N)
threads = os.cpu_count()
for parallel in (False, True):
    for fast in (False, True):
        f = njit(parallel=parallel, fastmath=fast)(black_scholes)
        label = f"Numba Black-Scholes{', fastmath=True' if fast else ''}, {threads if parallel else 1} thread{'s' if parallel else ''}"
        row(label, median_ms(f, s, k, t, 0.02, 0.30, call, put))
print(f"checksum (last run) {float(np.sum(call) + np.sum(put)):.6f}")
