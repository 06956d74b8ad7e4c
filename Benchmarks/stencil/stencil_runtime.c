/* The stencil of stencil_omp.c driven through Kern's runtime (kern_parallel_for) with a C
 * loop body, so a schedule change can be measured without the compiler: the body is the
 * same gcc code as the OpenMP peer, only the thread pool differs. Launched as compiled Kern
 * launches this loop (no reductions): kern_parallel_for_ranges, the rows split evenly over
 * the threads, claimed in grains of the compiler's block size (>= 16 rows, <= 256 blocks)
 * unless BLOCK_ROWS is given; with KERN_BLOCKS=1 in the environment, kern_parallel_for
 * with whole blocks of that size instead (the launch before ranges existed).
 * Build (from the repository root):
 *   R=Sources/KernRuntime; gcc -O3 -march=native -c Benchmarks/stencil/stencil_runtime.c \
 *     -I$R/include -o /tmp/h.o && gcc -O2 -std=gnu11 -I$R/include -I$R /tmp/h.o \
 *     $R/kern_parallel.c $R/kern_parallel_pool.c $R/kern_rt_core.c $R/kern_rt_stack.c \
 *     -o /tmp/stencil_runtime -lpthread
 * Run: /tmp/stencil_runtime N STEPS THREADS [BLOCK_ROWS]  -> "sum ..." on stdout, the
 * stepping loop's seconds on stderr. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "kern_parallel.h"

typedef struct {
    int64_t n;
    const double *src;
    double *dst;
} Sweep;

/* Rows [lo, hi) of one sweep, as the compiled prange body would run them. */
static int32_t sweep_rows(void *context, KernCallContext *blockCtx, int64_t lo, int64_t hi,
                          int64_t block) {
    (void)blockCtx;
    (void)block;
    const Sweep *w = context;
    const int64_t n = w->n;
    const double *restrict src = w->src;
    double *restrict dst = w->dst;
    for (int64_t i = lo; i < hi; i++)
        for (int64_t j = 1; j < n - 1; j++)
            dst[i * n + j] = 0.25 * (src[(i - 1) * n + j] + src[(i + 1) * n + j] +
                                     src[i * n + j - 1] + src[i * n + j + 1]);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s N STEPS THREADS [BLOCK_ROWS]\n", argv[0]);
        return 1;
    }
    int64_t n = atoll(argv[1]), steps = atoll(argv[2]);
    int threads = atoi(argv[3]);
    if (n < 3 || steps < 0 || threads < 1) {
        fprintf(stderr, "N must be >= 3, STEPS >= 0, THREADS >= 1\n");
        return 1;
    }
    int64_t rows = n - 2;
    int64_t blockRows = argc > 4 ? atoll(argv[4]) : (rows + 255) / 256;
    if (blockRows < 16 && argc <= 4) blockRows = 16;
    double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n);
    if (!a || !b) return 1;
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j < n; j++)
            a[i * n + j] = b[i * n + j] = (double)((i * 7 + j * 13) % 101) / 100.0;
    int32_t (*launch)(KernCallContext *, KernBlockBody, void *, int64_t, int64_t, int64_t) =
        getenv("KERN_BLOCKS") ? kern_parallel_for : kern_parallel_for_ranges;
    KernCallContext ctx = {0};
    ctx.threads = threads;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int64_t s = 0; s < steps; s++) {
        Sweep ab = {n, a, b}, ba = {n, b, a};
        if (launch(&ctx, sweep_rows, &ab, 1, n - 1, blockRows) != 0) return 1;
        if (launch(&ctx, sweep_rows, &ba, 1, n - 1, blockRows) != 0) return 1;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double total = 0;
    for (int64_t i = 1; i < n - 1; i++)
        for (int64_t j = 1; j < n - 1; j++) total += a[i * n + j];
    printf("sum %.17g\n", total);
    double seconds = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    fprintf(stderr, "%.4f\n", seconds);
    free(a);
    free(b);
    return 0;
}
