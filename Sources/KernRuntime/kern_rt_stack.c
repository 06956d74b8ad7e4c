/*
 * Kern runtime: the per-thread stack limit behind the recursion check (issue 15.2).
 * In: the calling thread. Out: the lowest address its stack may grow to before a call
 * inside a call-graph cycle fails with KERN_ERR_STACK (kern_runtime.h), or 0 if unknown.
 * Plain C11 + pthreads, no Swift runtime.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* pthread_getattr_np */
#endif
#include <pthread.h>
#include <stdint.h>

#include "kern_runtime.h"

/* 0 = not computed yet; UINT64_MAX = computed, unknown (reported as 0). */
static _Thread_local uint64_t kern_rt_tls_stack_limit;

static uint64_t kern_rt_compute_stack_limit(void) {
#if defined(__linux__)
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return 0;
    void *low = NULL;
    size_t size = 0;
    int err = pthread_attr_getstack(&attr, &low, &size);
    pthread_attr_destroy(&attr);
    if (err != 0 || low == NULL || size == 0) return 0;
    uint64_t margin = KERN_RT_STACK_MARGIN;
    if (margin > size / 4) margin = size / 4;
    return (uint64_t)(uintptr_t)low + margin;
#elif defined(__APPLE__)
    pthread_t self = pthread_self();
    uintptr_t high = (uintptr_t)pthread_get_stackaddr_np(self);
    size_t size = pthread_get_stacksize_np(self);
    if (high == 0 || size == 0) return 0;
    uint64_t margin = KERN_RT_STACK_MARGIN;
    if (margin > size / 4) margin = size / 4;
    return (uint64_t)(high - size) + margin;
#else
    return 0;
#endif
}

uint64_t kern_rt_stack_limit(void) {
    uint64_t limit = kern_rt_tls_stack_limit;
    if (limit == 0) {
        limit = kern_rt_compute_stack_limit();
        if (limit == 0) limit = UINT64_MAX;
        kern_rt_tls_stack_limit = limit;
    }
    return limit == UINT64_MAX ? 0 : limit;
}
