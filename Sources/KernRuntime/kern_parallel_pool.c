/*
 * Kern runtime: the worker threads of the parallel-for pool, how they sleep and wake, and
 * the default thread count (KERN_NUM_THREADS, cores, API override).
 *
 * In:  jobs handed over by kern_parallel.c through kern_pool_start.
 * Out: each woken worker runs kern_job_run_blocks on the job and reports completion;
 *      idle workers spin for KERN_PARALLEL_SPIN_NS, then sleep (futex on Linux, one shared
 *      condition variable elsewhere) so an idle pool costs no CPU.
 *
 * Each worker has its own wake word (a generation counter) on its own cache line, so the
 * owner wakes exactly the workers a job needs, and a spinning worker sees a new job with a
 * single cache-line transfer (no syscall): that keeps launches in the microsecond range.
 */
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE 1 /* sched_getaffinity, CPU_COUNT */
#endif

#include <ctype.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kern_parallel_internal.h"

#if defined(__linux__) && !defined(KERN_PARALLEL_NO_FUTEX)
#include <linux/futex.h>
#include <sys/syscall.h>
#define KERN_USE_FUTEX 1
#endif

_Thread_local int kern_parallel_tls_in_region = 0;

/* ---------------------------------------------------------------- sleeping and waking */

#if KERN_USE_FUTEX
/* Sleeps while *word == expected (returns at once if it differs; spurious returns are
 * fine: every caller re-checks its condition in a loop). */
static void kern_sleep_while(_Atomic uint32_t *word, uint32_t expected) {
    syscall(SYS_futex, (uint32_t *)word, FUTEX_WAIT_PRIVATE, expected, NULL, NULL, 0);
}
static void kern_wake_all(_Atomic uint32_t *word) {
    syscall(SYS_futex, (uint32_t *)word, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}
#else
/* Portable fallback: one condition variable for every word. The waker changes the word
 * before taking the mutex, the sleeper checks it under the mutex, so no wake-up is lost. */
static pthread_mutex_t kern_sleep_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t kern_sleep_cond = PTHREAD_COND_INITIALIZER;
static void kern_sleep_while(_Atomic uint32_t *word, uint32_t expected) {
    pthread_mutex_lock(&kern_sleep_mutex);
    if (atomic_load(word) == expected) pthread_cond_wait(&kern_sleep_cond, &kern_sleep_mutex);
    pthread_mutex_unlock(&kern_sleep_mutex);
}
static void kern_wake_all(_Atomic uint32_t *word) {
    (void)word;
    pthread_mutex_lock(&kern_sleep_mutex);
    pthread_cond_broadcast(&kern_sleep_cond);
    pthread_mutex_unlock(&kern_sleep_mutex);
}
#endif

static inline void kern_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

static int64_t kern_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Spins until *word != value or about KERN_PARALLEL_SPIN_NS pass. Returns 1 if it changed.
 * The clock is read only every 64 pauses: a vDSO call per pause would dominate. */
static int kern_spin_until_changed(_Atomic uint32_t *word, uint32_t value) {
    int64_t deadline = 0;
    for (uint32_t i = 1;; i++) {
        if (atomic_load_explicit(word, memory_order_acquire) != value) return 1;
        kern_cpu_relax();
        if ((i & 63) == 0) {
            int64_t now = kern_now_ns();
            if (deadline == 0) deadline = now + KERN_PARALLEL_SPIN_NS;
            else if (now >= deadline) return 0;
        }
    }
}

/* ---------------------------------------------------------------- workers */

typedef struct KernWorker {
    _Alignas(64) _Atomic uint32_t wake; /* generation: the owner bumps it to hand a job over */
    _Atomic uint32_t sleeping;          /* 1 while parked in kern_sleep_while */
    pthread_t thread;                   /* written before the worker is counted */
} KernWorker;

static struct {
    _Atomic int32_t busy;        /* 1 while a host thread owns the pool (one job at a time) */
    _Atomic int32_t workerCount; /* workers created; grows only, under `busy` or once-init */
    KernJob *_Atomic job;        /* the pool's job (always the same static one once set) */
    KernWorker workers[KERN_PARALLEL_MAX_THREADS - 1];
} kern_pool;

static int kern_pool_join(KernJob *job);
static void kern_pool_leave(KernJob *job);

static void *kern_worker_main(void *arg) {
    KernWorker *self = arg;
    /* A worker is always inside a parallel region: a prange reached from a body it runs
     * (directly or through calls) must run inline. */
    kern_parallel_tls_in_region = 1;
    uint32_t seen = 0;
    for (;;) {
        if (!kern_spin_until_changed(&self->wake, seen)) {
            /* Dekker handshake with kern_pool_start: we publish `sleeping` then re-read
             * `wake`; the owner publishes `wake` then reads `sleeping` (all seq_cst), so
             * at least one of us sees the other and the wake-up cannot be lost. */
            atomic_store(&self->sleeping, 1);
            while (atomic_load(&self->wake) == seen) kern_sleep_while(&self->wake, seen);
            atomic_store(&self->sleeping, 0);
        }
        seen = atomic_load_explicit(&self->wake, memory_order_relaxed);
        /* The wake-up may be late: the job it was for can be over already (the gate is then
         * closed), or a later job may be open, which this worker may join as well. */
        KernJob *job = atomic_load_explicit(&kern_pool.job, memory_order_acquire);
        if (job != NULL && kern_pool_join(job)) {
            /* Worker i always takes share 1 + i: the same blocks on every call. */
            kern_job_run_blocks(job, (int32_t)(self - kern_pool.workers) + 1);
            kern_pool_leave(job);
        }
    }
    return NULL;
}

/* Creates one more worker; returns 0 on failure (the pool then stays smaller). Signals are
 * blocked in workers so asynchronous signals (SIGINT, ...) reach the host's threads. The
 * stack is 8 MiB everywhere (macOS gives secondary threads only 512 KiB by default) so a
 * body behaves the same on a worker as on the main thread. */
static int kern_pool_spawn_worker(void) {
    int32_t index = atomic_load(&kern_pool.workerCount);
    if (index >= KERN_PARALLEL_MAX_THREADS - 1) return 0;
    KernWorker *worker = &kern_pool.workers[index];
    pthread_attr_t attr;
    if (pthread_attr_init(&attr) != 0) return 0;
    pthread_attr_setstacksize(&attr, (size_t)8 << 20);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    int err = pthread_create(&worker->thread, &attr, kern_worker_main, worker);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
    if (err != 0) return 0;
    atomic_store_explicit(&kern_pool.workerCount, index + 1, memory_order_release);
    return 1;
}

static pthread_once_t kern_pool_once = PTHREAD_ONCE_INIT;

static void kern_pool_create(void) {
    int32_t wanted = kern_parallel_default_threads() - 1;
    for (int32_t i = 0; i < wanted; i++)
        if (!kern_pool_spawn_worker()) break;
}

void kern_pool_init_once(void) { pthread_once(&kern_pool_once, kern_pool_create); }

int kern_pool_try_acquire(void) {
    /* Cheap read first so host threads that find the pool busy do not fight over the line. */
    if (atomic_load_explicit(&kern_pool.busy, memory_order_relaxed) != 0) return 0;
    return atomic_exchange_explicit(&kern_pool.busy, 1, memory_order_acquire) == 0;
}

void kern_pool_release(void) { atomic_store_explicit(&kern_pool.busy, 0, memory_order_release); }

int32_t kern_pool_reserve_workers(int32_t wanted) {
    int32_t limit = kern_parallel_thread_limit() - 1;
    if (wanted > limit) wanted = limit;
    while (atomic_load(&kern_pool.workerCount) < wanted)
        if (!kern_pool_spawn_worker()) break;
    int32_t have = atomic_load(&kern_pool.workerCount);
    return have < wanted ? have : wanted;
}

void kern_pool_start(KernJob *job, int32_t count) {
    atomic_store_explicit(&job->done, 0, memory_order_relaxed);
    atomic_store_explicit(&job->ownerSleeping, 0, memory_order_relaxed);
    job->epoch++;
    atomic_store_explicit(&kern_pool.job, job, memory_order_release);
    /* Release: the job fields above happen-before every successful join (acquire CAS). */
    atomic_store_explicit(&job->gate, (uint64_t)job->epoch << 32 | (uint32_t)count,
                          memory_order_release);
    for (int32_t i = 0; i < count; i++) {
        KernWorker *worker = &kern_pool.workers[i];
        atomic_fetch_add(&worker->wake, 1);
        if (atomic_load(&worker->sleeping)) kern_wake_all(&worker->wake);
    }
}

/* Worker side: takes a slot if the gate is open. Returns 1 if this worker joined. */
static int kern_pool_join(KernJob *job) {
    uint64_t gate = atomic_load_explicit(&job->gate, memory_order_acquire);
    while ((uint32_t)gate != 0) {
        if (atomic_compare_exchange_weak_explicit(&job->gate, &gate, gate - 1,
                                                  memory_order_acquire, memory_order_acquire))
            return 1;
    }
    return 0;
}

/* Worker side: counts a joined worker as finished and wakes a sleeping owner. After the
 * increment the owner may return and start another job in the same (static) KernJob; the
 * load below can then see that job's flag, which only causes a harmless spurious wake-up. */
static void kern_pool_leave(KernJob *job) {
    atomic_fetch_add(&job->done, 1); /* seq_cst: release of the blocks' writes, and the */
    if (atomic_load(&job->ownerSleeping)) kern_wake_all(&job->done); /* Dekker handshake */
}

void kern_pool_finish(KernJob *job, int32_t count) {
    uint64_t closed = (uint64_t)job->epoch << 32;
    uint32_t remaining = (uint32_t)atomic_exchange_explicit(&job->gate, closed, memory_order_acq_rel);
    uint32_t joined = (uint32_t)count - remaining;
    /* Joined workers usually finish within a few µs of the owner: spin before sleeping. The
     * common case — every joined worker done while spinning — returns here, without the
     * sleeping handshake's two sequentially consistent stores (a cost on every prange). */
    int64_t deadline = 0;
    for (uint32_t i = 1; atomic_load_explicit(&job->done, memory_order_acquire) != joined; i++) {
        kern_cpu_relax();
        if ((i & 63) == 0) {
            int64_t now = kern_now_ns();
            if (deadline == 0) deadline = now + KERN_PARALLEL_SPIN_NS;
            else if (now >= deadline) break;
        }
    }
    if (atomic_load_explicit(&job->done, memory_order_acquire) == joined) return;
    /* Same handshake as the workers' parking, with kern_pool_leave on the other side. */
    for (;;) {
        atomic_store(&job->ownerSleeping, 1);
        uint32_t done = atomic_load(&job->done);
        if (done == joined) break;
        kern_sleep_while(&job->done, done);
    }
    atomic_store(&job->ownerSleeping, 0);
}

/* ---------------------------------------------------------------- thread counts */

int32_t kern_parallel_parse_thread_count(const char *text) {
    if (text == NULL) return 0;
    while (isspace((unsigned char)*text)) text++;
    if (!isdigit((unsigned char)*text)) return 0;
    int64_t value = 0;
    while (isdigit((unsigned char)*text)) {
        /* Saturate instead of overflowing on absurdly long numbers. */
        if (value <= KERN_PARALLEL_MAX_THREADS) value = value * 10 + (*text - '0');
        text++;
    }
    while (isspace((unsigned char)*text)) text++;
    if (*text != '\0' || value < 1) return 0;
    return value > KERN_PARALLEL_MAX_THREADS ? KERN_PARALLEL_MAX_THREADS : (int32_t)value;
}

static int32_t kern_available_cores(void) {
    long cores = 0;
#if defined(__linux__)
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) cores = CPU_COUNT(&set);
#endif
    if (cores < 1) cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 1) cores = 1;
    return cores > KERN_PARALLEL_MAX_THREADS ? KERN_PARALLEL_MAX_THREADS : (int32_t)cores;
}

static int32_t kern_thread_limit = KERN_PARALLEL_MIN_THREAD_LIMIT;
static pthread_once_t kern_thread_limit_once = PTHREAD_ONCE_INIT;

static void kern_thread_limit_compute(void) {
    int64_t limit = (int64_t)KERN_PARALLEL_THREADS_PER_CORE * kern_available_cores();
    if (limit < KERN_PARALLEL_MIN_THREAD_LIMIT) limit = KERN_PARALLEL_MIN_THREAD_LIMIT;
    if (limit > KERN_PARALLEL_MAX_THREADS) limit = KERN_PARALLEL_MAX_THREADS;
    kern_thread_limit = (int32_t)limit;
}

int32_t kern_parallel_thread_limit(void) {
    pthread_once(&kern_thread_limit_once, kern_thread_limit_compute);
    return kern_thread_limit;
}

static _Atomic int32_t kern_threads_override = 0;
static int32_t kern_threads_automatic = 1;
static pthread_once_t kern_threads_once = PTHREAD_ONCE_INIT;

static void kern_threads_compute(void) {
    /* getenv once, here: later setenv calls by the host cannot race with it. */
    int32_t fromEnv = kern_parallel_parse_thread_count(getenv("KERN_NUM_THREADS"));
    kern_threads_automatic = fromEnv > 0 ? fromEnv : kern_available_cores();
}

int32_t kern_parallel_default_threads(void) {
    int32_t override = atomic_load_explicit(&kern_threads_override, memory_order_relaxed);
    if (override > 0) return override;
    pthread_once(&kern_threads_once, kern_threads_compute);
    return kern_threads_automatic;
}

void kern_parallel_set_default_threads(int32_t n) {
    if (n > KERN_PARALLEL_MAX_THREADS) n = KERN_PARALLEL_MAX_THREADS;
    if (n < 0) n = 0;
    atomic_store_explicit(&kern_threads_override, n, memory_order_relaxed);
}

/* ---------------------------------------------------------------- diagnostics */

int32_t kern_parallel_in_region(void) { return kern_parallel_tls_in_region != 0; }

int32_t kern_parallel_worker_count(void) {
    return atomic_load_explicit(&kern_pool.workerCount, memory_order_acquire);
}

int64_t kern_parallel_workers_cpu_ns(void) {
#if defined(__linux__)
    int32_t count = kern_parallel_worker_count(); /* acquire: the pthread_t values are set */
    int64_t total = 0;
    for (int32_t i = 0; i < count; i++) {
        clockid_t clock;
        struct timespec ts;
        if (pthread_getcpuclockid(kern_pool.workers[i].thread, &clock) != 0) return -1;
        if (clock_gettime(clock, &ts) != 0) return -1;
        total += (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
    }
    return total;
#else
    return -1;
#endif
}
