/* Time-stepped 2-D Jacobi stencil, the OpenMP peer of jacobi_steps_*.kern (issue 16.4).
 * Build: gcc -O3 -march=native -fopenmp stencil_omp.c -o stencil_omp
 * Run:   OMP_NUM_THREADS=2 ./stencil_omp N STEPS
 * Each step is two sweeps (a -> b, b -> a) of the 5-point average over the interior, each
 * sweep one `#pragma omp parallel for schedule(static)` (the Kern program: one prange each).
 * Initial grid and printed checksum are exactly those of the Kern program, so outputs can be
 * compared: scripts print "sum <interior sum>" with 17 significant digits. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void sweep(int64_t n, const double *restrict src, double *restrict dst) {
#pragma omp parallel for schedule(static)
    for (int64_t i = 1; i < n - 1; i++)
        for (int64_t j = 1; j < n - 1; j++)
            dst[i * n + j] = 0.25 * (src[(i - 1) * n + j] + src[(i + 1) * n + j] +
                                     src[i * n + j - 1] + src[i * n + j + 1]);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s N STEPS\n", argv[0]);
        return 1;
    }
    int64_t n = atoll(argv[1]), steps = atoll(argv[2]);
    if (n < 3 || steps < 0) {
        fprintf(stderr, "N must be >= 3 and STEPS >= 0\n");
        return 1;
    }
    double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n);
    if (!a || !b) return 1;
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++)
            a[i * n + j] = b[i * n + j] = (double)((i * 7 + j * 13) % 101) / 100.0;
    for (int64_t s = 0; s < steps; s++) {
        sweep(n, a, b);
        sweep(n, b, a);
    }
    double total = 0;
    for (int64_t i = 1; i < n - 1; i++)
        for (int64_t j = 1; j < n - 1; j++) total += a[i * n + j];
    printf("sum %.17g\n", total);
    free(a);
    free(b);
    return 0;
}
