#!/usr/bin/env python3
"""Compile time per kernel file: Kern cold and warm next to Numba cache=False and cache=True
(issue 14; docs/compile-time.md, "Compile table").

    python3 Benchmarks/python/compile_table.py KERNELC [RUNS] > Benchmarks/results/compile-table.md

Run from the repository root with a Python that has Numba (Benchmarks/.venv). For each
benchmark kernel with a Numba peer (peers_numba.py), medians of RUNS fresh processes:
- Kern cold: `KERN_CACHE=off kernelc run --time Kernels/<k>.kern`, the in-process compile
  time ("total" of the --time table: parse through JIT link, LLVM's load included);
- Kern warm: the same with the compile cache filled beforehand (a fresh cache directory);
- Numba cache=False / cache=True: the first call of `njit(parallel=True)` on tiny inputs
  in a fresh Python that has already imported numba (the call compiles, or loads from
  NUMBA_CACHE_DIR, then runs for microseconds), and the import of numba itself.
Wall-clock milliseconds: on a shared machine read them as orders of magnitude.
"""
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
KERNELS = ["saxpy", "dot", "mandelbrot", "nbody", "jacobi2d", "matmul", "black_scholes",
           "histogram"]

# One fresh process: import numba, then time the first call of one kernel on tiny inputs.
CHILD = r"""
import sys, time
t0 = time.perf_counter()
import numpy as np
import numba
sys.path.insert(0, HERE)
import peers_numba as pn
t1 = time.perf_counter()
name, cache = sys.argv[1], sys.argv[2] == "1"
f = numba.njit(parallel=True, cache=cache)(
    pn.histogram_parallel if name == "histogram" else pn.KERNELS[name])
n = 16
x, y = np.linspace(0.01, 0.99, n), np.ones(n)
args = {
    "saxpy": (2.0, x, y), "dot": (x, y),
    "mandelbrot": (8, 8, 20, np.zeros(64, np.int64)),
    "nbody": (np.linspace(0, 1, 3 * n), np.ones(n), 0.01, np.zeros(3 * n)),
    "jacobi2d": (8, 2, np.ones(64), np.zeros(64)),
    "matmul": (4, np.ones(16), np.ones(16), np.zeros(16)),
    "black_scholes": (x + 1, x + 1, x, 0.02, 0.3, np.zeros(n), np.zeros(n)),
    "histogram": (x, np.zeros(8, np.int64)),
}[name]
t2 = time.perf_counter()
f(*args)
t3 = time.perf_counter()
print(f"{(t1 - t0) * 1e3:.1f} {(t3 - t2) * 1e3:.1f}")
""".replace("HERE", repr(HERE))


def numba_first_call(name, cache, cache_dir):
    env = dict(os.environ, NUMBA_CACHE_DIR=cache_dir)
    out = subprocess.run([sys.executable, "-c", CHILD, name, "1" if cache else "0"],
                         capture_output=True, text=True, env=env, check=True).stdout.split()
    return float(out[0]), float(out[1])


def kern_compile(kernelc, path, env):
    r = subprocess.run([kernelc, "run", "--time", path], capture_output=True, text=True,
                       env=env, check=True)
    m = re.search(r"^\s+total\s+([\d.]+)$", r.stderr, re.M)
    if not m:
        sys.exit(f"{path}: no total in --time output:\n{r.stderr}")
    return float(m.group(1))


def main():
    kernelc = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in KERNELS:
            path = f"Kernels/{name}.kern"
            kern_dir, numba_dir = os.path.join(tmp, "kern-" + name), os.path.join(tmp, "nb-" + name)
            cold_env = dict(os.environ, KERN_CACHE="off")
            warm_env = dict(os.environ, KERN_CACHE_DIR=kern_dir)
            cold = [kern_compile(kernelc, path, cold_env) for _ in range(runs)]
            kern_compile(kernelc, path, warm_env)  # fills the cache
            warm = [kern_compile(kernelc, path, warm_env) for _ in range(runs)]
            uncached = [numba_first_call(name, False, numba_dir) for _ in range(runs)]
            numba_first_call(name, True, numba_dir)  # fills Numba's cache
            cached = [numba_first_call(name, True, numba_dir) for _ in range(runs)]
            shutil.rmtree(numba_dir, ignore_errors=True)
            med = statistics.median
            rows.append((name, med(cold), med(warm), med(c for _, c in uncached),
                         med(c for _, c in cached), med(i for i, _ in uncached + cached)))
            print(f"{name}: done", file=sys.stderr, flush=True)
    print("| kernel file | Kern cold ms | Kern warm ms | Numba cache=False ms | Numba cache=True ms | import numba ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, cold, warm, nb_cold, nb_warm, imp in rows:
        print(f"| {name}.kern | {cold:.1f} | {warm:.1f} | {nb_cold:.1f} | {nb_warm:.1f} | {imp:.0f} |")


if __name__ == "__main__":
    main()
