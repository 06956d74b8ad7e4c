/*
 * Kern runtime: `String(format:)` conversions (LANGUAGE.md §8, "Formatted output").
 * In: one conversion spec as KernBasics.FormatConversion.spec writes it ("%-08.3f",
 * flags, width, precision, letter; no length modifier) and a value. Out: its text, by the
 * C library's printf. The interpreter and compiled code both call this routine, so the
 * two print the same characters.
 *
 * Integers arrive widened to 64 bits (kind KERN_FORMAT_SIGNED: sign-extended;
 * KERN_FORMAT_UNSIGNED: the type's bits zero-extended, which is how `%u`/`%x` print a
 * negative Int8 as 255/ff), floating values as a double (a Float widens exactly, as C's
 * variadic promotion does).
 */
#include "kern_runtime.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int kern_rt_format_scalar(char *buf, size_t capacity, const char *spec, int32_t kind,
                          uint64_t bits) {
    /* Insert "ll" before the letter for integers: "%5d" -> "%5lld". */
    char cspec[48];
    size_t n = strlen(spec);
    if (n == 0 || n + 3 > sizeof cspec) {
        if (capacity > 0) buf[0] = '\0';
        return 0;
    }
    char letter = spec[n - 1];
    memcpy(cspec, spec, n - 1);
    size_t k = n - 1;
    if (kind != KERN_FORMAT_FLOATING) {
        cspec[k++] = 'l';
        cspec[k++] = 'l';
    }
    cspec[k++] = letter;
    cspec[k] = '\0';
    switch (kind) {
    case KERN_FORMAT_SIGNED:
        return snprintf(buf, capacity, cspec, (long long)(int64_t)bits);
    case KERN_FORMAT_UNSIGNED:
        return snprintf(buf, capacity, cspec, (unsigned long long)bits);
    default: {
        double d;
        memcpy(&d, &bits, sizeof d);
        /* A NaN prints without a minus sign, as `print` shows it: the sign of a computed
         * NaN is not defined (x86 makes 0/0 negative, LLVM's constant folder positive). */
        if (isnan(d)) d = fabs(d);
        return snprintf(buf, capacity, cspec, d);
    }
    }
}

void kern_rt_print_formatted(const char *spec, int32_t kind, int64_t bits) {
    char small[256];
    int n = kern_rt_format_scalar(small, sizeof small, spec, kind, (uint64_t)bits);
    if (n < 0) return;
    if ((size_t)n < sizeof small) {
        kern_rt_print_text(small);
        return;
    }
    /* Wide fields (up to 4096 characters, or %f of a huge value): the heap. */
    char *big = malloc((size_t)n + 1);
    if (big == NULL) return;
    kern_rt_format_scalar(big, (size_t)n + 1, spec, kind, (uint64_t)bits);
    kern_rt_print_text(big);
    free(big);
}
