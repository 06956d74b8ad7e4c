"""Times the Numba or NumPy peers on the inputs kern-bench wrote, in one process.

usage: bench_python.py --peers numba|numpy DIR
Reads DIR/manifest.json and DIR/*.bin (raw little-endian arrays), writes each output to
DIR/<kernel>__<impl>.bin and a summary to DIR/results-<peers>.json; progress on stderr.
"""
import json
import sys
import time
from pathlib import Path

import numpy as np


def say(msg):
    print(f"  [python] {msg}", file=sys.stderr, flush=True)


def timed(plan, body, reset=lambda: None):
    """Warm-ups then timed repetitions (ms); reset() runs untimed before each call."""
    for _ in range(plan["warmups"]):
        reset()
        body()
    times = []
    for _ in range(plan["repetitions"]):
        reset()
        t0 = time.perf_counter()
        body()
        times.append((time.perf_counter() - t0) * 1e3)
    return times


class Bench:
    def __init__(self, directory):
        self.dir = Path(directory)
        self.m = json.loads((self.dir / "manifest.json").read_text())
        self.measurements = []
        self.metrics = []

    def load(self, name, dtype):
        return np.fromfile(self.dir / f"{name}.bin", dtype=dtype)

    def cases(self):
        """kernel -> (call(fn) running it once, reset, output getter, dtype)."""
        m = self.m
        x32, y0 = self.load("saxpy_x", np.float32), self.load("saxpy_y", np.float32)
        y = y0.copy()
        a = np.float32(m["saxpy_a"])
        dx, dy = self.load("dot_x", np.float64), self.load("dot_y", np.float64)
        dot_out = np.zeros(1)
        counts = np.full(m["mandel_width"] * m["mandel_height"], -1, np.int32)
        pos, mass = self.load("nbody_pos", np.float64), self.load("nbody_mass", np.float64)
        acc = np.full(3 * m["nbody_n"], np.nan)
        g0 = self.load("jacobi_grid", np.float64)
        ja, jb = g0.copy(), g0.copy()
        ma, mb = self.load("matmul_a", np.float32), self.load("matmul_b", np.float32)
        mc = np.full(m["matmul_n"] ** 2, np.nan, np.float32)
        s, k, t = (self.load(f"bs_{n}", np.float64) for n in ("spot", "strike", "expiry"))
        call, put = np.full_like(s, np.nan), np.full_like(s, np.nan)
        hx = self.load("hist_x", np.float64)
        hist = np.full(m["hist_bins"], -1, np.int64)
        kp, kc = self.load("kmeans_points", np.float64), self.load("kmeans_centres", np.float64)
        assign = np.full(m["kmeans_n"], -1, np.int32)
        jcounts = np.full(m["julia_width"] * m["julia_height"], -1, np.int32)

        def reset_jacobi():
            np.copyto(ja, g0)
            np.copyto(jb, g0)

        def set_dot(f):
            dot_out[0] = f(dx, dy)

        none = lambda: None
        return {
            "saxpy": (lambda f: f(a, x32, y), lambda: np.copyto(y, y0), lambda: y),
            "dot": (set_dot, none, lambda: dot_out),
            "mandelbrot": (lambda f: f(m["mandel_width"], m["mandel_height"], m["mandel_iterations"], counts),
                           none, lambda: counts),
            "nbody": (lambda f: f(pos, mass, m["softening"], acc), none, lambda: acc),
            "jacobi2d": (lambda f: f(m["jacobi_n"], m["jacobi_sweeps"], ja, jb), reset_jacobi, lambda: ja),
            "matmul": (lambda f: f(m["matmul_n"], ma, mb, mc), none, lambda: mc),
            "black_scholes": (lambda f: f(s, k, t, m["rate"], m["volatility"], call, put), none,
                              lambda: np.concatenate([call, put])),
            "histogram": (lambda f: f(hx, hist), none, lambda: hist),
            "kmeans": (lambda f: f(m["kmeans_d"], kp, kc, assign), none, lambda: assign),
            "julia": (lambda f: f(m["julia_width"], m["julia_height"], m["julia_iterations"],
                                  m["julia_cr"], m["julia_ci"], jcounts), none, lambda: jcounts),
        }

    def record(self, kernel, impl, threads, serial, times=None, output=None, note="", **status):
        entry = {"kernel": kernel, "implementation": impl, "threads": threads, "serial": serial, "note": note}
        entry.update(status)
        if times is not None:
            fname = f"{kernel}__{impl.replace(' ', '_')}.bin"
            output.tofile(self.dir / fname)
            entry.update(times_ms=times, output=fname, dtype=str(output.dtype))
            say(f"{kernel} · {impl}: {np.median(times):.3f} ms (median of {len(times)})")
        else:
            say(f"{kernel} · {impl}: n/a ({status})")
        self.measurements.append(entry)

    def run_suite(self, impl, threads, serial, fns, notes=None, unavailable=None, compile_group=None):
        for kernel, (call, reset, output) in self.cases().items():
            if unavailable and kernel in unavailable:
                self.record(kernel, impl, threads, serial, unavailable=unavailable[kernel])
                continue
            f = fns[kernel]
            try:
                if compile_group:  # first call = compile + run; latency = first - steady median
                    reset()
                    t0 = time.perf_counter()
                    call(f)
                    first = (time.perf_counter() - t0) * 1e3
                times = timed(self.m, lambda: call(f), reset)
                if compile_group:
                    self.metric(compile_group, f"{kernel}: first call − median run", first - np.median(times), "ms")
                self.record(kernel, impl, threads, serial, times, output().copy(),
                            note=(notes or {}).get(kernel, ""))
            except Exception as e:  # a peer failing is reported, not fatal
                self.record(kernel, impl, threads, serial, error=f"{type(e).__name__}: {e}")

    def metric(self, group, name, value, unit):
        self.metrics.append({"group": group, "name": name, "value": float(value), "unit": unit})

    def per_call_ns(self, f, arg, calls):
        best = []
        for _ in range(5):
            t0 = time.perf_counter()
            for _ in range(calls):
                f(arg)
            best.append((time.perf_counter() - t0) * 1e9 / calls)
        return float(np.median(best))

    def numba(self):
        import numba
        import peers_numba as pn

        threads = numba.get_num_threads()
        self.run_suite("Numba", 1, None, pn.compiled(False), compile_group="Numba compile (njit)")
        self.run_suite("Numba parallel", threads, "Numba", pn.compiled(True),
                       compile_group="Numba compile (njit parallel=True)")
        calls = 20_000 if self.m["quick"] else 1_000_000
        trivial, first = numba.njit(pn.trivial), numba.njit(pn.first)
        trivial(1), first(np.zeros(4))
        self.metric("call overhead", "Numba: trivial(x) from Python", self.per_call_ns(trivial, 1, calls), "ns/call")
        self.metric("call overhead", "Numba: first(a), array argument, from Python",
                    self.per_call_ns(first, np.zeros(4), calls), "ns/call")
        self.metric("call overhead", "CPython: plain def trivial(x) (baseline)",
                    self.per_call_ns(pn.trivial, 1, calls), "ns/call")
        empty = numba.njit(parallel=True)(pn.empty_parallel)
        out = np.zeros(threads, np.int64)
        empty(out)
        launches = 1_000 if self.m["quick"] else 20_000
        self.metric("parallel launch", f"Numba parallel: empty prange, {threads} threads",
                    self.per_call_ns(empty, out, launches) / 1e3, "µs/launch")
        n = 1 << 16 if self.m["quick"] else 1 << 24
        values = np.zeros(n)
        group = f"random numbers (fill 2^{n.bit_length() - 1} Doubles in a prange)"
        for name, label in (("random_uniform", "np.random.random()"), ("random_normal", "np.random.standard_normal()")):
            for parallel, count in ((False, 1), (True, threads)):
                fill = numba.njit(parallel=parallel)(getattr(pn, name))
                fill(values)
                times = []
                for _ in range(3 if self.m["quick"] else 11):
                    t0 = time.perf_counter()
                    fill(values)
                    times.append((time.perf_counter() - t0) * 1e9 / n)
                self.metric(group, f"Numba: {label}, {count} thread{'s' if count > 1 else ''}, median of {len(times)}",
                            float(np.median(times)), "ns/value")
        generator = np.random.default_rng(1)
        times = []
        for _ in range(3 if self.m["quick"] else 11):
            t0 = time.perf_counter()
            generator.random(out=values)
            times.append((time.perf_counter() - t0) * 1e9 / n)
        self.metric(group, f"NumPy: Generator(PCG64).random(out=), 1 thread, median of {len(times)}",
                    float(np.median(times)), "ns/value")
        return {"Numba": f"Numba {numba.__version__} (LLVM via llvmlite), NumPy {np.__version__}",
                "Numba parallel": f"Numba {numba.__version__}, parallel=True, {threads} threads, "
                                  f"threading layer {numba.threading_layer()}"}

    def numpy(self):
        import peers_numpy as pnp

        fns = {k: getattr(pnp, k) for k in self.cases() if hasattr(pnp, k)}
        self.run_suite("NumPy", 1, None, fns, notes=pnp.NOTES, unavailable=pnp.UNAVAILABLE)
        return {"NumPy": f"NumPy {np.__version__} (BLAS calls may use several threads)"}

    def main(self, peers):
        versions = self.numba() if peers == "numba" else self.numpy()
        out = {"measurements": self.measurements, "metrics": self.metrics, "versions": versions}
        (self.dir / f"results-{peers}.json").write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] != "--peers" or sys.argv[2] not in ("numba", "numpy"):
        sys.exit(__doc__)
    sys.path.insert(0, str(Path(__file__).parent))
    Bench(sys.argv[3]).main(sys.argv[2])
