/* The raw CPUID/XGETBV values LLVM's host detection reads (see CLLVM.h), without LLVM. */
#include "CLLVM.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>

static size_t put(uint32_t *out, size_t capacity, size_t n, uint32_t value) {
    if (n < capacity) out[n] = value;
    return n + 1;
}

/* Leaf `leaf`, subleaf `sub`: all four registers (they are the same on every core). */
static size_t put_leaf(uint32_t *out, size_t capacity, size_t n, unsigned leaf, unsigned sub) {
    unsigned a = 0, b = 0, c = 0, d = 0;
    __cpuid_count(leaf, sub, a, b, c, d);
    n = put(out, capacity, n, leaf);
    n = put(out, capacity, n, sub);
    n = put(out, capacity, n, a);
    n = put(out, capacity, n, b);
    n = put(out, capacity, n, c);
    return put(out, capacity, n, d);
}

size_t kern_host_cpuid_words(uint32_t *out, size_t capacity) {
    unsigned max = 0, b = 0, c = 0, d = 0;
    __cpuid(0, max, b, c, d);
    size_t n = 0;
    n = put(out, capacity, n, max);
    n = put(out, capacity, n, b); /* vendor */
    n = put(out, capacity, n, c);
    n = put(out, capacity, n, d);
    if (max < 1) return n;
    unsigned a1 = 0, b1 = 0, c1 = 0, d1 = 0;
    __cpuid(1, a1, b1, c1, d1);
    /* Leaf 1's EBX holds this core's APIC id (it differs between cores): left out. LLVM
     * reads EAX (family, model) and the feature bits of ECX and EDX. */
    n = put(out, capacity, n, a1);
    n = put(out, capacity, n, c1);
    n = put(out, capacity, n, d1);
    if ((c1 >> 27) & 1) { /* OSXSAVE: XCR0, the state the OS saves (AVX, AVX-512, AMX) */
        unsigned lo = 0, hi = 0;
        __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
        n = put(out, capacity, n, lo);
        n = put(out, capacity, n, hi);
    }
    /* The structured-feature leaves LLVM 19-22 read (7, 0x14, 0x19, 0x1e, 0x24, 0x29), each
     * with the subleaves it reads. Leaf 0xd subleaf 1: only EAX (EBX is a size that
     * depends on the enabled state). */
    static const unsigned leaves[][2] = {{7, 0},    {7, 1},    {7, 2},    {0x14, 0},
                                         {0x19, 0}, {0x1e, 0}, {0x1e, 1}, {0x24, 0},
                                         {0x24, 1}, {0x29, 0}};
    for (size_t k = 0; k < sizeof leaves / sizeof leaves[0]; k++) {
        if (leaves[k][0] <= max) n = put_leaf(out, capacity, n, leaves[k][0], leaves[k][1]);
    }
    if (max >= 0xd) {
        unsigned a = 0, bb = 0, cc = 0, dd = 0;
        __cpuid_count(0xd, 1, a, bb, cc, dd);
        n = put(out, capacity, n, a);
    }
    unsigned ext = 0;
    __cpuid(0x80000000, ext, b, c, d);
    n = put(out, capacity, n, ext);
    if (ext >= 0x80000001) n = put_leaf(out, capacity, n, 0x80000001, 0);
    if (ext >= 0x80000008) n = put_leaf(out, capacity, n, 0x80000008, 0);
    return n;
}
#else
size_t kern_host_cpuid_words(uint32_t *out, size_t capacity) {
    (void)out;
    (void)capacity;
    return 0;
}
#endif
