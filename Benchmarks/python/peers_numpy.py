"""NumPy peers, where a natural vectorized formulation exists. BLAS-backed ones say so."""
import numpy as np


def saxpy(a, x, y):
    y += a * x


def dot(x, y):
    return np.dot(x, y)


def mandelbrot(width, height, max_iter, counts):
    """Iterates only the points still inside |z| <= 2 (compacting each step)."""
    ci, cr = np.meshgrid(-1.5 + 3.0 * np.arange(height) / height,
                         -2.0 + 3.0 * np.arange(width) / width, indexing="ij")
    cr, ci = cr.ravel(), ci.ravel()
    idx = np.arange(width * height)
    zr = np.zeros_like(cr)
    zi = np.zeros_like(ci)
    counts[:] = 0
    for _ in range(max_iter):
        zr2, zi2 = zr * zr, zi * zi
        alive = zr2 + zi2 <= 4.0
        if not alive.all():
            idx, zr, zi, zr2, zi2, cr, ci = (v[alive] for v in (idx, zr, zi, zr2, zi2, cr, ci))
        if idx.size == 0:
            break
        counts[idx] += 1
        zi = 2.0 * zr * zi + ci
        zr = zr2 - zi2 + cr


def nbody(pos, mass, eps2, acc, block=256):
    p = pos.reshape(-1, 3)
    out = acc.reshape(-1, 3)
    for lo in range(0, p.shape[0], block):
        d = p[None, :, :] - p[lo:lo + block, None, :]
        r2 = d[..., 0] * d[..., 0] + d[..., 1] * d[..., 1] + d[..., 2] * d[..., 2] + eps2
        f = mass[None, :] * (1.0 / (r2 * np.sqrt(r2)))
        out[lo:lo + block] = (f[..., None] * d).sum(axis=1)


def jacobi2d(n, sweeps, a, b):
    a2, b2 = a.reshape(n, n), b.reshape(n, n)
    for s in range(sweeps):
        src, dst = (a2, b2) if s % 2 == 0 else (b2, a2)
        dst[1:-1, 1:-1] = 0.25 * (src[:-2, 1:-1] + src[2:, 1:-1] + src[1:-1, :-2] + src[1:-1, 2:])


def matmul(n, a, b, c):
    np.matmul(a.reshape(n, n), b.reshape(n, n), out=c.reshape(n, n))


def histogram(x, counts):
    bins = counts.shape[0]
    b = (x * bins).astype(np.int64)
    b = b[(b >= 0) & (b < bins)]
    counts[:] = np.bincount(b, minlength=bins)


def kmeans(d, points, centres, assign):
    """One centre at a time (an n×k×d temporary would not fit in cache); argmin keeps the
    first of equal distances. The sum over d may be reordered (NumPy's reductions)."""
    p = points.reshape(-1, d)
    c = centres.reshape(-1, d)
    dist = np.empty((c.shape[0], p.shape[0]))
    for q in range(c.shape[0]):
        diff = p - c[q]
        np.sum(diff * diff, axis=1, out=dist[q])
    assign[:] = np.argmin(dist, axis=0)


def julia(width, height, max_iter, cr, ci, counts):
    """Iterates only the points still inside |z| <= 2 (compacting each step), as mandelbrot."""
    zi, zr = np.meshgrid(-1.2 + 2.4 * np.arange(height) / height,
                         -1.6 + 3.2 * np.arange(width) / width, indexing="ij")
    zr, zi = zr.ravel().copy(), zi.ravel().copy()
    idx = np.arange(width * height)
    counts[:] = 0
    for _ in range(max_iter):
        zr2, zi2 = zr * zr, zi * zi
        alive = zr2 + zi2 <= 4.0
        if not alive.all():
            idx, zr, zi, zr2, zi2 = (v[alive] for v in (idx, zr, zi, zr2, zi2))
        if idx.size == 0:
            break
        counts[idx] += 1
        zi = 2.0 * zr * zi + ci
        zr = zr2 - zi2 + cr


NOTES = {"dot": "BLAS", "matmul": "BLAS (not the naive loop)"}
UNAVAILABLE = {"black_scholes": "NumPy has no erf (needs SciPy)"}
