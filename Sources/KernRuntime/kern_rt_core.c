/*
 * Kern runtime core: error recording (kern_rt_fail) and aligned allocation
 * (kern_rt_alloc / kern_rt_free).
 * In: a call context and failure details, or a byte count.
 * Out: ctx->error filled in by the first failing check; 64-byte-aligned storage or NULL.
 * Plain C11, no Swift runtime: AOT objects link this file as is.
 */
#define _POSIX_C_SOURCE 200809L
#include "kern_runtime.h"

#include <stdlib.h>
#include <time.h>

int64_t kern_rt_clock_ns(void) {
    struct timespec t;
    if (clock_gettime(CLOCK_MONOTONIC, &t) != 0) return 0;
    return (int64_t)t.tv_sec * 1000000000 + (int64_t)t.tv_nsec;
}

void kern_rt_fail(KernCallContext *ctx, int32_t kind, int32_t line, int32_t column,
                  int64_t value0, int64_t value1, int64_t value2, const char *message) {
    if (ctx == NULL || kind == KERN_OK) return;
    /* Several prange workers may fail at once: the first to move kind away from
     * KERN_OK owns the record, the others leave it alone. Readers (the host) look at
     * the details only after all workers have been joined, so they see a complete
     * record; code that polls kind to stop early needs nothing but the kind. */
    int32_t expected = KERN_OK;
    if (!__atomic_compare_exchange_n(&ctx->error.kind, &expected, kind, 0,
                                     __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        return;
    }
    ctx->error.line = line;
    ctx->error.column = column;
    ctx->error.value0 = value0;
    ctx->error.value1 = value1;
    ctx->error.value2 = value2;
    ctx->error.message = message;
}

/* Larger requests are certainly bugs (a negative count that wrapped, a size
 * overflow): refuse them instead of asking the allocator. 2^47 bytes = 128 TiB. */
#define KERN_RT_MAX_ALLOC ((int64_t)1 << 47)
#define KERN_RT_ALIGN 64

void *kern_rt_alloc(int64_t bytes) {
    if (bytes < 0 || bytes > KERN_RT_MAX_ALLOC) return NULL;
    /* Round up to the alignment (and give zero-byte arrays a real, freeable block) so
     * vector loops may read a whole last cache line without leaving the allocation. */
    size_t size = (size_t)bytes;
    size = (size + (KERN_RT_ALIGN - 1)) & ~(size_t)(KERN_RT_ALIGN - 1);
    if (size == 0) size = KERN_RT_ALIGN;
    void *p = NULL;
    if (posix_memalign(&p, KERN_RT_ALIGN, size) != 0) return NULL;
    return p;
}

void kern_rt_free(void *p) { free(p); }

/* Generated code addresses these fields by offset (KernABI's CallContextField; the
 * RuntimeABITests check every field against that table). */
#include <stddef.h>
_Static_assert(offsetof(KernCallContext, seed) == 48, "KernCallContext layout");
_Static_assert(offsetof(KernCallContext, rng_iteration) == 64, "KernCallContext layout");
_Static_assert(offsetof(KernCallContext, rng_ordinal) == 72, "KernCallContext layout");
_Static_assert(offsetof(KernCallContext, rng_regions) == 80, "KernCallContext layout");
_Static_assert(offsetof(KernCallContext, parallel_depth) == 88, "KernCallContext layout");
_Static_assert(offsetof(KernCallContext, stack_limit) == 96, "KernCallContext layout");
_Static_assert(sizeof(KernCallContext) == 104, "KernCallContext layout");
