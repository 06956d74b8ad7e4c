/*
 * Kern runtime: kern_parallel_for — cutting [begin, end) into blocks and running them,
 * in parallel on the pool (kern_parallel_pool.c) or sequentially on the caller.
 *
 * In:  an outlined prange body, its context, a range and a block size.
 * Out: every block run exactly once; 0, or the status and error of the failing block with
 *      the lowest index (copied into the caller's ctx).
 *
 * Block boundaries are pure functions of (begin, end, blockSize); the thread count only
 * decides who runs a block. Schedule (docs/decisions.md, "Affinity scheduling"): the blocks
 * are split into one contiguous static share per thread; each thread runs its own share in
 * order — the same blocks on every call, so a time-stepped loop finds its rows in the
 * cache of the core that touched them last — and then steals leftovers from the back of
 * the other shares for load balance. A block that follows a known failure is skipped; all
 * blocks below the lowest failure run, so the lowest failing block is still found.
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
                              int64_t lo, int64_t hi, int64_t block, KernErrorRecord *errorOut,
                              uint64_t *ordinalOut) {
    KernCallContext blockCtx = *base;
    /* The block may run on a pool worker: recursion there is limited by that
     * thread's own stack (issue 15.2), whatever the caller's limit was. */
    blockCtx.stack_limit = kern_rt_stack_limit();
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

/* Runs the chunk of units [first, stop) — one block (stop = first + 1) in block mode, a
 * run of iterations in ranges mode — unless it follows a known failure. Chunks are
 * disjoint and each runs its iterations in order, so ordering failures by their chunk's
 * first unit finds the lowest failing iteration; every chunk below the final lowest
 * failure still runs (failBlock only decreases, so such a chunk is never skipped). */
static void kern_job_run_one(KernJob *job, int64_t first, int64_t stop) {
    if (first > atomic_load_explicit(&job->failBlock, memory_order_relaxed)) return;
    int64_t lo, hi;
    if (job->ranges) {
        lo = job->begin + first; /* no overflow: begin + span == end */
        hi = job->begin + stop;
    } else {
        kern_parallel_block_bounds(job->begin, job->end, job->blockSize, first, &lo, &hi);
    }
    KernErrorRecord error;
    uint64_t ordinal; /* unused: an outermost loop's iterations own their streams */
    int32_t status =
        kern_run_block(job->body, job->context, &job->base, lo, hi, first, &error, &ordinal);
    if (status != KERN_OK) kern_job_record_failure(job, first, status, &error);
}

/* Fallback for jobs with too many blocks for packed shares: one shared counter. */
static void kern_job_run_shared_counter(KernJob *job) {
    const uint64_t count = (uint64_t)job->blockCount;
    for (;;) {
        uint64_t claimed = atomic_fetch_add_explicit(&job->next, 1, memory_order_relaxed);
        if (claimed >= count) return;
        int64_t block = (int64_t)claimed;
        /* Claims only increase, so once one passes a failure every later one does too. */
        if (block > atomic_load_explicit(&job->failBlock, memory_order_relaxed)) return;
        kern_job_run_one(job, block, block + 1);
    }
}

/* The front chunk of a share — up to `grain` units, 1 in block mode — claimed by the share's
 * own thread: returns its first unit and sets *stop, or returns -1 when the share is empty.
 * One uncontended fetch_add on the share's own cache line. lo can pass hi by one grain (the
 * claim that finds the share empty), which never carries into hi: block mode keeps
 * hi < 2^32 - 1 with a grain of 1, ranges mode hi + grain < 2^32. */
static int64_t kern_share_claim_front(KernShare *share, uint32_t grain, int64_t *stop) {
    uint64_t old = atomic_fetch_add_explicit(&share->range, grain, memory_order_relaxed);
    uint32_t lo = (uint32_t)old, hi = (uint32_t)(old >> 32);
    if (lo >= hi) return -1;
    *stop = hi - lo > grain ? (int64_t)lo + grain : (int64_t)hi;
    return (int64_t)lo;
}

/* The back chunk (up to `grain` units) of another thread's share: returns its first unit and
 * sets *stop, or -1 when the share is empty or holds only units after `failBlock` (those are
 * dropped with the same CAS, so a failure ends a job in a few steps however many units are
 * left; failBlock only decreases, so every thief agrees). */
static int64_t kern_share_steal_back(KernShare *share, int64_t failBlock, uint32_t grain,
                                     int64_t *stop) {
    uint64_t old = atomic_load_explicit(&share->range, memory_order_relaxed);
    for (;;) {
        uint32_t lo = (uint32_t)old, hi = (uint32_t)(old >> 32);
        if ((int64_t)hi > failBlock) hi = (uint32_t)(failBlock + 1); /* failBlock < 2^32 - 1 */
        if (lo >= hi) return -1;
        uint32_t first = hi - lo > grain ? hi - grain : lo;
        uint64_t new = (uint64_t)first << 32 | lo;
        if (atomic_compare_exchange_weak_explicit(&share->range, &old, new,
                                                  memory_order_relaxed, memory_order_relaxed)) {
            *stop = (int64_t)hi;
            return (int64_t)first;
        }
    }
}

/* Affinity schedule: the thread of share s runs the same blocks on every call with the same
 * (blockCount, shareCount), in order, so data a sweep touched stays in that core's cache for
 * the next sweep; threads that finish early balance the rest by stealing from the back of
 * the others' shares (one block at a time, the blocks farthest from their owners' fronts).
 * Who runs a block never changes what it computes. */
void kern_job_run_blocks(KernJob *job, int32_t share) {
    const int32_t shares = job->shareCount;
    if (shares == 0) {
        kern_job_run_shared_counter(job);
        return;
    }
    const uint32_t grain = job->ranges ? (uint32_t)job->blockSize : 1;
    int64_t stop;
    if (share < shares) {
        KernShare *own = &job->shares[share];
        for (int64_t first; (first = kern_share_claim_front(own, grain, &stop)) >= 0;) {
            /* The rest of this share follows the failure too: leave it (thieves skip it). */
            if (first > atomic_load_explicit(&job->failBlock, memory_order_relaxed)) break;
            kern_job_run_one(job, first, stop);
        }
    }
    /* An empty share stays empty, so one pass over the others finds every leftover block. */
    for (int32_t i = 1; i <= shares; i++) {
        int32_t victim = (share + i) % shares;
        if (victim == share) continue;
        KernShare *other = &job->shares[victim];
        for (;;) {
            int64_t fail = atomic_load_explicit(&job->failBlock, memory_order_relaxed);
            int64_t first = kern_share_steal_back(other, fail, grain, &stop);
            if (first < 0) break;
            kern_job_run_one(job, first, stop);
        }
    }
}

/* Splits the blocks into `shares` contiguous, balanced static shares, like OpenMP's
 * schedule(static): share s = [count*s/shares, count*(s+1)/shares). count < 2^32 and
 * shares <= 256, so the products fit. */
static void kern_job_split(KernJob *job, int32_t shares) {
    const uint64_t count = (uint64_t)job->blockCount;
    for (int32_t s = 0; s < shares; s++) {
        uint64_t lo = count * (uint64_t)s / (uint64_t)shares;
        uint64_t hi = count * (uint64_t)(s + 1) / (uint64_t)shares;
        atomic_store_explicit(&job->shares[s].range, hi << 32 | lo, memory_order_relaxed);
    }
    job->shareCount = shares;
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
        int64_t lo, hi;
        kern_parallel_block_bounds(begin, end, blockSize, block, &lo, &hi);
        status = kern_run_block(body, context, &running, lo, hi, block, &error, &ordinal);
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

/* The launch shared by both entry points. Block mode (ranges = 0): `blockCount` blocks of
 * `blockSize` iterations. Ranges mode: `blockCount` = end - begin iterations (< 2^31),
 * split into shares at any iteration and claimed `blockSize` (the grain, <= the span) at a
 * time; run sequentially, the whole range is one call. */
static int32_t kern_parallel_launch(KernCallContext *ctx, KernBlockBody body, void *context,
                                    int64_t begin, int64_t end, int64_t blockSize,
                                    int64_t blockCount, int32_t ranges) {
    /* The blocks' context: an outermost loop starts a new random region (its iterations
     * then start their own streams); a nested one runs inside the enclosing iteration. */
    const int nested = ctx->parallel_depth > 0;
    if (!nested) ctx->rng_regions += 1;
    KernCallContext base = *ctx;
    memset(&base.error, 0, sizeof base.error);
    base.parallel_depth = ctx->parallel_depth + 1;

    int64_t threads = ctx->threads > 0 ? ctx->threads : kern_parallel_default_threads();
    if (threads > KERN_PARALLEL_MAX_THREADS) threads = KERN_PARALLEL_MAX_THREADS;
    /* No more threads than chunks: a loop of one grain runs inline, as one block does. */
    const int64_t chunks = ranges ? (blockCount - 1) / blockSize + 1 : blockCount;
    if (threads > chunks) threads = chunks;
    /* Sequentially, a ranges job is one block: the whole range in one call. */
    const int64_t seqSize = ranges ? blockCount : blockSize, seqCount = ranges ? 1 : blockCount;
    if (threads <= 1 || nested || kern_parallel_tls_in_region)
        return kern_run_sequential(ctx, &base, body, context, begin, end, seqSize, seqCount);

    kern_pool_init_once();
    if (!kern_pool_try_acquire())
        return kern_run_sequential(ctx, &base, body, context, begin, end, seqSize, seqCount);
    int32_t workers = kern_pool_reserve_workers((int32_t)threads - 1);
    if (workers == 0) { /* no thread could be created: still correct, just serial */
        kern_pool_release();
        return kern_run_sequential(ctx, &base, body, context, begin, end, seqSize, seqCount);
    }

    KernJob *job = &kern_job;
    job->body = body;
    job->context = context;
    job->begin = begin;
    job->end = end;
    job->blockSize = blockSize;
    job->blockCount = blockCount;
    job->ranges = ranges;
    job->base = base;
    if (blockCount < KERN_PARALLEL_AFFINE_BLOCK_LIMIT) {
        kern_job_split(job, workers + 1);
    } else {
        job->shareCount = 0;
        atomic_store_explicit(&job->next, 0, memory_order_relaxed);
    }
    atomic_store_explicit(&job->failBlock, blockCount, memory_order_relaxed);
    job->failStatus = KERN_OK;

    kern_pool_start(job, workers);
    kern_parallel_tls_in_region = 1;
    kern_job_run_blocks(job, 0);
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

int32_t kern_parallel_for(KernCallContext *ctx, KernBlockBody body, void *context,
                          int64_t begin, int64_t end, int64_t blockSize) {
    if (blockSize < 1) blockSize = 1;
    int64_t blockCount = kern_parallel_block_count(begin, end, blockSize);
    if (blockCount == 0) return KERN_OK;
    return kern_parallel_launch(ctx, body, context, begin, end, blockSize, blockCount, 0);
}

int32_t kern_parallel_for_ranges(KernCallContext *ctx, KernBlockBody body, void *context,
                                 int64_t begin, int64_t end, int64_t grain) {
    if (end <= begin) return KERN_OK;
    if (grain < 1) grain = 1;
    uint64_t span = (uint64_t)end - (uint64_t)begin; /* exact: end > begin */
    /* Huge spans: blocks of `grain` iterations, which the body accepts as well. */
    if (span >= (uint64_t)KERN_PARALLEL_RANGES_SPAN_LIMIT)
        return kern_parallel_for(ctx, body, context, begin, end, grain);
    if ((uint64_t)grain > span) grain = (int64_t)span;
    return kern_parallel_launch(ctx, body, context, begin, end, grain, (int64_t)span, 1);
}
