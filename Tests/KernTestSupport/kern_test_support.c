/*
 * Entry-ABI test functions (see include/kern_test_support.h for the Kern signatures).
 * Written as IRGen + LLVM would lower them: checks call kern_rt_fail and return the
 * status; results go to 8-byte slots.
 */
#include "kern_test_support.h"

#include <string.h>

int32_t kern_entry_saxpy(KernCallContext *ctx, float a, const float *x, int64_t xn, int64_t xs,
                         float *y, int64_t yn, int64_t ys, void *result) {
    (void)result;
    if (xn != yn) {
        kern_rt_fail(ctx, KERN_ERR_PRECONDITION, 2, 5, 0, 0, 0, "x and y differ in length");
        return KERN_ERR_PRECONDITION;
    }
    for (int64_t i = 0; i < xn; i++) y[i * ys] = a * x[i * xs] + y[i * ys];
    return KERN_OK;
}

int32_t kern_entry_divmod(KernCallContext *ctx, int64_t a, int64_t b, void *result) {
    if (b == 0) {
        kern_rt_fail(ctx, KERN_ERR_DIVISION, 3, 14, 0, 0, 0, NULL);
        return KERN_ERR_DIVISION;
    }
    int64_t *slots = result;
    slots[0] = a / b;
    slots[1] = a % b;
    return KERN_OK;
}

int32_t kern_entry_get(KernCallContext *ctx, const double *x, int64_t n, int64_t s, int64_t i,
                       void *result) {
    if (i < 0 || i >= n) {
        kern_rt_fail(ctx, KERN_ERR_BOUNDS, 4, 12, i, n, 0, NULL);
        return KERN_ERR_BOUNDS;
    }
    *(double *)result = x[i * s];
    return KERN_OK;
}

int32_t kern_entry_bump(KernCallContext *ctx, int64_t *count, int64_t by, void *result) {
    (void)ctx;
    (void)result;
    *count += by;
    return KERN_OK;
}

int32_t kern_entry_weighted_sum(KernCallContext *ctx, const double *m, int64_t r, int64_t c,
                                int64_t sr, int64_t sc, void *result) {
    (void)ctx;
    double sum = 0;
    for (int64_t i = 0; i < r; i++)
        for (int64_t j = 0; j < c; j++) sum += m[i * sr + j * sc] * (double)(i * 1000 + j + 1);
    *(double *)result = sum;
    return KERN_OK;
}

int32_t kern_entry_scale_rows(KernCallContext *ctx, float *m, int64_t r, int64_t c, int64_t sr,
                              int64_t sc, float k, void *result) {
    (void)ctx;
    (void)result;
    for (int64_t i = 0; i < r; i++)
        for (int64_t j = 0; j < c; j++) m[i * sr + j * sc] *= k * (float)(i + 1);
    return KERN_OK;
}

int32_t kern_entry_weighted_sum3(KernCallContext *ctx, const int32_t *t, int64_t d0, int64_t d1,
                                 int64_t d2, int64_t s0, int64_t s1, int64_t s2, void *result) {
    (void)ctx;
    int64_t sum = 0;
    for (int64_t i = 0; i < d0; i++)
        for (int64_t j = 0; j < d1; j++)
            for (int64_t k = 0; k < d2; k++)
                sum += (int64_t)t[i * s0 + j * s1 + k * s2] * (i * 100 + j * 10 + k + 1);
    *(int64_t *)result = sum;
    return KERN_OK;
}

int32_t kern_entry_fill3(KernCallContext *ctx, double *t, int64_t d0, int64_t d1, int64_t d2,
                         int64_t s0, int64_t s1, int64_t s2, void *result) {
    (void)ctx;
    (void)result;
    for (int64_t i = 0; i < d0; i++)
        for (int64_t j = 0; j < d1; j++)
            for (int64_t k = 0; k < d2; k++) t[i * s0 + j * s1 + k * s2] = (double)(i * 100 + j * 10 + k);
    return KERN_OK;
}

int32_t kern_entry_mixed(KernCallContext *ctx, uint8_t flag, int32_t n, void *result) {
    (void)ctx;
    char *slots = result;
    uint8_t notFlag = !flag;
    int32_t twice = n * 2;
    double quarter = (double)n / 4;
    float half = (float)n / 2;
    uint8_t low = (uint8_t)n;
    memcpy(slots + 0, &notFlag, sizeof notFlag);
    memcpy(slots + 8, &twice, sizeof twice);
    memcpy(slots + 16, &quarter, sizeof quarter);
    memcpy(slots + 24, &half, sizeof half);
    memcpy(slots + 32, &low, sizeof low);
    return KERN_OK;
}

int32_t kern_entry_context(KernCallContext *ctx, void *result) {
    char *slots = result;
    memcpy(slots, &ctx->seed, sizeof ctx->seed);
    memcpy(slots + 8, &ctx->threads, sizeof ctx->threads);
    return KERN_OK;
}

int32_t kern_entry_check(KernCallContext *ctx, int64_t v, void *result) {
    (void)result;
    if (!(v >= 0)) {
        kern_rt_fail(ctx, KERN_ERR_PRECONDITION, 7, 3, 0, 0, 0, NULL);
        return KERN_ERR_PRECONDITION;
    }
    if (!(v != 7)) {
        kern_rt_fail(ctx, KERN_ERR_PRECONDITION, 8, 3, 0, 0, 0, "seven is unlucky");
        return KERN_ERR_PRECONDITION;
    }
    return KERN_OK;
}

int32_t kern_entry_sum(KernCallContext *ctx, const int64_t *x, int64_t n, int64_t s, void *result) {
    (void)ctx;
    int64_t sum = 0;
    for (int64_t i = 0; i < n; i++) sum += x[i * s];
    *(int64_t *)result = sum;
    return KERN_OK;
}

int32_t kern_entry_six(KernCallContext *ctx, int64_t a, int64_t b, int64_t c, int64_t d,
                       int64_t e, int64_t f, void *result) {
    (void)ctx;
    *(int64_t *)result = a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f;
    return KERN_OK;
}

int32_t kern_entry_five(KernCallContext *ctx, int64_t a, int64_t *b, const int64_t *c, int64_t cn,
                        int64_t cs, int64_t *d, int64_t dn, int64_t ds, double e, void *result) {
    (void)ctx;
    *b += a;
    for (int64_t i = 0; i < cn && i < dn; i++) d[i * ds] += c[i * cs] * a;
    *(double *)result = e * (double)a;
    return KERN_OK;
}

int32_t kern_entry_increment(KernCallContext *ctx, int64_t a, void *result) {
    (void)ctx;
    *(int64_t *)result = a + 1;
    return KERN_OK;
}

#define KERN_TEST_ECHO_DEF(T, NAME)                                                         \
    int32_t kern_entry_echo_##NAME(KernCallContext *ctx, T v, T *acc, const T *x, int64_t n, \
                                   int64_t s, void *result) {                               \
        (void)ctx;                                                                          \
        (void)s;                                                                            \
        *acc = n > 0 ? x[0] : v;                                                            \
        memcpy(result, &v, sizeof v);                                                       \
        return KERN_OK;                                                                     \
    }
KERN_TEST_ECHO_DEF(uint8_t, bool)
KERN_TEST_ECHO_DEF(int8_t, i8)
KERN_TEST_ECHO_DEF(int16_t, i16)
KERN_TEST_ECHO_DEF(int32_t, i32)
KERN_TEST_ECHO_DEF(int64_t, i64)
KERN_TEST_ECHO_DEF(uint8_t, u8)
KERN_TEST_ECHO_DEF(uint16_t, u16)
KERN_TEST_ECHO_DEF(uint32_t, u32)
KERN_TEST_ECHO_DEF(uint64_t, u64)
KERN_TEST_ECHO_DEF(float, f32)
KERN_TEST_ECHO_DEF(double, f64)

static const struct {
    const char *name;
    const void *address;
} entries[] = {
    {"saxpy", (const void *)kern_entry_saxpy},
    {"divmod", (const void *)kern_entry_divmod},
    {"get", (const void *)kern_entry_get},
    {"bump", (const void *)kern_entry_bump},
    {"weightedSum", (const void *)kern_entry_weighted_sum},
    {"scaleRows", (const void *)kern_entry_scale_rows},
    {"weightedSum3", (const void *)kern_entry_weighted_sum3},
    {"fill3", (const void *)kern_entry_fill3},
    {"mixed", (const void *)kern_entry_mixed},
    {"context", (const void *)kern_entry_context},
    {"check", (const void *)kern_entry_check},
    {"sum", (const void *)kern_entry_sum},
    {"six", (const void *)kern_entry_six},
    {"five", (const void *)kern_entry_five},
    {"increment", (const void *)kern_entry_increment},
    {"echo_bool", (const void *)kern_entry_echo_bool},
    {"echo_i8", (const void *)kern_entry_echo_i8},
    {"echo_i16", (const void *)kern_entry_echo_i16},
    {"echo_i32", (const void *)kern_entry_echo_i32},
    {"echo_i64", (const void *)kern_entry_echo_i64},
    {"echo_u8", (const void *)kern_entry_echo_u8},
    {"echo_u16", (const void *)kern_entry_echo_u16},
    {"echo_u32", (const void *)kern_entry_echo_u32},
    {"echo_u64", (const void *)kern_entry_echo_u64},
    {"echo_f32", (const void *)kern_entry_echo_f32},
    {"echo_f64", (const void *)kern_entry_echo_f64},
};

const void *kern_test_entry(const char *name) {
    for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++) {
        if (strcmp(entries[i].name, name) == 0) return entries[i].address;
    }
    return NULL;
}
