/*
 * Kern runtime: `print`.
 * In: the pieces of one print statement (text, integers, floats, bools), then
 * kern_rt_print_end. Out: one whole line, written to stdout (or the installed sink)
 * in a single locked write, so lines from parallel iterations never interleave.
 * Each thread has its own line buffer; it grows as needed and is never shrunk.
 */
#define _POSIX_C_SOURCE 200809L
#include "kern_runtime.h"

#include <errno.h>
#include <inttypes.h>
#include <stdatomic.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct LineBuffer {
    char *bytes;
    size_t length;
    size_t capacity;
} LineBuffer;

static _Thread_local LineBuffer line;

/* Threads come and go (Dispatch, Swift concurrency): a thread-exit destructor frees the
 * line buffer. The key's value only marks "this thread has a buffer"; the buffer
 * itself is the thread-local above. */
static pthread_key_t lineKey;
static pthread_once_t lineKeyOnce = PTHREAD_ONCE_INIT;

static void free_line(void *unused) {
    (void)unused;
    free(line.bytes);
    line.bytes = NULL;
    line.length = 0;
    line.capacity = 0;
}

static void make_line_key(void) { pthread_key_create(&lineKey, free_line); }

/* The sink and its user data change together, so they sit behind one mutex; the
 * lock is taken once per line, which is cheap next to the write itself. */
static pthread_mutex_t sinkLock = PTHREAD_MUTEX_INITIALIZER;

/* The errno of the first failed write to stdout (0: none yet). A kernel cannot stop on
 * a failed print, so the failure is kept for the host to report (kern_rt_stdout_error). */
static atomic_int stdoutError = 0;

static void record_stdout_error(int code) {
    int none = 0;
    atomic_compare_exchange_strong(&stdoutError, &none, code != 0 ? code : EIO);
}
static KernPrintSink sink = NULL;
static void *sinkUserData = NULL;

/* Appends n bytes; on allocation failure the piece is dropped (printing must never
 * take the process down). */
static void append(const char *text, size_t n) {
    if (line.length + n + 1 > line.capacity) {
        size_t capacity = line.capacity ? line.capacity : 128;
        while (line.length + n + 1 > capacity) capacity *= 2;
        char *bytes = realloc(line.bytes, capacity);
        if (bytes == NULL) return;
        if (line.bytes == NULL) {
            pthread_once(&lineKeyOnce, make_line_key);
            pthread_setspecific(lineKey, bytes);
        }
        line.bytes = bytes;
        line.capacity = capacity;
    }
    memcpy(line.bytes + line.length, text, n);
    line.length += n;
    line.bytes[line.length] = '\0';
}

void kern_rt_print_text(const char *text) {
    if (text != NULL) append(text, strlen(text));
}

void kern_rt_print_i64(int64_t v) {
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%" PRId64, v);
    append(buf, (size_t)n);
}

void kern_rt_print_u64(uint64_t v) {
    char buf[32];
    int n = snprintf(buf, sizeof buf, "%" PRIu64, v);
    append(buf, (size_t)n);
}

void kern_rt_print_f64(double v) {
    char buf[40];
    int n = kern_rt_format_f64(v, buf);
    append(buf, (size_t)n);
}

void kern_rt_print_f32(float v) {
    char buf[40];
    int n = kern_rt_format_f32(v, buf);
    append(buf, (size_t)n);
}

void kern_rt_print_bool(int32_t v) {
    if (v) append("true", 4);
    else append("false", 5);
}

void kern_rt_print_end(void) {
    append("\n", 1);
    const char *bytes = line.bytes ? line.bytes : "\n";
    size_t length = line.bytes ? line.length : 1;
    pthread_mutex_lock(&sinkLock);
    if (sink != NULL) {
        sink(bytes, length, sinkUserData);
    } else {
        /* Through stdio rather than write(2) so the line stays ordered with the host's
         * own Swift `print` output, which goes through the same FILE. */
        flockfile(stdout);
        errno = 0;
        if (fwrite(bytes, 1, length, stdout) < length) record_stdout_error(errno);
        funlockfile(stdout);
    }
    pthread_mutex_unlock(&sinkLock);
    line.length = 0;
    if (line.bytes) line.bytes[0] = '\0';
}

void kern_rt_set_print_sink(KernPrintSink newSink, void *userData) {
    pthread_mutex_lock(&sinkLock);
    sink = newSink;
    sinkUserData = userData;
    pthread_mutex_unlock(&sinkLock);
}

void kern_rt_flush_stdout(void) {
    errno = 0;
    if (fflush(stdout) != 0) record_stdout_error(errno);
}

int kern_rt_stdout_error(void) {
    kern_rt_flush_stdout();
    if (ferror(stdout)) record_stdout_error(EIO);
    return atomic_load(&stdoutError);
}
