/*
 * Kern runtime: the C functions JIT-compiled (and AOT-compiled) Kern code calls.
 * Linkable without the Swift runtime. Everything here is thread-safe.
 *
 * KernABI (Sources/KernABI) describes this header's ABI for the Swift side once:
 * RuntimeABITests check it against this file. Change both together (see
 * "Runtime ABI change" in docs/architecture.md).
 *
 * Calling convention of generated code (the "entry ABI", used by the host via libffi):
 *
 *   int32_t kern_entry_<name>(KernCallContext *ctx, <params...>, void *result);
 *
 *   - scalar param:        its C type (Bool as uint8_t 0/1, Int as int64_t, ...)
 *   - inout scalar param:  pointer to the scalar
 *   - rank-r array param:  T *data, int64_t shape[0..r-1], int64_t stride[0..r-1]
 *                          (r + r + 1 arguments; strides in elements, row-major)
 *   - result:              NULL for functions without a result; otherwise points to
 *                          n consecutive 8-byte slots (n = 1 for a scalar, the tuple's
 *                          arity for a tuple); element k is stored at offset 8*k in its
 *                          own type (Bool as uint8_t).
 *   - returns 0 on success, otherwise a KernStatus and ctx->error is filled in.
 *
 * Internal functions (Kern calling Kern) take the ctx first as well and report failure
 * through ctx->error.kind != KERN_OK; callers test it after every call.
 */
#ifndef KERN_RUNTIME_H
#define KERN_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum KernStatus {
    KERN_OK = 0,
    KERN_ERR_BOUNDS = 1,        /* index out of bounds: value0 = index, value1 = bound, value2 = axis */
    KERN_ERR_DIVISION = 2,      /* integer division or remainder by zero */
    KERN_ERR_PRECONDITION = 3,  /* failed precondition: message */
    KERN_ERR_STRIDE = 4,        /* stride(by: 0) */
    KERN_ERR_ALLOCATION = 5,    /* a local array could not be allocated: value0 = bytes */
    KERN_ERR_SIZE = 6,          /* negative size for a local array: value0 = count */
    KERN_ERR_MPI = 7,           /* an MPI built-in failed: message (the runtime's) */
    KERN_ERR_STACK = 8,         /* stack overflow: recursion too deep (at the call) */
} KernStatus;

/* The failure record of a call (named *Record so it does not clash with the Swift
 * host API's `KernErrorRecord`; the layout is the ABI). */
typedef struct KernErrorRecord {
    int32_t kind;        /* KernStatus */
    int32_t line;        /* 1-based source position of the failing check */
    int32_t column;
    int32_t origin;      /* 0: line/column are in the called module's source; k > 0: in the
                            module of its k-th extern function (1-based, Kern IR order),
                            set by the caller when that extern call failed (the REPL) */
    int64_t value0;
    int64_t value1;
    int64_t value2;
    const char *message; /* static string owned by the compiled module, or NULL */
} KernErrorRecord;

typedef struct KernCallContext {
    KernErrorRecord error;
    uint64_t seed;       /* random-number seed of the call */
    int32_t threads;     /* worker threads allowed for this call (0 = runtime default) */
    int32_t flags;
    /* Random stream (LANGUAGE.md §8; the "Random numbers" paragraph of KernIR's IR.swift).
     * Generated code reads and advances it; kern_parallel_for maintains the rest. */
    uint64_t rng_iteration;  /* outermost prange iteration (0 in serial code) */
    uint64_t rng_ordinal;    /* draw ordinal | region << KERN_RNG_REGION_SHIFT */
    uint64_t rng_regions;    /* outermost pranges started by the call so far */
    int32_t parallel_depth;  /* 0 serial, 1 in an outermost prange's blocks, >1 nested */
    int32_t reserved;
    /* Lowest stack address a call inside a call-graph cycle may start below: generated
     * code compares its frame address with it before every such call and fails with
     * KERN_ERR_STACK below it. Set per thread: by the host to kern_rt_stack_limit() of
     * the calling thread, by kern_parallel_for to the running thread's own limit for
     * each block. 0 disables the check (a zero-initialised context from C). */
    uint64_t stack_limit;
} KernCallContext;

#define KERN_RNG_REGION_SHIFT 40

/* Records an error in ctx unless one is recorded already (the first failure wins). */
void kern_rt_fail(KernCallContext *ctx, int32_t kind, int32_t line, int32_t column,
                  int64_t value0, int64_t value1, int64_t value2, const char *message);

/* The calling thread's stack limit for KernCallContext.stack_limit: the lowest address
 * of its stack (pthread_getattr_np) plus a safety margin (KERN_RT_STACK_MARGIN, at most a
 * quarter of the stack) that covers the frames a check does not guard (a callee's own
 * frame, non-recursive callees, runtime and libm calls). Computed once per thread;
 * 0 (no check) when the bounds are unknown. */
#define KERN_RT_STACK_MARGIN ((uint64_t)256 << 10)
uint64_t kern_rt_stack_limit(void);

/* 64-byte-aligned, uninitialised storage (generated code fills it).
 * Returns NULL on failure (the caller reports KERN_ERR_ALLOCATION). */
void *kern_rt_alloc(int64_t bytes);
void kern_rt_free(void *p);

/* print: pieces are appended to a per-thread line buffer; kern_rt_print_end writes
 * the whole line (with '\n') to stdout in one write, so lines from parallel iterations
 * never interleave. Numbers are formatted exactly as Swift's `print` formats them. */
void kern_rt_print_text(const char *text);
void kern_rt_print_i64(int64_t v);
void kern_rt_print_u64(uint64_t v);
void kern_rt_print_f64(double v);
void kern_rt_print_f32(float v);
void kern_rt_print_bool(int32_t v);
void kern_rt_print_end(void);

/* String(format:) conversions (kern_rt_printf.c). `spec` is one conversion without a
 * length modifier ("%-08.3f"); `kind` says how `bits` holds the value. */
enum { KERN_FORMAT_SIGNED = 0, KERN_FORMAT_UNSIGNED = 1, KERN_FORMAT_FLOATING = 2 };
/* Appends the formatted value to the current print line. */
void kern_rt_print_formatted(const char *spec, int32_t kind, int64_t bits);
/* Formats like snprintf: writes at most `capacity` bytes (NUL included) and returns the
 * length of the whole text (the interpreter's entry; the same code as above). */
int kern_rt_format_scalar(char *buf, size_t capacity, const char *spec, int32_t kind,
                          uint64_t bits);

/* clock(): nanoseconds of CLOCK_MONOTONIC (an arbitrary origin; differences are
 * elapsed time). */
int64_t kern_rt_clock_ns(void);

/* Formats like Swift's `description` ("1.0", "1e-05", "0.33333334", "inf", "nan").
 * Writes a NUL-terminated string into buf (at least 32 bytes); returns its length. */
int kern_rt_format_f64(double v, char *buf);
int kern_rt_format_f32(float v, char *buf);

/* Redirects print output (tests, REPL). NULL restores stdout. The sink receives whole
 * lines including the trailing newline; it is called under a lock (one line at a time)
 * and must not print through the runtime itself. */
typedef void (*KernPrintSink)(const char *line, size_t length, void *userData);
void kern_rt_set_print_sink(KernPrintSink sink, void *userData);

/* Flushes stdout (the host calls it before reading output written by print). */
void kern_rt_flush_stdout(void);

/* Flushes stdout and says whether any write to it failed so far (print's lines, and
 * anything else written through stdio's stdout): 0 if none, else the errno of the first
 * failure (EIO when stdio recorded an error without one). Sticky: a failure stays
 * reported, so a program whose output was lost cannot end as a success. */
int kern_rt_stdout_error(void);

/* MPI built-ins (LANGUAGE.md §12; kern_mpi.c). Every one takes the source position
 * for its error, fails with KERN_ERR_MPI (message set) on misuse or when MPI cannot be
 * loaded, and is refused inside a prange (MPI is used from the calling thread only).
 * Outside an MPI launcher the process is rank 0 of 1 and no MPI library is loaded.
 *   op:      KERN_MPI_SUM / MIN / MAX (min/max as Swift's: y < x ? y : x, y >= x ? y : x)
 *   element: the element's byte size, | KERN_MPI_FLOATING for Float/Double
 * Arrays are passed as data, shape[2], strides[2] (in elements; rank 1: n1 = 1). */
#define KERN_MPI_SUM 0
#define KERN_MPI_MIN 1
#define KERN_MPI_MAX 2
#define KERN_MPI_FLOATING 0x100
#define KERN_MPI_RANK 0      /* kern_rt_mpi_query: this rank */
#define KERN_MPI_SIZE 1      /* kern_rt_mpi_query: the number of ranks */
#define KERN_MPI_BARRIER 2   /* kern_rt_mpi_query: wait for every rank; returns 0 */
#define KERN_MPI_ALLREDUCE 0 /* kern_rt_mpi_array: element-wise over ranks, peer = op */
#define KERN_MPI_BROADCAST 1 /* peer = root */
#define KERN_MPI_SEND 2      /* peer = destination */
#define KERN_MPI_RECEIVE 3   /* peer = source */
#define KERN_MPI_HALO 4      /* ghost rows 0 and n0-1 from the neighbours; peer unused */
int64_t kern_rt_mpi_query(KernCallContext *ctx, int32_t what, int32_t line, int32_t column);
/* Every rank's value combined in rank order (the same result on every rank). */
int64_t kern_rt_mpi_allreduce_i64(KernCallContext *ctx, int64_t value, int32_t op,
                                  int32_t line, int32_t column);
double kern_rt_mpi_allreduce_f64(KernCallContext *ctx, double value, int32_t op,
                                 int32_t line, int32_t column);
void kern_rt_mpi_array(KernCallContext *ctx, int32_t operation, int32_t element, void *data,
                       int64_t n0, int64_t n1, int64_t s0, int64_t s1, int64_t peer,
                       int32_t line, int32_t column);
/* One value from the rank-1 arrays of all ranks, read as one global array (rank 0's
 * elements first): combined in fixed blocks of KERN_MPI_BLOCK global elements, each
 * block in element order, then the blocks in order, so the result does not depend on
 * the rank count. Empty: 0 for sum, the op's identity (+-inf, Int.max/min) otherwise. */
#define KERN_MPI_BLOCK 1024
int64_t kern_rt_mpi_reduce_i64(KernCallContext *ctx, const int64_t *data, int64_t n,
                               int64_t stride, int32_t op, int32_t line, int32_t column);
double kern_rt_mpi_reduce_f64(KernCallContext *ctx, const double *data, int64_t n,
                              int64_t stride, int32_t op, int32_t line, int32_t column);

/* For the JIT: the address of the runtime function generated code calls under `name`
 * (KernABI's RuntimeFunction table lists them), or NULL; and how many there are. */
const void *kern_rt_symbol_address(const char *name);
int32_t kern_rt_symbol_count(void);

#ifdef __cplusplus
}
#endif
#endif
