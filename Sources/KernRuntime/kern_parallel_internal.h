/*
 * Kern runtime, private: the interface between kern_parallel.c (blocks, jobs, the public
 * kern_parallel_for) and kern_parallel_pool.c (worker threads, sleeping and waking,
 * thread-count configuration). Not installed; generated code never sees it.
 *
 * Synchronisation contract: the pool runs at most one KernJob at a time. Its owner (the
 * host thread that acquired the pool) fills the job, then kern_pool_start opens the job's
 * gate with `count` worker slots (a release store, so the plain job fields happen-before
 * anything a worker does after joining) and wakes `count` workers. A worker joins by
 * taking a slot with a CAS on the gate, runs kern_job_run_blocks, and counts itself in
 * job->done. When the owner has run out of blocks, kern_pool_finish closes the gate by
 * taking the remaining slots, and waits only for the workers that joined: a worker that
 * was woken but not yet scheduled (an oversubscribed machine) does not delay the caller,
 * it finds the gate closed and goes back to waiting. The gate carries a job epoch in its
 * high half so a worker's CAS never succeeds against a later job's gate by accident.
 */
#ifndef KERN_PARALLEL_INTERNAL_H
#define KERN_PARALLEL_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "kern_parallel.h"

/* One thread's static share of a job's blocks: [lo, hi) packed as hi << 32 | lo, on its own
 * cache line. The share's thread claims from the front (fetch_add on lo, in block order);
 * other threads, once their own share is done, steal from the back (CAS on hi). A share is
 * empty when lo >= hi; lo only grows and hi only shrinks, so an empty share stays empty. */
typedef struct KernShare {
    _Alignas(64) _Atomic uint64_t range;
} KernShare;

/* Jobs with at least this many blocks do not fit a packed share: they fall back to claiming
 * blocks from the one shared counter `next` (only absurd ranges, e.g. 2^32 one-iteration
 * blocks, get there). */
#define KERN_PARALLEL_AFFINE_BLOCK_LIMIT ((int64_t)UINT32_MAX)

/* Ranges jobs (kern_parallel_for_ranges) split iterations, not blocks, into shares; spans of
 * this many iterations or more go to the block path instead, so that a share's front can
 * overshoot its back by a grain without carrying into the packed hi half. */
#define KERN_PARALLEL_RANGES_SPAN_LIMIT ((int64_t)INT32_MAX)

typedef struct KernJob {
    /* Written by the owner before kern_pool_start; read-only while the job runs. */
    KernBlockBody body;
    void *context;
    int64_t begin;
    int64_t end;
    int64_t blockSize;           /* block mode: iterations per block; ranges: the grain */
    int64_t blockCount;          /* units to split: blocks, or iterations in ranges mode */
    int32_t ranges;              /* 1: units are iterations, claimed `blockSize` at a time */
    KernCallContext base;        /* the caller's ctx with error cleared: each block's copy */
    int32_t shareCount;          /* threads the units are split over (0 = shared counter) */

    KernShare shares[KERN_PARALLEL_MAX_THREADS]; /* share 0: the owner; 1 + i: worker i */
    _Atomic uint64_t next;       /* fallback only: next block to claim (never wraps) */
    _Atomic int64_t failBlock;   /* first unit of the lowest failed chunk; blockCount if none */
    pthread_mutex_t failLock;    /* guards failStatus/failError and writes of failBlock */
    int32_t failStatus;
    KernErrorRecord failError;

    _Atomic uint64_t gate;           /* epoch << 32 | worker slots still open (0 = closed) */
    _Atomic uint32_t done;           /* joined workers that have finished */
    _Atomic uint32_t ownerSleeping;  /* 1 while the owner sleeps in kern_pool_finish */
    uint32_t epoch;                  /* owner only: number of jobs started */
} KernJob;

/* 1 on threads inside a parallel region (workers always; an owner while it runs blocks). */
extern _Thread_local int kern_parallel_tls_in_region;

/* Claims and runs blocks of `job` until none are left (or all remaining ones follow a
 * known failure): first the blocks of share `share` in order (the owner passes 0, worker i
 * passes 1 + i; a share index >= shareCount has no share of its own), then blocks stolen
 * from the back of the other shares. Called by the owner and by every joined worker. */
void kern_job_run_blocks(KernJob *job, int32_t share);

/* Creates the pool (default size) once per process. */
void kern_pool_init_once(void);

/* Takes the pool for one job without waiting: 1 on success, 0 if another host thread's
 * job holds it. */
int kern_pool_try_acquire(void);
void kern_pool_release(void);

/* Owner only: grows the pool to at least `wanted` workers if it can; returns how many
 * workers are available for this job (min(wanted, workers)). */
int32_t kern_pool_reserve_workers(int32_t wanted);

/* Owner only: opens the job to `count` workers and wakes workers 0..count-1. */
void kern_pool_start(KernJob *job, int32_t count);

/* Owner only, once it has no blocks left to claim: closes the job to workers that have not
 * joined yet and returns once every worker that joined has finished. */
void kern_pool_finish(KernJob *job, int32_t count);

#endif
