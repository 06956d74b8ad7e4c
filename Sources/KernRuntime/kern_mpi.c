/*
 * Kern runtime: the MPI built-ins (LANGUAGE.md §12) on Open MPI, loaded at run time.
 * In: calls from generated code (kern_rt_mpi_*, declared in kern_runtime.h) and the
 * host (kern_mpi.h). Out: values combined over the job's ranks, arrays moved between
 * ranks, ctx->error (KERN_ERR_MPI with a message) on misuse.
 *
 * MPI itself is opened by kern_mpi_loader.c on the first built-in (under a launcher);
 * without a launcher the process is rank 0 of 1.
 *
 * Every transfer is in bytes (MPI_BYTE) and every combination is done here, in rank
 * order, never by MPI's reduction operators: results are the same on every rank and,
 * for kern_rt_mpi_reduce_*, for every rank count.
 */
#define _GNU_SOURCE
#include "kern_mpi.h"
#include "kern_mpi_internal.h"
#include "kern_runtime.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define mpi kern_mpi_fn

/* ---- errors ------------------------------------------------------------------------ */

/* The message of the last failure on this thread: the host decodes it right after the
 * call returns, on the same thread (MPI built-ins never run on prange workers). */
static _Thread_local char failMessage[512];

static void failf(KernCallContext *ctx, int32_t line, int32_t column, const char *format, ...) {
    va_list args;
    va_start(args, format);
    vsnprintf(failMessage, sizeof failMessage, format, args);
    va_end(args);
    kern_rt_fail(ctx, KERN_ERR_MPI, line, column, 0, 0, 0, failMessage);
}

/* Common entry: refuses prange bodies, loads MPI. 1 when the caller may go on. */
static int begin(KernCallContext *ctx, int32_t line, int32_t column) {
    if (ctx->parallel_depth > 0) {
        failf(ctx, line, column, "MPI built-ins cannot run inside a prange loop");
        return 0;
    }
    if (kern_mpi_state() == KERN_MPI_FAILED) {
        failf(ctx, line, column, "%s", kern_mpi_load_error());
        return 0;
    }
    return 1;
}

static int isMPI(void) { return kern_mpi_state() == KERN_MPI_LOADED; }
static int rankCount(void) { return kern_mpi_world_size(); }
static int myRank(void) { return kern_mpi_world_rank(); }

/* MPI counts are int: refuse larger transfers instead of truncating them. */
static int fitsInt(KernCallContext *ctx, int32_t line, int32_t column, int64_t bytes) {
    if (bytes >= 0 && bytes <= INT_MAX) return 1;
    failf(ctx, line, column, "an MPI transfer of %lld bytes is too large (at most %d)",
          (long long)bytes, INT_MAX);
    return 0;
}

/* ---- combining --------------------------------------------------------------------- */

typedef uint64_t Word; /* an Int or a Double, as its bits */

static double asDouble(Word w) { double d; memcpy(&d, &w, 8); return d; }
static Word ofDouble(double d) { Word w; memcpy(&w, &d, 8); return w; }

/* Swift's min/max: min(x, y) = y < x ? y : x; max(x, y) = y >= x ? y : x. */
static Word combine(Word x, Word y, int32_t op, int floating) {
    if (floating) {
        double a = asDouble(x), b = asDouble(y);
        switch (op) {
        case KERN_MPI_MIN: return ofDouble(b < a ? b : a);
        case KERN_MPI_MAX: return ofDouble(b >= a ? b : a);
        default: return ofDouble(a + b);
        }
    }
    int64_t a = (int64_t)x, b = (int64_t)y;
    switch (op) {
    case KERN_MPI_MIN: return (Word)(b < a ? b : a);
    case KERN_MPI_MAX: return (Word)(b >= a ? b : a);
    default: return x + y; /* wraps, as Kern's integer + */
    }
}

static Word identity(int32_t op, int floating) {
    if (floating) {
        return ofDouble(op == KERN_MPI_MIN ? INFINITY : op == KERN_MPI_MAX ? -INFINITY : 0.0);
    }
    return (Word)(op == KERN_MPI_MIN ? INT64_MAX : op == KERN_MPI_MAX ? INT64_MIN : 0);
}

static int validOp(KernCallContext *ctx, int32_t op, int32_t line, int32_t column) {
    if (op == KERN_MPI_SUM || op == KERN_MPI_MIN || op == KERN_MPI_MAX) return 1;
    failf(ctx, line, column, "unknown MPI reduction %d", op);
    return 0;
}

/* Every rank's `bytes` bytes, in rank order, into `out` (rankCount() * bytes). */
static int gather(KernCallContext *ctx, int32_t line, int32_t column, const void *mine,
                  int64_t bytes, void *out) {
    if (!fitsInt(ctx, line, column, bytes) || !fitsInt(ctx, line, column, bytes * rankCount()))
        return 0;
    if (!isMPI()) {
        memcpy(out, mine, (size_t)bytes);
        return 1;
    }
    if (mpi.Allgather(mine, (int)bytes, mpi.byte, out, (int)bytes, mpi.byte, mpi.world) != 0) {
        failf(ctx, line, column, "MPI_Allgather failed");
        return 0;
    }
    return 1;
}

static Word allreduceWord(KernCallContext *ctx, Word value, int32_t op, int floating,
                          int32_t line, int32_t column) {
    if (!begin(ctx, line, column) || !validOp(ctx, op, line, column)) return 0;
    int n = rankCount();
    Word *all = malloc(sizeof(Word) * (size_t)n);
    if (all == NULL) {
        failf(ctx, line, column, "out of memory");
        return 0;
    }
    Word result = 0;
    if (gather(ctx, line, column, &value, 8, all)) {
        result = all[0];
        for (int r = 1; r < n; r++) result = combine(result, all[r], op, floating);
    }
    free(all);
    return result;
}

int64_t kern_rt_mpi_allreduce_i64(KernCallContext *ctx, int64_t value, int32_t op,
                                  int32_t line, int32_t column) {
    return (int64_t)allreduceWord(ctx, (Word)value, op, 0, line, column);
}

double kern_rt_mpi_allreduce_f64(KernCallContext *ctx, double value, int32_t op,
                                 int32_t line, int32_t column) {
    return asDouble(allreduceWord(ctx, ofDouble(value), op, 1, line, column));
}

int64_t kern_rt_mpi_query(KernCallContext *ctx, int32_t what, int32_t line, int32_t column) {
    if (!begin(ctx, line, column)) return 0;
    switch (what) {
    case KERN_MPI_RANK: return myRank();
    case KERN_MPI_SIZE: return rankCount();
    case KERN_MPI_BARRIER:
        if (isMPI() && mpi.Barrier(mpi.world) != 0) {
            failf(ctx, line, column, "MPI_Barrier failed");
        }
        return 0;
    default: failf(ctx, line, column, "unknown MPI query %d", what); return 0;
    }
}

/* ---- rank-count-independent reduction of a distributed array ------------------------ */

/* The part of global block k held by a rank whose elements are [off, off + n), in a
 * global array of `total` elements: [lo, hi). Whole when it is the block's full extent. */
typedef struct { int64_t lo, hi; int whole; } Piece;

static Piece pieceOf(int64_t k, int64_t off, int64_t n, int64_t total) {
    int64_t blockLo = k * KERN_MPI_BLOCK;
    int64_t blockHi = blockLo + KERN_MPI_BLOCK < total ? blockLo + KERN_MPI_BLOCK : total;
    Piece p = {blockLo > off ? blockLo : off, blockHi < off + n ? blockHi : off + n, 0};
    p.whole = p.lo == blockLo && p.hi == blockHi;
    return p;
}

/* Words a rank sends: one per whole block it holds, every element of a split block. */
static int64_t packetLength(int64_t off, int64_t n, int64_t total) {
    if (n == 0) return 0;
    int64_t length = 0;
    for (int64_t k = off / KERN_MPI_BLOCK; k * KERN_MPI_BLOCK < off + n; k++) {
        Piece p = pieceOf(k, off, n, total);
        length += p.whole ? 1 : p.hi - p.lo;
    }
    return length;
}

/* Folds `count` words into the running value of block k (a new block starts from its
 * first word), and finished blocks into the total, in block order. */
typedef struct {
    int64_t block;     /* the open block, -1 before the first */
    Word value, total;
    int haveTotal;
    int32_t op;
    int floating;
} Fold;

static void foldInto(Fold *f, int64_t k, const Word *words, int64_t count) {
    if (count == 0) return;
    int64_t i = 0;
    if (k != f->block) {
        if (f->block >= 0) {
            f->total = f->haveTotal ? combine(f->total, f->value, f->op, f->floating) : f->value;
            f->haveTotal = 1;
        }
        f->block = k;
        f->value = words[0];
        i = 1;
    }
    for (; i < count; i++) f->value = combine(f->value, words[i], f->op, f->floating);
}

static Word reduceArray(KernCallContext *ctx, const Word *data, int64_t n, int64_t stride,
                        int32_t op, int floating, int32_t line, int32_t column) {
    if (!begin(ctx, line, column) || !validOp(ctx, op, line, column)) return 0;
    int ranks = rankCount();
    Word result = identity(op, floating);
    int64_t *counts = malloc(sizeof(int64_t) * (size_t)ranks);
    int *packetWords = malloc(sizeof(int) * (size_t)ranks);
    int *displs = malloc(sizeof(int) * (size_t)ranks);
    Word *mine = NULL, *all = NULL;
    if (counts == NULL || packetWords == NULL || displs == NULL) goto oom;
    if (!gather(ctx, line, column, &n, 8, counts)) goto done;
    int64_t total = 0, off = 0, allWords = 0;
    for (int r = 0; r < ranks; r++) total += counts[r];
    for (int r = 0; r < myRank(); r++) off += counts[r];
    int64_t o = 0;
    for (int r = 0; r < ranks; r++) {
        int64_t words = packetLength(o, counts[r], total);
        if (!fitsInt(ctx, line, column, (allWords + words) * 8)) goto done;
        packetWords[r] = (int)words;
        displs[r] = (int)allWords;
        allWords += words;
        o += counts[r];
    }
    /* This rank's packet: block partials and split-block elements, in global order. */
    mine = malloc(sizeof(Word) * (size_t)(packetWords[myRank()] + 1));
    all = malloc(sizeof(Word) * (size_t)(allWords + 1));
    if (mine == NULL || all == NULL) goto oom;
    int64_t w = 0;
    for (int64_t k = off / KERN_MPI_BLOCK; n > 0 && k * KERN_MPI_BLOCK < off + n; k++) {
        Piece p = pieceOf(k, off, n, total);
        if (p.whole) {
            Word v = data[(p.lo - off) * stride];
            for (int64_t i = p.lo + 1; i < p.hi; i++)
                v = combine(v, data[(i - off) * stride], op, floating);
            mine[w++] = v;
        } else {
            for (int64_t i = p.lo; i < p.hi; i++) mine[w++] = data[(i - off) * stride];
        }
    }
    if (isMPI() && ranks > 1) {
        int *byteCounts = packetWords, *byteDispls = displs;
        for (int r = 0; r < ranks; r++) {
            byteCounts[r] *= 8;
            byteDispls[r] *= 8;
        }
        int rc = mpi.Allgatherv(mine, byteCounts[myRank()], mpi.byte, all, byteCounts,
                                byteDispls, mpi.byte, mpi.world);
        for (int r = 0; r < ranks; r++) {
            byteCounts[r] /= 8;
            byteDispls[r] /= 8;
        }
        if (rc != 0) {
            failf(ctx, line, column, "MPI_Allgatherv failed");
            goto done;
        }
    } else {
        memcpy(all, mine, sizeof(Word) * (size_t)w);
    }
    /* Every rank folds the same words in the same order. */
    Fold fold = {-1, 0, 0, 0, op, floating};
    o = 0;
    for (int r = 0; r < ranks; r++) {
        const Word *packet = all + displs[r];
        int64_t at = 0;
        for (int64_t k = o / KERN_MPI_BLOCK; counts[r] > 0 && k * KERN_MPI_BLOCK < o + counts[r];
             k++) {
            Piece p = pieceOf(k, o, counts[r], total);
            int64_t words = p.whole ? 1 : p.hi - p.lo;
            foldInto(&fold, k, packet + at, words);
            at += words;
        }
        o += counts[r];
    }
    if (fold.block >= 0) {
        result = fold.haveTotal ? combine(fold.total, fold.value, op, floating) : fold.value;
    }
    goto done;
oom:
    failf(ctx, line, column, "out of memory");
done:
    free(counts);
    free(packetWords);
    free(displs);
    free(mine);
    free(all);
    return result;
}

int64_t kern_rt_mpi_reduce_i64(KernCallContext *ctx, const int64_t *data, int64_t n,
                               int64_t stride, int32_t op, int32_t line, int32_t column) {
    return (int64_t)reduceArray(ctx, (const Word *)data, n, stride, op, 0, line, column);
}

double kern_rt_mpi_reduce_f64(KernCallContext *ctx, const double *data, int64_t n,
                              int64_t stride, int32_t op, int32_t line, int32_t column) {
    return asDouble(reduceArray(ctx, (const Word *)data, n, stride, op, 1, line, column));
}

/* ---- arrays: element-wise allreduce, broadcast, send/receive, halo exchange --------- */

typedef struct {
    unsigned char *data;
    int64_t n0, n1, s0, s1; /* in elements */
    size_t size;            /* element bytes */
} View;

/* Rows [r0, r1) into / out of a contiguous buffer. */
static void pack(View v, int64_t r0, int64_t r1, unsigned char *out) {
    for (int64_t i = r0; i < r1; i++)
        for (int64_t j = 0; j < v.n1; j++) {
            memcpy(out, v.data + (size_t)(i * v.s0 + j * v.s1) * v.size, v.size);
            out += v.size;
        }
}

static void unpack(View v, int64_t r0, int64_t r1, const unsigned char *in) {
    for (int64_t i = r0; i < r1; i++)
        for (int64_t j = 0; j < v.n1; j++) {
            memcpy(v.data + (size_t)(i * v.s0 + j * v.s1) * v.size, in, v.size);
            in += v.size;
        }
}

static int validPeer(KernCallContext *ctx, int32_t line, int32_t column, int64_t peer,
                     const char *what) {
    if (peer >= 0 && peer < rankCount()) return 1;
    failf(ctx, line, column, "%s rank %lld, but the job has %d rank%s (0..<%d)", what,
          (long long)peer, rankCount(), rankCount() == 1 ? "" : "s", rankCount());
    return 0;
}

/* Every rank's int64 `value`; fails on every rank alike unless all are equal. */
static int sameOnAllRanks(KernCallContext *ctx, int32_t line, int32_t column, int64_t value,
                          const char *what) {
    int ranks = rankCount();
    int64_t *all = malloc(sizeof(int64_t) * (size_t)ranks);
    if (all == NULL) {
        failf(ctx, line, column, "out of memory");
        return 0;
    }
    int ok = gather(ctx, line, column, &value, 8, all);
    for (int r = 0; ok && r < ranks; r++) {
        if (all[r] != value) {
            failf(ctx, line, column, "%s: rank %d has %lld elements, rank %d has %lld", what,
                  myRank(), (long long)value, r, (long long)all[r]);
            ok = 0;
        }
    }
    free(all);
    return ok;
}

static void elementwise(KernCallContext *ctx, View v, int element, int64_t op, int32_t line,
                        int32_t column) {
    if (element != 8 && element != (8 | KERN_MPI_FLOATING)) {
        failf(ctx, line, column, "allreduce of arrays needs Int or Double elements");
        return;
    }
    if (!validOp(ctx, (int32_t)op, line, column)) return;
    int64_t count = v.n0 * v.n1;
    if (!sameOnAllRanks(ctx, line, column, count, "allreduce needs arrays of one length"))
        return;
    int ranks = rankCount();
    Word *mine = malloc(sizeof(Word) * (size_t)(count + 1));
    Word *all = malloc(sizeof(Word) * (size_t)(count * ranks + 1));
    if (mine == NULL || all == NULL) {
        failf(ctx, line, column, "out of memory");
    } else {
        pack(v, 0, v.n0, (unsigned char *)mine);
        if (gather(ctx, line, column, mine, count * 8, all)) {
            int floating = (element & KERN_MPI_FLOATING) != 0;
            for (int64_t i = 0; i < count; i++) {
                Word x = all[i];
                for (int r = 1; r < ranks; r++) x = combine(x, all[r * count + i], (int32_t)op, floating);
                mine[i] = x;
            }
            unpack(v, 0, v.n0, (const unsigned char *)mine);
        }
    }
    free(mine);
    free(all);
}

static void broadcast(KernCallContext *ctx, View v, int64_t root, int32_t line, int32_t column) {
    if (!validPeer(ctx, line, column, root, "broadcast from")) return;
    int64_t bytes = v.n0 * v.n1 * (int64_t)v.size;
    if (!sameOnAllRanks(ctx, line, column, v.n0 * v.n1, "broadcast needs arrays of one length"))
        return;
    if (!isMPI() || rankCount() == 1) return;
    if (!fitsInt(ctx, line, column, bytes)) return;
    unsigned char *buffer = malloc((size_t)bytes + 1);
    if (buffer == NULL) {
        failf(ctx, line, column, "out of memory");
        return;
    }
    if (myRank() == root) pack(v, 0, v.n0, buffer);
    if (mpi.Bcast(buffer, (int)bytes, mpi.byte, (int)root, mpi.world) != 0) {
        failf(ctx, line, column, "MPI_Bcast failed");
    } else if (myRank() != root) {
        unpack(v, 0, v.n0, buffer);
    }
    free(buffer);
}

static void sendOrReceive(KernCallContext *ctx, View v, int64_t peer, int receiving,
                          int32_t line, int32_t column) {
    if (!validPeer(ctx, line, column, peer, receiving ? "receive from" : "send to")) return;
    if (peer == myRank()) {
        failf(ctx, line, column, "rank %d cannot %s itself", myRank(),
              receiving ? "receive from" : "send to");
        return;
    }
    int64_t bytes = v.n0 * v.n1 * (int64_t)v.size;
    if (!fitsInt(ctx, line, column, bytes)) return;
    unsigned char *buffer = malloc((size_t)bytes + 1);
    if (buffer == NULL) {
        failf(ctx, line, column, "out of memory");
        return;
    }
    if (!receiving) {
        pack(v, 0, v.n0, buffer);
        if (mpi.Send(buffer, (int)bytes, mpi.byte, (int)peer, 0, mpi.world) != 0)
            failf(ctx, line, column, "MPI_Send failed");
    } else {
        Status status;
        int incoming = -1;
        if (mpi.Probe((int)peer, 0, mpi.world, &status) != 0 ||
            mpi.Get_count(&status, mpi.byte, &incoming) != 0) {
            failf(ctx, line, column, "MPI_Probe failed");
        } else if (incoming != bytes) {
            failf(ctx, line, column,
                  "receive from rank %lld: the message has %d bytes, the array %lld",
                  (long long)peer, incoming, (long long)bytes);
        } else if (mpi.Recv(buffer, (int)bytes, mpi.byte, (int)peer, 0, mpi.world, &status) != 0) {
            failf(ctx, line, column, "MPI_Recv failed");
        } else {
            unpack(v, 0, v.n0, buffer);
        }
    }
    free(buffer);
}

/* Block distribution along dimension 0 with one ghost row (element) at each end:
 * rows 1 and n0-2 go to the previous and next rank's ghost rows n0-1 and 0. */
static void haloExchange(KernCallContext *ctx, View v, int32_t line, int32_t column) {
    if (v.n0 < 3) {
        failf(ctx, line, column,
              "haloExchange needs a ghost at each end and at least one row of its own "
              "(count >= 3), not %lld", (long long)v.n0);
        return;
    }
    if (!isMPI() || rankCount() == 1) return;
    int64_t rowBytes = v.n1 * (int64_t)v.size;
    if (!fitsInt(ctx, line, column, rowBytes)) return;
    unsigned char *out = malloc((size_t)rowBytes + 1), *in = malloc((size_t)rowBytes + 1);
    int up = myRank() > 0 ? myRank() - 1 : KERN_MPI_PROC_NULL;
    int down = myRank() + 1 < rankCount() ? myRank() + 1 : KERN_MPI_PROC_NULL;
    Status status;
    if (out == NULL || in == NULL) {
        failf(ctx, line, column, "out of memory");
        goto done;
    }
    pack(v, 1, 2, out);
    if (mpi.Sendrecv(out, (int)rowBytes, mpi.byte, up, 1, in, (int)rowBytes, mpi.byte, down, 1,
                     mpi.world, &status) != 0) {
        failf(ctx, line, column, "MPI_Sendrecv failed");
        goto done;
    }
    if (down != KERN_MPI_PROC_NULL) unpack(v, v.n0 - 1, v.n0, in);
    pack(v, v.n0 - 2, v.n0 - 1, out);
    if (mpi.Sendrecv(out, (int)rowBytes, mpi.byte, down, 2, in, (int)rowBytes, mpi.byte, up, 2,
                     mpi.world, &status) != 0) {
        failf(ctx, line, column, "MPI_Sendrecv failed");
        goto done;
    }
    if (up != KERN_MPI_PROC_NULL) unpack(v, 0, 1, in);
done:
    free(out);
    free(in);
}

void kern_rt_mpi_array(KernCallContext *ctx, int32_t operation, int32_t element, void *data,
                       int64_t n0, int64_t n1, int64_t s0, int64_t s1, int64_t peer,
                       int32_t line, int32_t column) {
    if (!begin(ctx, line, column)) return;
    View v = {data, n0, n1, s0, s1, (size_t)(element & 0xff)};
    switch (operation) {
    case KERN_MPI_ALLREDUCE: elementwise(ctx, v, element, peer, line, column); return;
    case KERN_MPI_BROADCAST: broadcast(ctx, v, peer, line, column); return;
    case KERN_MPI_SEND: sendOrReceive(ctx, v, peer, 0, line, column); return;
    case KERN_MPI_RECEIVE: sendOrReceive(ctx, v, peer, 1, line, column); return;
    case KERN_MPI_HALO: haloExchange(ctx, v, line, column); return;
    default: failf(ctx, line, column, "unknown MPI array operation %d", operation); return;
    }
}
