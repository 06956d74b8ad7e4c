/*
 * Kern runtime: `print`.
 * In: the pieces of one print statement (text, integers, floats, bools), then
 * kern_rt_print_end. Out: one whole line, written to stdout (or the installed sink)
 * in a single locked write, so lines from parallel iterations never interleave.
 * Each thread has its own line buffer; it grows as needed and is never shrunk.
 */
#define _POSIX_C_SOURCE 200809L
#include "kern_runtime.h"

#include <inttypes.h>
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

/* The sink and its user data change together, so they sit behind one mutex; the
 * lock is taken once per line, which is cheap next to the write itself. */
static pthread_mutex_t sinkLock = PTHREAD_MUTEX_INITIALIZER;
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
        fwrite(bytes, 1, length, stdout);
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

void kern_rt_flush_stdout(void) { fflush(stdout); }
