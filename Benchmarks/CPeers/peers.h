/* The C peers of the Kern benchmark kernels: one source, built four ways
 * (gcc/clang x serial/OpenMP) into shared libraries the driver dlopens.
 * Every function has C linkage and a fixed ABI; the driver looks them up by name.
 * Arrays are dense, row-major; n x 3 arrays are interleaved (x0 y0 z0 x1 ...). */
#ifndef KERN_BENCH_PEERS_H
#define KERN_BENCH_PEERS_H
#include <stdint.h>

void peers_set_threads(int32_t threads);   /* no-op in serial builds */
int32_t peers_max_threads(void);           /* 1 in serial builds */
const char *peers_build(void);             /* compiler + flags, for the report */

void saxpy(int64_t n, float a, const float *x, float *y);
double dot(int64_t n, const double *x, const double *y);
void mandelbrot(int64_t width, int64_t height, int32_t max_iter, int32_t *counts);
void nbody_acc(int64_t n, const double *pos, const double *mass, double *acc);
void jacobi2d(int64_t n, int64_t sweeps, double *a, double *b);
void matmul(int64_t n, const float *a, const float *b, float *c);
void black_scholes(int64_t n, const double *s, const double *k, const double *t,
                   double r, double v, double *call, double *put);
void histogram(int64_t n, const double *x, int64_t bins, int64_t *counts);
void kmeans_assign(int64_t n, int64_t k, int64_t d, const double *points, const double *centres,
                   int32_t *assign);
void julia(int64_t width, int64_t height, int32_t max_iter, double cr, double ci,
           int32_t *counts);

int64_t trivial(int64_t x);                          /* call overhead */
void empty_parallel(int64_t n, int64_t *out);        /* parallel-loop launch overhead */
void stream_triad(int64_t n, double *a, const double *b, const double *c, double s);
#endif
