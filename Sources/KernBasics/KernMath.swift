#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Math functions Kern offers that the C library lacks (glibc has `sinpi` only from 2.41),
/// written once here with C calling conventions: the interpreter calls them through the
/// built-in table, compiled code calls the same addresses (the JIT maps the symbols
/// `kern_sinpi`, `kern_sinpif`, `kern_cospi`, `kern_cospif` to them), so both agree bit for
/// bit. They are not exported under those names (`@_cdecl` on a function also converted to
/// a C pointer elsewhere gives a duplicate symbol with Swift 6.3): objects from
/// `kernelc build --emit obj` that call them need their own definition.
///
/// `sinpi(x) = sin(π·x)` and `cospi(x) = cos(π·x)` as IEEE 754-2019 `sinPi`/`cosPi`:
/// exact at integers and half-integers (`sinpi(1) == 0`, `cospi(0.5) == 0`, which
/// `sin(Double.pi * x)` misses), `sinpi(±n) = ±0`, `cospi(n + ½) = +0`, NaN for ±inf.
///
/// Algorithm: n = round(2x) picks the nearest multiple of ½ and t = x − n/2 (exact,
/// |t| ≤ ¼); n mod 4 selects ±sin(πt) or ±cos(πt). πt is formed as p + e with p = π_hi·t
/// and e its rounding error (FMA) plus π_lo·t, then sin(p + e) ≈ sin(p) + e·cos(p) and
/// cos(p + e) ≈ cos(p) − e·sin(p) (short Taylor series suffice for the tiny e): within
/// libm's own sin/cos error of the exact value. Float versions evaluate the
/// Double ones (exact in Double) and round once.

/// `sin(π·x)` in Double.
public func kernSinPi(_ x: Double) -> Double {
    guard x.isFinite else { return x - x }  // NaN for ±inf, NaN stays NaN
    // From 2^52 on every Double is an integer: sin(π·n) = ±0.
    if x.magnitude >= 0x1p52 { return copysign(0, x) }
    let (t, quadrant) = reduceHalfTurns(x)
    let y: Double
    switch quadrant {
    case 0: y = sinPiReduced(t)
    case 1: y = cosPiReduced(t)
    case 2: y = -sinPiReduced(t)
    default: y = -cosPiReduced(t)
    }
    return y == 0 ? copysign(0, x) : y  // sinPi(+n) = +0, sinPi(−n) = −0
}

/// `cos(π·x)` in Double.
public func kernCosPi(_ x: Double) -> Double {
    guard x.isFinite else { return x - x }
    // From 2^53 on every Double is an even integer: cos(π·n) = 1.
    if x.magnitude >= 0x1p53 { return 1 }
    let (t, quadrant) = reduceHalfTurns(x)
    let y: Double
    switch quadrant {
    case 0: y = cosPiReduced(t)
    case 1: y = -sinPiReduced(t)
    case 2: y = -cosPiReduced(t)
    default: y = sinPiReduced(t)
    }
    return y == 0 ? 0 : y  // cosPi(n + ½) = +0
}

/// `sin(π·x)` in Float (the Double result, rounded once).
public func kernSinPiF(_ x: Float) -> Float { Float(kernSinPi(Double(x))) }

/// `cos(π·x)` in Float (the Double result, rounded once).
public func kernCosPiF(_ x: Float) -> Float { Float(kernCosPi(Double(x))) }

/// x = t + n/2 with |t| ≤ ¼ (exact for |x| < 2^53), and n mod 4.
private func reduceHalfTurns(_ x: Double) -> (t: Double, quadrant: Int) {
    let n = (2 * x).rounded()
    let t = x - 0.5 * n
    return (t, Int(Int64(n) & 3))
}

/// π = piHi + piLo to about 2^-107.
private let piHi = Double.pi
private let piLo = 1.2246467991473532e-16

/// π·t as p + e: p the rounded product, e the rest (|e| ≲ ulp(p)).
private func piTimes(_ t: Double) -> (p: Double, e: Double) {
    let p = piHi * t
    return (p, fma(piHi, t, -p) + piLo * t)
}

/// sin(π·t) for |t| ≤ ¼.
private func sinPiReduced(_ t: Double) -> Double {
    let (p, e) = piTimes(t)
    return sin(p) + e * (1 - 0.5 * p * p)  // sin(p + e) ≈ sin p + e·cos p
}

/// cos(π·t) for |t| ≤ ¼.
private func cosPiReduced(_ t: Double) -> Double {
    let (p, e) = piTimes(t)
    return cos(p) - e * (p - p * p * p / 6)  // cos(p + e) ≈ cos p − e·sin p
}
