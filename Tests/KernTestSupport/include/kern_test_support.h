/*
 * Hand-written functions that follow Kern's entry ABI exactly (see kern_runtime.h), so
 * the host API's calling machinery can be tested without the compiler. Each comment
 * gives the Kern signature the function implements and the positions it reports.
 */
#ifndef KERN_TEST_SUPPORT_H
#define KERN_TEST_SUPPORT_H
#include <stdint.h>
#include "kern_runtime.h"

/* func saxpy(a: Float, x: [Float], y: inout [Float])
 * precondition(x.count == y.count, "x and y differ in length") at 2:5 */
int32_t kern_entry_saxpy(KernCallContext *ctx, float a, const float *x, int64_t xn, int64_t xs,
                         float *y, int64_t yn, int64_t ys, void *result);

/* func divmod(a: Int, b: Int) -> (Int, Int); division by zero at 3:14 */
int32_t kern_entry_divmod(KernCallContext *ctx, int64_t a, int64_t b, void *result);

/* func get(x: [Double], i: Int) -> Double; x[i] bounds-checked at 4:12 */
int32_t kern_entry_get(KernCallContext *ctx, const double *x, int64_t n, int64_t s, int64_t i,
                       void *result);

/* func bump(count: inout Int, by: Int) */
int32_t kern_entry_bump(KernCallContext *ctx, int64_t *count, int64_t by, void *result);

/* func weightedSum(m: [[Double]]) -> Double: sum of m[i, j] * (i * 1000 + j + 1) */
int32_t kern_entry_weighted_sum(KernCallContext *ctx, const double *m, int64_t r, int64_t c,
                                int64_t sr, int64_t sc, void *result);

/* func scaleRows(m: inout [[Float]], k: Float): m[i, j] *= k * Float(i + 1) */
int32_t kern_entry_scale_rows(KernCallContext *ctx, float *m, int64_t r, int64_t c, int64_t sr,
                              int64_t sc, float k, void *result);

/* func weightedSum3(t: [[[Int32]]]) -> Int: sum of t[i, j, k] * (i * 100 + j * 10 + k + 1) */
int32_t kern_entry_weighted_sum3(KernCallContext *ctx, const int32_t *t, int64_t d0, int64_t d1,
                                 int64_t d2, int64_t s0, int64_t s1, int64_t s2, void *result);

/* func fill3(t: inout [[[Double]]]): t[i, j, k] = i * 100 + j * 10 + k */
int32_t kern_entry_fill3(KernCallContext *ctx, double *t, int64_t d0, int64_t d1, int64_t d2,
                         int64_t s0, int64_t s1, int64_t s2, void *result);

/* func mixed(flag: Bool, n: Int32) -> (Bool, Int32, Double, Float, UInt8):
 * (!flag, n * 2, Double(n) / 4, Float(n) / 2, UInt8(truncatingIfNeeded: n)) */
int32_t kern_entry_mixed(KernCallContext *ctx, uint8_t flag, int32_t n, void *result);

/* func context() -> (UInt64, Int32): the call's seed and thread count */
int32_t kern_entry_context(KernCallContext *ctx, void *result);

/* func check(v: Int) with precondition(v >= 0) without message at 7:3, and
 * precondition(v != 7, "seven is unlucky") at 8:3 */
int32_t kern_entry_check(KernCallContext *ctx, int64_t v, void *result);

/* func sum(x: [Int]) -> Int */
int32_t kern_entry_sum(KernCallContext *ctx, const int64_t *x, int64_t n, int64_t s, void *result);

/* func six(a: Int, b: Int, c: Int, d: Int, e: Int, f: Int) -> Int: a + 2b + 3c + 4d + 5e + 6f */
int32_t kern_entry_six(KernCallContext *ctx, int64_t a, int64_t b, int64_t c, int64_t d,
                       int64_t e, int64_t f, void *result);

/* func five(a: Int, b: inout Int, c: [Int], d: inout [Int], e: Double) -> Double:
 * b += a; d[i] += c[i] * a for every i; returns e * Double(a) */
int32_t kern_entry_five(KernCallContext *ctx, int64_t a, int64_t *b, const int64_t *c, int64_t cn,
                        int64_t cs, int64_t *d, int64_t dn, int64_t ds, double e, void *result);

/* func increment(a: Int) -> Int: the trivial function for call-overhead measurements */
int32_t kern_entry_increment(KernCallContext *ctx, int64_t a, void *result);

/* One per scalar type T:
 * func echo_T(v: T, acc: inout T, x: [T]) -> T: acc = x.count > 0 ? x[0] : v; return v */
#define KERN_TEST_ECHO_DECL(T, NAME) \
    int32_t kern_entry_echo_##NAME(KernCallContext *ctx, T v, T *acc, const T *x, int64_t n, \
                                   int64_t s, void *result);
KERN_TEST_ECHO_DECL(uint8_t, bool)
KERN_TEST_ECHO_DECL(int8_t, i8)
KERN_TEST_ECHO_DECL(int16_t, i16)
KERN_TEST_ECHO_DECL(int32_t, i32)
KERN_TEST_ECHO_DECL(int64_t, i64)
KERN_TEST_ECHO_DECL(uint8_t, u8)
KERN_TEST_ECHO_DECL(uint16_t, u16)
KERN_TEST_ECHO_DECL(uint32_t, u32)
KERN_TEST_ECHO_DECL(uint64_t, u64)
KERN_TEST_ECHO_DECL(float, f32)
KERN_TEST_ECHO_DECL(double, f64)

/* Addresses by name, so tests can build KernFunctions the way the JIT hands them out.
 * Returns NULL for an unknown name. */
const void *kern_test_entry(const char *name);

#endif
