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

typedef struct KernJob {
    /* Written by the owner before kern_pool_start; read-only while the job runs. */
    KernBlockBody body;
    void *context;
    int64_t begin;
    int64_t end;
    int64_t blockSize;
    int64_t blockCount;
    KernCallContext base;        /* the caller's ctx with error cleared: each block's copy */

    _Atomic uint64_t next;       /* next block to claim (unsigned: over-claims never wrap) */
    _Atomic int64_t failBlock;   /* lowest failed block so far; blockCount if none */
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
 * known failure). Called by the owner and by every woken worker. */
void kern_job_run_blocks(KernJob *job);

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
