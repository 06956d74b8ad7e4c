/*
 * Kern runtime: the parallel-for thread pool behind `prange` (LANGUAGE.md §7).
 *
 * In:  an outlined loop body (KernBlockBody), its context pointer, an iteration range
 *      [begin, end) and a block size chosen by the compiler.
 * Out: every block run exactly once (on the calling thread and the pool's workers), and
 *      either 0 or the status and error of the failing block with the lowest index.
 *
 * Determinism: block boundaries depend only on (begin, end, blockSize), never on the
 * number of threads or the schedule. The compiler stores each block's partial reduction
 * result in a slot indexed by the block number and combines the slots in block order
 * after kern_parallel_for returns, so results are bitwise identical for any thread count.
 *
 * Plain C11 + pthreads + C11 atomics; linkable without the Swift runtime.
 *
 * Threading model (decisions the contract left open):
 *  - One pool per process, created lazily on the first parallel call (pthread_once) with
 *    kern_parallel_default_threads() - 1 workers (the calling thread is the extra one).
 *  - A call asking for more threads than the pool has grows the pool (never shrinks it),
 *    up to KERN_PARALLEL_MAX_THREADS threads in all; a request above that is capped.
 *  - The pool runs one job at a time. A host thread that calls kern_parallel_for while
 *    another host thread's job occupies the pool does not wait: it runs all its blocks
 *    sequentially on its own thread. Results are identical either way (blocks are
 *    schedule-independent), nothing can deadlock, and concurrent host threads already
 *    keep the cores busy.
 *  - Idle workers spin for about KERN_PARALLEL_SPIN_NS nanoseconds, then sleep on a futex
 *    (a condition variable off Linux): an idle pool uses no CPU.
 *  - The caller waits only for workers that actually joined its job. A worker woken but not
 *    yet scheduled when the caller runs out of blocks is not waited for (it finds the job
 *    closed), so an oversubscribed machine degrades to the caller doing the work instead
 *    of stalling on scheduler latency.
 *  - Workers live until the process exits; repeated calls never create threads beyond
 *    the largest thread count ever requested.
 */
#ifndef KERN_PARALLEL_H
#define KERN_PARALLEL_H

#include <stdint.h>

#include "kern_runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Upper bound on threads per call (workers + the caller). Larger requests are capped. */
#define KERN_PARALLEL_MAX_THREADS 256

/* The pool never holds more than kern_parallel_thread_limit() threads (workers + the
 * caller): KERN_PARALLEL_THREADS_PER_CORE per core this process may run on, at least
 * KERN_PARALLEL_MIN_THREAD_LIMIT, at most KERN_PARALLEL_MAX_THREADS. Asking for more
 * (threads: 64 on 2 cores) runs on that many: results never depend on the thread count,
 * and more threads than 4 per core only add switching. */
#define KERN_PARALLEL_THREADS_PER_CORE 4
#define KERN_PARALLEL_MIN_THREAD_LIMIT 8

/* How long an idle worker (or a caller waiting for workers) spins before sleeping. */
#define KERN_PARALLEL_SPIN_NS 20000

/*
 * Body of an outlined prange: runs iterations [lo, hi) of block `block`, in increasing
 * order, stopping at the first failing iteration.
 *  - context:  the compiler's context struct (captured variables, partial-result slots).
 *  - blockCtx: a fresh copy of the caller's KernCallContext for this block (error cleared,
 *              same seed, threads and flags). The body reports a failure by calling
 *              kern_rt_fail on it.
 * Returns 0, or the KernStatus of the failure. A body that returns 0 but left
 * blockCtx->error.kind != KERN_OK (e.g. it forwarded a callee's error) also counts as
 * failed, with that kind as its status.
 */
typedef int32_t (*KernBlockBody)(void *context, KernCallContext *blockCtx,
                                 int64_t lo, int64_t hi, int64_t block);

/*
 * Number of blocks [begin, end) is cut into: ceil((end - begin) / blockSize), 0 if
 * end <= begin. A blockSize < 1 is treated as 1. Computed without overflow for every
 * int64 range; the count saturates at INT64_MAX, which only ranges of more than 2^63 - 1
 * iterations with blockSize 1 reach (their last iterations are then not run).
 */
int64_t kern_parallel_block_count(int64_t begin, int64_t end, int64_t blockSize);

/*
 * Bounds of block `block` of [begin, end): *lo = begin + block*blockSize,
 * *hi = min(end, *lo + blockSize). `block` must be in [0, block_count). The same
 * computation kern_parallel_for uses; exposed for the compiler's sequential fallback and
 * for tests.
 */
void kern_parallel_block_bounds(int64_t begin, int64_t end, int64_t blockSize, int64_t block,
                                int64_t *lo, int64_t *hi);

/*
 * Runs every block of [begin, end) — block i is [begin + i*blockSize,
 * min(end, begin + (i+1)*blockSize)) — on up to `ctx->threads` threads (<= 0 = the default
 * from kern_parallel_default_threads(); 1 = inline on the caller), the calling thread
 * included. Each thread first runs its own contiguous static share of the blocks, in order
 * (the same share on every call with the same block and thread counts: affinity), then
 * steals blocks from the back of the other shares, so uneven blocks still balance.
 * Returns after every claimed block has finished.
 *
 * Returns 0 on success (ctx->error is left untouched). Otherwise returns the status of the
 * failing block with the LOWEST block index and copies that block's error into ctx->error.
 * Blocks after a known failing block may be skipped; every block before it runs. Because
 * a block runs its iterations in order and stops at its first failure, this is the failing
 * iteration with the lowest index: the error does not depend on the schedule.
 *
 * Runs sequentially on the calling thread, in block order, when: the call is nested inside
 * a parallel region (from a body, directly or through calls), only one thread is asked for
 * or useful, or another host thread's job occupies the pool. Any number of host threads
 * may call this at once. The pool stays usable after a body fails.
 */
int32_t kern_parallel_for(KernCallContext *ctx, KernBlockBody body, void *context,
                          int64_t begin, int64_t end, int64_t blockSize);

/*
 * kern_parallel_for for a body that does not use its `block` argument (a prange without
 * reductions, whose result cannot depend on where the range is cut): the iterations
 * themselves are split into one contiguous share per thread, thread t of T getting
 * [begin + span*t/T, begin + span*(t+1)/T) like OpenMP's schedule(static), so threads
 * finish together even when the span is not a multiple of a block. Each thread runs its
 * share front to back in calls of at most `grain` iterations (< 1 is taken as 1), then
 * steals up to `grain` iterations at a time from the back of the other shares. On one
 * thread (same conditions as kern_parallel_for) the whole range is one call. The body's
 * `block` argument is unspecified.
 *
 * Errors as for kern_parallel_for: the failure with the lowest iteration index is
 * returned, whatever the schedule. Spans of 2^31 - 1 iterations or more run as
 * kern_parallel_for with blocks of `grain` iterations.
 */
int32_t kern_parallel_for_ranges(KernCallContext *ctx, KernBlockBody body, void *context,
                                 int64_t begin, int64_t end, int64_t grain);

/*
 * Default thread count for calls with ctx->threads == 0. In order of precedence:
 * the value set by kern_parallel_set_default_threads; the environment variable
 * KERN_NUM_THREADS (read once, at the first call); the number of cores this process may
 * run on (sched_getaffinity; sysconf elsewhere). Always in [1, KERN_PARALLEL_MAX_THREADS].
 */
int32_t kern_parallel_default_threads(void);

/*
 * Sets the default thread count (API option, `kernelc run --threads N`). n is capped at
 * KERN_PARALLEL_MAX_THREADS; n <= 0 restores the automatic default (environment/cores).
 * Thread-safe; affects calls that start afterwards.
 */
void kern_parallel_set_default_threads(int32_t n);

/*
 * Parses a KERN_NUM_THREADS value: decimal digits with optional surrounding whitespace.
 * Returns the count, capped at KERN_PARALLEL_MAX_THREADS, or 0 when the text is NULL,
 * empty, not a number, or < 1 (the variable is then ignored).
 */
int32_t kern_parallel_parse_thread_count(const char *text);

/* The most threads a parallel loop runs on (see KERN_PARALLEL_THREADS_PER_CORE). */
int32_t kern_parallel_thread_limit(void);

/* 1 when the calling thread is inside a parallel region (a pool worker, or a caller while
 * it runs blocks of its own parallel job): a kern_parallel_for here runs inline. */
int32_t kern_parallel_in_region(void);

/* Diagnostics (tests, `kernelc` stats): the number of worker threads the pool has
 * created so far (0 before the first parallel call). */
int32_t kern_parallel_worker_count(void);

/* Diagnostics: total CPU time consumed by all pool workers so far, in nanoseconds,
 * or -1 where per-thread CPU clocks are unavailable. */
int64_t kern_parallel_workers_cpu_ns(void);

#ifdef __cplusplus
}
#endif
#endif
