/*
 * Kern runtime: kern_parallel_for — cutting [begin, end) into blocks and running them,
 * in parallel on the pool (kern_parallel_pool.c) or sequentially on the caller.
 *
 * In:  an outlined prange body, its context, a range and a block size.
 * Out: every block run exactly once; 0, or the status and error of the failing block with
 *      the lowest index (copied into the caller's ctx).
 *
 * Block boundaries are pure functions of (begin, end, blockSize); the thread count only
 * decides who runs a block. Blocks are claimed from one atomic counter in increasing
 * order, which gives dynamic load balance and lets a claimer stop as soon as its block
 * would follow a known failure (every lower block has already been claimed, so the
 * lowest failing block is still found).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>

#include "kern_parallel_internal.h"

/* ---------------------------------------------------------------- block arithmetic */

/* Unsigned arithmetic throughout: end - begin and begin + i*blockSize may not fit in an
 * int64 intermediate even though every block bound does. */
int64_t kern_parallel_block_count(int64_t begin, int64_t end, int64_t blockSize) {
    if (end <= begin) return 0;
    uint64_t size = blockSize < 1 ? 1 : (uint64_t)blockSize;
    uint64_t span = (uint64_t)end - (uint64_t)begin; /* exact: end > begin */
    uint64_t count = (span - 1) / size + 1;
    return count > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)count;
}

void kern_parallel_block_bounds(int64_t begin, int64_t end, int64_t blockSize, int64_t block,
                                int64_t *lo, int64_t *hi) {
    uint64_t size = blockSize < 1 ? 1 : (uint64_t)blockSize;
    uint64_t start = (uint64_t)begin + (uint64_t)block * size; /* wraps back into range */
    uint64_t left = (uint64_t)end - start;                      /* > 0 for a valid block */
    *lo = (int64_t)start;
    *hi = left <= size ? end : (int64_t)(start + size);
}

/* ---------------------------------------------------------------- running blocks */

/* Runs one block on a fresh copy of `base`; returns its status (0 = success). A body that
 * returns 0 but left an error in its ctx (a forwarded callee failure) has failed too; a
 * nonzero return without a recorded error still yields a coherent error kind. The block's
 * final random ordinal goes to *ordinalOut (nested loops continue the enclosing stream). */
static int32_t kern_run_block(KernBlockBody body, void *context, const KernCallContext *base,
                              int64_t begin, int64_t end, int64_t blockSize, int64_t block,
                              KernErrorRecord *errorOut, uint64_t *ordinalOut) {
    KernCallContext blockCtx = *base;
    /* The block may run on a pool worker: recursion there is limited by that
     * thread's own stack (issue 15.2), whatever the caller's limit was. */
    blockCtx.stack_limit = kern_rt_stack_limit();
    int64_t lo, hi;
    kern_parallel_block_bounds(begin, end, blockSize, block, &lo, &hi);
    int32_t status = body(context, &blockCtx, lo, hi, block);
    *ordinalOut = blockCtx.rng_ordinal;
    if (status == KERN_OK) status = blockCtx.error.kind;
    if (status != KERN_OK) {
        if (blockCtx.error.kind == KERN_OK) blockCtx.error.kind = status;
        *errorOut = blockCtx.error;
    }
    return status;
}

static void kern_job_record_failure(KernJob *job, int64_t block, int32_t status,
                                    const KernErrorRecord *error) {
    pthread_mutex_lock(&job->failLock);
    if (block < atomic_load_explicit(&job->failBlock, memory_order_relaxed)) {
        atomic_store_explicit(&job->failBlock, block, memory_order_relaxed);
        job->failStatus = status;
        job->failError = *error;
    }
    pthread_mutex_unlock(&job->failLock);
}

void kern_job_run_blocks(KernJob *job) {
    const uint64_t count = (uint64_t)job->blockCount;
    for (;;) {
        uint64_t claimed = atomic_fetch_add_explicit(&job->next, 1, memory_order_relaxed);
        if (claimed >= count) return;
        int64_t block = (int64_t)claimed;
        /* Claims only increase, so once one passes a failure every later one does too. */
        if (block > atomic_load_explicit(&job->failBlock, memory_order_relaxed)) return;
        KernErrorRecord error;
        uint64_t ordinal; /* unused: an outermost loop's iterations own their streams */
        int32_t status = kern_run_block(job->body, job->context, &job->base, job->begin,
                                        job->end, job->blockSize, block, &error, &ordinal);
        if (status != KERN_OK) kern_job_record_failure(job, block, status, &error);
    }
}

/* All blocks in order on the calling thread, stopping at the first failure — which is
 * then the lowest failing block, as in the parallel case. A nested loop's blocks draw
 * from the enclosing iteration's random stream, one after the other. */
static int32_t kern_run_sequential(KernCallContext *ctx, const KernCallContext *base,
                                   KernBlockBody body, void *context, int64_t begin,
                                   int64_t end, int64_t blockSize, int64_t blockCount) {
    KernCallContext running = *base;
    const int nested = ctx->parallel_depth > 0;
    int previous = kern_parallel_tls_in_region;
    kern_parallel_tls_in_region = 1; /* a prange nested in these blocks runs inline too */
    int32_t status = KERN_OK;
    for (int64_t block = 0; block < blockCount; block++) {
        KernErrorRecord error;
        uint64_t ordinal;
        status = kern_run_block(body, context, &running, begin, end, blockSize, block, &error,
                                &ordinal);
        if (nested) running.rng_ordinal = ordinal;
        if (status != KERN_OK) {
            ctx->error = error;
            break;
        }
    }
    if (nested) ctx->rng_ordinal = running.rng_ordinal;
    kern_parallel_tls_in_region = previous;
    return status;
}

/* The pool runs one job at a time, so one static job suffices; keeping it static also
 * means a late worker's last touch of it never hits freed memory. */
static KernJob kern_job = {.failLock = PTHREAD_MUTEX_INITIALIZER};

int32_t kern_parallel_for(KernCallContext *ctx, KernBlockBody body, void *context,
                          int64_t begin, int64_t end, int64_t blockSize) {
    if (blockSize < 1) blockSize = 1;
    int64_t blockCount = kern_parallel_block_count(begin, end, blockSize);
    if (blockCount == 0) return KERN_OK;

    /* The blocks' context: an outermost loop starts a new random region (its iterations
     * then start their own streams); a nested one runs inside the enclosing iteration. */
    const int nested = ctx->parallel_depth > 0;
    if (!nested) ctx->rng_regions += 1;
    KernCallContext base = *ctx;
    memset(&base.error, 0, sizeof base.error);
    base.parallel_depth = ctx->parallel_depth + 1;

    int64_t threads = ctx->threads > 0 ? ctx->threads : kern_parallel_default_threads();
    if (threads > KERN_PARALLEL_MAX_THREADS) threads = KERN_PARALLEL_MAX_THREADS;
    if (threads > blockCount) threads = blockCount;
    if (threads <= 1 || nested || kern_parallel_tls_in_region)
        return kern_run_sequential(ctx, &base, body, context, begin, end, blockSize, blockCount);

    kern_pool_init_once();
    if (!kern_pool_try_acquire())
        return kern_run_sequential(ctx, &base, body, context, begin, end, blockSize, blockCount);
    int32_t workers = kern_pool_reserve_workers((int32_t)threads - 1);
    if (workers == 0) { /* no thread could be created: still correct, just serial */
        kern_pool_release();
        return kern_run_sequential(ctx, &base, body, context, begin, end, blockSize, blockCount);
    }

    KernJob *job = &kern_job;
    job->body = body;
    job->context = context;
    job->begin = begin;
    job->end = end;
    job->blockSize = blockSize;
    job->blockCount = blockCount;
    job->base = base;
    atomic_store_explicit(&job->next, 0, memory_order_relaxed);
    atomic_store_explicit(&job->failBlock, blockCount, memory_order_relaxed);
    job->failStatus = KERN_OK;

    kern_pool_start(job, workers);
    kern_parallel_tls_in_region = 1;
    kern_job_run_blocks(job);
    kern_parallel_tls_in_region = 0;
    kern_pool_finish(job, workers);

    /* Every joined worker's failure record happens-before its completion, which
     * kern_pool_finish acquired: the fields below are final. */
    int32_t status = KERN_OK;
    if (atomic_load_explicit(&job->failBlock, memory_order_relaxed) < blockCount) {
        status = job->failStatus;
        ctx->error = job->failError;
    }
    kern_pool_release();
    return status;
}
