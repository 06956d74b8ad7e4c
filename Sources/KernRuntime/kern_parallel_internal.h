/*
 * Kern runtime, private: the interface between kern_parallel.c (blocks, jobs, the public
 * kern_parallel_for) and kern_parallel_pool.c (worker threads, sleeping and waking,
 * thread-count configuration). Not installed; generated code never sees it.
 *
 * Synchronisation contract: the pool runs at most one KernJob at a time. Its owner (the
 * host thread that acquired the pool) fills the job, then kern_pool_start publishes it to
 * `count` workers with a seq_cst store to each worker's wake word (so the plain job fields
 * happen-before the workers' reads). Each woken worker calls kern_job_run_blocks and then
 * decrements job->active with a seq_cst RMW; kern_pool_wait returns once active is 0, so
 * every body's writes happen-before the owner's return. The owner then releases the pool.
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
    KernError failError;

    _Atomic uint32_t active;         /* woken workers that have not finished yet */
    _Atomic uint32_t ownerSleeping;  /* 1 while the owner sleeps in kern_pool_wait */
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

/* Owner only: sets job->active = count and wakes workers 0..count-1 to run `job`. */
void kern_pool_start(KernJob *job, int32_t count);

/* Owner only: returns once every worker started by kern_pool_start has finished. */
void kern_pool_wait(KernJob *job);

/* Worker side of kern_pool_wait: marks one worker done (and wakes a sleeping owner). */
void kern_pool_worker_done(KernJob *job);

#endif
