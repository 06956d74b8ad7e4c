"""Numba peers of the Kern benchmark kernels: the same maths as CPeers/peers.c.

Each kernel is written once with `prange`; `njit` runs it serially (prange is range),
`njit(parallel=True)` in parallel. Histogram needs a race-free parallel version.
"""
import math

import numpy as np
from numba import njit, prange


def saxpy(a, x, y):
    for i in prange(x.shape[0]):
        y[i] = a * x[i] + y[i]


def dot(x, y):
    s = 0.0
    for i in prange(x.shape[0]):
        s += x[i] * y[i]
    return s


def mandelbrot(width, height, max_iter, counts):
    for row in prange(height):
        ci = -1.5 + 3.0 * row / height
        for col in range(width):
            cr = -2.0 + 3.0 * col / width
            zr = 0.0
            zi = 0.0
            k = 0
            while k < max_iter and zr * zr + zi * zi <= 4.0:
                t = zr * zr - zi * zi + cr
                zi = 2.0 * zr * zi + ci
                zr = t
                k += 1
            counts[row * width + col] = k


def nbody(pos, mass, eps2, acc):
    n = mass.shape[0]
    for i in prange(n):
        xi = pos[3 * i]
        yi = pos[3 * i + 1]
        zi = pos[3 * i + 2]
        ax = 0.0
        ay = 0.0
        az = 0.0
        for j in range(n):
            dx = pos[3 * j] - xi
            dy = pos[3 * j + 1] - yi
            dz = pos[3 * j + 2] - zi
            r2 = dx * dx + dy * dy + dz * dz + eps2
            f = mass[j] * (1.0 / (r2 * math.sqrt(r2)))
            ax += f * dx
            ay += f * dy
            az += f * dz
        acc[3 * i] = ax
        acc[3 * i + 1] = ay
        acc[3 * i + 2] = az


def jacobi2d(n, sweeps, a, b):
    for s in range(sweeps):
        src = a if s % 2 == 0 else b
        dst = b if s % 2 == 0 else a
        for i in prange(1, n - 1):
            for j in range(1, n - 1):
                dst[i * n + j] = 0.25 * (src[(i - 1) * n + j] + src[(i + 1) * n + j]
                                         + src[i * n + j - 1] + src[i * n + j + 1])


def matmul(n, a, b, c):
    for i in prange(n):
        for j in range(n):
            c[i * n + j] = 0.0
        for k in range(n):
            aik = a[i * n + k]
            for j in range(n):
                c[i * n + j] += aik * b[k * n + j]


def black_scholes(s, k, t, r, v, call, put):
    sqrt2 = math.sqrt(2.0)
    for i in prange(s.shape[0]):
        sqrt_t = math.sqrt(t[i])
        d1 = (math.log(s[i] / k[i]) + (r + 0.5 * v * v) * t[i]) / (v * sqrt_t)
        d2 = d1 - v * sqrt_t
        disc = k[i] * math.exp(-r * t[i])
        call[i] = s[i] * (0.5 * (1.0 + math.erf(d1 / sqrt2))) - disc * (0.5 * (1.0 + math.erf(d2 / sqrt2)))
        put[i] = disc * (0.5 * (1.0 + math.erf(-d2 / sqrt2))) - s[i] * (0.5 * (1.0 + math.erf(-d1 / sqrt2)))


def histogram_serial(x, counts):
    bins = counts.shape[0]
    counts[:] = 0
    for i in range(x.shape[0]):
        b = int(x[i] * bins)
        if b >= 0 and b < bins:
            counts[b] += 1


def histogram_parallel(x, counts):
    """Private histograms per fixed chunk (not per thread), summed in order: race-free."""
    bins = counts.shape[0]
    n = x.shape[0]
    chunks = 64
    size = (n + chunks - 1) // chunks
    local = np.zeros((chunks, bins), np.int64)
    for c in prange(chunks):
        for i in range(c * size, min(n, (c + 1) * size)):
            b = int(x[i] * bins)
            if b >= 0 and b < bins:
                local[c, b] += 1
    counts[:] = 0
    for c in range(chunks):
        for b in range(bins):
            counts[b] += local[c, b]


def kmeans(d, points, centres, assign):
    n = assign.shape[0]
    k = centres.shape[0] // d
    for i in prange(n):
        best = 0
        best_dist = np.inf
        for c in range(k):
            dist = 0.0
            for j in range(d):
                diff = points[i * d + j] - centres[c * d + j]
                dist += diff * diff
            if dist < best_dist:
                best_dist = dist
                best = c
        assign[i] = best


def julia(width, height, max_iter, cr, ci, counts):
    for row in prange(height):
        y = -1.2 + 2.4 * row / height
        for col in range(width):
            zr = -1.6 + 3.2 * col / width
            zi = y
            k = 0
            while k < max_iter and zr * zr + zi * zi <= 4.0:
                t = zr * zr - zi * zi + cr
                zi = 2.0 * zr * zi + ci
                zr = t
                k += 1
            counts[row * width + col] = k


def trivial(x):
    return x + 1


def first(a):
    return a[0]


def random_uniform(out):
    for i in prange(out.shape[0]):
        out[i] = np.random.random()


def random_normal(out):
    for i in prange(out.shape[0]):
        out[i] = np.random.standard_normal()


def empty_parallel(out):
    for i in prange(out.shape[0]):
        out[i] = i


KERNELS = {
    "saxpy": saxpy, "dot": dot, "mandelbrot": mandelbrot, "nbody": nbody,
    "jacobi2d": jacobi2d, "matmul": matmul, "black_scholes": black_scholes,
    "kmeans": kmeans, "julia": julia,
}


def compiled(parallel):
    """Fresh (uncompiled) dispatchers for every kernel: name -> jitted function."""
    jit = njit(parallel=True) if parallel else njit
    fns = {name: jit(f) for name, f in KERNELS.items()}
    fns["histogram"] = jit(histogram_parallel if parallel else histogram_serial)
    return fns
