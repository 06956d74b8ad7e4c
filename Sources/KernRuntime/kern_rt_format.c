/*
 * Kern runtime: number formatting exactly like Swift's `description`.
 * In: a Double or Float. Out: the text Swift's `description` produces for it, e.g.
 * "1.0", "0.0001", "1e-05", "1e+16", "9007199254740992.0", "0.33333334", "-0.0",
 * "inf", "-inf", "nan".
 *
 * Digits: the shortest decimal that reads back as the same value and, among those, the
 * one closest to the exact value (what Swift's SwiftDtoa computes). We find it with the
 * C library: the correctly rounded p-digit decimal (`%.*e`) for the smallest p that
 * round-trips, also trying its neighbours in the last digit, which matters next to
 * powers of two where the rounding interval is lopsided.
 * Layout (SwiftDtoa): exponential when the decimal exponent is below -4 or the magnitude
 * exceeds 2^53 (Double) / 2^24 (Float), i.e. past the range where every integer is
 * exact; otherwise plain decimal with at least one digit after the point.
 */
#include "kern_runtime.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Significant digits of a finite positive value: digits[0..count-1], value =
 * 0.d1d2... no — d1.d2d3... x 10^exponent. */
typedef struct Decimal {
    char digits[24];
    int count;
    int exponent;
} Decimal;

/* Parses the output of "%.*e" ("d.ddde±XX") into a Decimal. */
static void decimal_from_e(const char *text, Decimal *out) {
    int n = 0;
    const char *p = text;
    for (; *p != 'e'; p++) {
        if (*p >= '0' && *p <= '9') out->digits[n++] = *p;
    }
    out->count = n;
    out->exponent = atoi(p + 1);
}

/* Writes d as "d.ddde+XX" text for strtod/strtof. */
static void decimal_to_e(const Decimal *d, char *buf) {
    int k = 0;
    buf[k++] = d->digits[0];
    if (d->count > 1) {
        buf[k++] = '.';
        for (int i = 1; i < d->count; i++) buf[k++] = d->digits[i];
    }
    snprintf(buf + k, 16, "e%d", d->exponent);
}

/* Adds delta (+1 or -1) to the last digit, carrying; returns 0 if the result would
 * change the digit count (those candidates are covered by other precisions). */
static int decimal_bump(Decimal *d, int delta) {
    int i = d->count - 1;
    if (delta > 0) {
        while (i >= 0 && d->digits[i] == '9') d->digits[i--] = '0';
        if (i < 0) return 0;
        d->digits[i]++;
    } else {
        while (i >= 0 && d->digits[i] == '0') d->digits[i--] = '9';
        if (i < 0) return 0;
        if (i == 0 && d->digits[0] == '1' && d->count > 1) return 0;
        d->digits[i]--;
        if (d->digits[0] == '0') return 0;
    }
    return 1;
}

static void decimal_strip_zeros(Decimal *d) {
    while (d->count > 1 && d->digits[d->count - 1] == '0') d->count--;
}

/* Round-trip test in the value's own precision. */
static int reads_back(const Decimal *d, double value, int isFloat) {
    char buf[48];
    decimal_to_e(d, buf);
    if (isFloat) return strtof(buf, NULL) == (float)value;
    return strtod(buf, NULL) == value;
}

/* Finds a p-digit decimal that reads back as value, preferring the correctly rounded
 * one (the closest), else a neighbour in the last digit. Returns 0 if none. */
static int shortest_at(double value, int isFloat, int p, Decimal *out) {
    char buf[64];
    snprintf(buf, sizeof buf, "%.*e", p - 1, value);
    decimal_from_e(buf, out);
    if (reads_back(out, value, isFloat)) return 1;
    /* The neighbour on the far side of the value is farther than the rounded one; it
     * can still be inside the rounding interval when that interval is asymmetric. */
    for (int delta = -1; delta <= 1; delta += 2) {
        Decimal c = *out;
        if (decimal_bump(&c, delta) && reads_back(&c, value, isFloat)) {
            *out = c;
            return 1;
        }
    }
    return 0;
}

/* Shortest round-tripping digits of a finite positive value. Round-tripping is
 * monotone in p (every p-digit decimal is also a (p+1)-digit one), so bisect. */
static void shortest_digits(double value, int isFloat, Decimal *out) {
    int lo = 1, hi = isFloat ? 9 : 17;
    Decimal best;
    shortest_at(value, isFloat, hi, &best); /* always round-trips */
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        Decimal d;
        if (shortest_at(value, isFloat, mid, &d)) {
            best = d;
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    decimal_strip_zeros(&best);
    *out = best;
}

/* Swift's layout of sign + digits + exponent into buf; returns the length. */
static int layout(int negative, const Decimal *d, int exponential, char *buf) {
    int k = 0;
    if (negative) buf[k++] = '-';
    if (exponential) {
        buf[k++] = d->digits[0];
        if (d->count > 1) {
            buf[k++] = '.';
            for (int i = 1; i < d->count; i++) buf[k++] = d->digits[i];
        }
        int e = d->exponent;
        buf[k++] = 'e';
        buf[k++] = e < 0 ? '-' : '+';
        if (e < 0) e = -e;
        char tmp[8];
        int t = 0;
        do { tmp[t++] = (char)('0' + e % 10); e /= 10; } while (e > 0);
        if (t < 2) tmp[t++] = '0'; /* at least two exponent digits, as printf does */
        while (t > 0) buf[k++] = tmp[--t];
    } else if (d->exponent < 0) {
        buf[k++] = '0';
        buf[k++] = '.';
        for (int i = -1; i > d->exponent; i--) buf[k++] = '0';
        for (int i = 0; i < d->count; i++) buf[k++] = d->digits[i];
    } else {
        int intDigits = d->exponent + 1;
        for (int i = 0; i < intDigits; i++) buf[k++] = i < d->count ? d->digits[i] : '0';
        buf[k++] = '.';
        if (d->count > intDigits) {
            for (int i = intDigits; i < d->count; i++) buf[k++] = d->digits[i];
        } else {
            buf[k++] = '0';
        }
    }
    buf[k] = '\0';
    return k;
}

static int format_special(double v, char *buf) {
    if (isnan(v)) { memcpy(buf, "nan", 4); return 3; }
    if (isinf(v)) {
        if (v < 0) { memcpy(buf, "-inf", 5); return 4; }
        memcpy(buf, "inf", 4);
        return 3;
    }
    /* zero */
    if (signbit(v)) { memcpy(buf, "-0.0", 5); return 4; }
    memcpy(buf, "0.0", 4);
    return 3;
}

int kern_rt_format_f64(double v, char *buf) {
    if (isnan(v) || isinf(v) || v == 0) return format_special(v, buf);
    int negative = signbit(v) != 0;
    double a = fabs(v);
    Decimal d;
    shortest_digits(a, 0, &d);
    int exponential = d.exponent < -4 || a > 0x1.0p53;
    return layout(negative, &d, exponential, buf);
}

int kern_rt_format_f32(float v, char *buf) {
    if (isnan(v) || isinf(v) || v == 0) return format_special((double)v, buf);
    int negative = signbit(v) != 0;
    float a = fabsf(v);
    Decimal d;
    shortest_digits((double)a, 1, &d);
    int exponential = d.exponent < -4 || a > 0x1.0p24f;
    return layout(negative, &d, exponential, buf);
}
