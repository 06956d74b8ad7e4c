/* Reference C implementations of the benchmark kernels (see ../README.md for the maths).
 * Built serial and with OpenMP from this one file: the pragmas are the only difference. */
#include "peers.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#define STR2(x) #x
#define STR(x) STR2(x)

void peers_set_threads(int32_t threads) {
#ifdef _OPENMP
    omp_set_num_threads(threads);
#else
    (void)threads;
#endif
}

int32_t peers_max_threads(void) {
#ifdef _OPENMP
    return omp_get_max_threads();
#else
    return 1;
#endif
}

const char *peers_build(void) {
#ifdef PEERS_BUILD
    return STR(PEERS_BUILD);
#else
    return "unknown";
#endif
}

void saxpy(int64_t n, float a, const float *restrict x, float *restrict y) {
#pragma omp parallel for schedule(static)
    for (int64_t i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}

double dot(int64_t n, const double *restrict x, const double *restrict y) {
    double s = 0.0;
#pragma omp parallel for schedule(static) reduction(+ : s)
    for (int64_t i = 0; i < n; i++) s += x[i] * y[i];
    return s;
}

/* Iterations of z <- z^2 + c from z0 until |z| > 2, at most max_iter: the escape count of
 * mandelbrot (z0 = 0, c = the pixel) and of julia (z0 = the pixel, c fixed). */
static inline int32_t escape_count(double zr, double zi, double cr, double ci, int32_t max_iter) {
    int32_t k = 0;
    while (k < max_iter && zr * zr + zi * zi <= 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2.0 * zr * zi + ci;
        zr = t;
        k++;
    }
    return k;
}

void mandelbrot(int64_t width, int64_t height, int32_t max_iter, int32_t *restrict counts) {
#pragma omp parallel for schedule(static, 1) /* rows interleaved: balanced, no dispatch calls */
    for (int64_t row = 0; row < height; row++) {
        double ci = -1.5 + 3.0 * (double)row / (double)height;
        for (int64_t col = 0; col < width; col++) {
            double cr = -2.0 + 3.0 * (double)col / (double)width;
            counts[row * width + col] = escape_count(0.0, 0.0, cr, ci, max_iter);
        }
    }
}

/* Each point to its nearest centre (squared distance summed over j in order); ties go to
 * the lowest centre. d is a run-time value, as in Kern's version. */
void kmeans_assign(int64_t n, int64_t k, int64_t d, const double *restrict points,
                   const double *restrict centres, int32_t *restrict assign) {
#pragma omp parallel for schedule(static)
    for (int64_t i = 0; i < n; i++) {
        int64_t best = 0;
        double best_dist = INFINITY;
        for (int64_t c = 0; c < k; c++) {
            double dist = 0.0;
            for (int64_t j = 0; j < d; j++) {
                double diff = points[i * d + j] - centres[c * d + j];
                dist += diff * diff;
            }
            if (dist < best_dist) {
                best_dist = dist;
                best = c;
            }
        }
        assign[i] = (int32_t)best;
    }
}

/* Escape counts of z <- z^2 + c from z0 = (-1.6 + 3.2 col/width) + i(-1.2 + 2.4 row/height). */
void julia(int64_t width, int64_t height, int32_t max_iter, double cr, double ci,
           int32_t *restrict counts) {
#pragma omp parallel for schedule(static, 1) /* rows interleaved, as mandelbrot */
    for (int64_t row = 0; row < height; row++) {
        double y = -1.2 + 2.4 * (double)row / (double)height;
        for (int64_t col = 0; col < width; col++) {
            double x = -1.6 + 3.2 * (double)col / (double)width;
            counts[row * width + col] = escape_count(x, y, cr, ci, max_iter);
        }
    }
}

void nbody_acc(int64_t n, const double *restrict pos, const double *restrict mass,
               double *restrict acc) {
#pragma omp parallel for schedule(static)
    for (int64_t i = 0; i < n; i++) {
        double xi = pos[3 * i], yi = pos[3 * i + 1], zi = pos[3 * i + 2];
        double ax = 0.0, ay = 0.0, az = 0.0;
        for (int64_t j = 0; j < n; j++) {
            double dx = pos[3 * j] - xi, dy = pos[3 * j + 1] - yi, dz = pos[3 * j + 2] - zi;
            double r2 = dx * dx + dy * dy + dz * dz + 1e-6;
            double inv = 1.0 / (r2 * sqrt(r2));
            double f = mass[j] * inv;
            ax += f * dx;
            ay += f * dy;
            az += f * dz;
        }
        acc[3 * i] = ax;
        acc[3 * i + 1] = ay;
        acc[3 * i + 2] = az;
    }
}

void jacobi2d(int64_t n, int64_t sweeps, double *a, double *b) {
    for (int64_t s = 0; s < sweeps; s++) {
        const double *restrict src = (s % 2 == 0) ? a : b;
        double *restrict dst = (s % 2 == 0) ? b : a;
#pragma omp parallel for schedule(static)
        for (int64_t i = 1; i < n - 1; i++)
            for (int64_t j = 1; j < n - 1; j++)
                dst[i * n + j] = 0.25 * (src[(i - 1) * n + j] + src[(i + 1) * n + j] +
                                         src[i * n + j - 1] + src[i * n + j + 1]);
    }
}

void matmul(int64_t n, const float *restrict a, const float *restrict b, float *restrict c) {
#pragma omp parallel for schedule(static)
    for (int64_t i = 0; i < n; i++) {
        for (int64_t j = 0; j < n; j++) c[i * n + j] = 0.0f;
        for (int64_t k = 0; k < n; k++) {
            float aik = a[i * n + k];
            for (int64_t j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
        }
    }
}

static inline double cnd(double x) { return 0.5 * (1.0 + erf(x / sqrt(2.0))); }

void black_scholes(int64_t n, const double *restrict s, const double *restrict k,
                   const double *restrict t, double r, double v, double *restrict call,
                   double *restrict put) {
#pragma omp parallel for schedule(static)
    for (int64_t i = 0; i < n; i++) {
        double sqrt_t = sqrt(t[i]);
        double d1 = (log(s[i] / k[i]) + (r + 0.5 * v * v) * t[i]) / (v * sqrt_t);
        double d2 = d1 - v * sqrt_t;
        double disc = k[i] * exp(-r * t[i]);
        call[i] = s[i] * cnd(d1) - disc * cnd(d2);
        put[i] = disc * cnd(-d2) - s[i] * cnd(-d1);
    }
}

void histogram(int64_t n, const double *restrict x, int64_t bins, int64_t *restrict counts) {
    memset(counts, 0, (size_t)bins * sizeof(int64_t));
#pragma omp parallel
    {
        int64_t *local = calloc((size_t)bins, sizeof(int64_t));
#pragma omp for schedule(static) nowait
        for (int64_t i = 0; i < n; i++) {
            int64_t bin = (int64_t)(x[i] * (double)bins);
            if (bin >= 0 && bin < bins) local[bin]++;
        }
#pragma omp critical
        for (int64_t j = 0; j < bins; j++) counts[j] += local[j];
        free(local);
    }
}

int64_t trivial(int64_t x) { return x + 1; }

void empty_parallel(int64_t n, int64_t *out) {
#pragma omp parallel for schedule(static)
    for (int64_t i = 0; i < n; i++) out[i] = i;
}

void stream_triad(int64_t n, double *restrict a, const double *restrict b,
                  const double *restrict c, double s) {
#pragma omp parallel for schedule(static)
    for (int64_t i = 0; i < n; i++) a[i] = b[i] + s * c[i];
}
