import Foundation
import KernIR

/// The built-in math functions (LANGUAGE.md §8) for the interpreter: `MathOpcode` and
/// scalar arguments in, the result out. f32 calls the C library's `…f` functions (or
/// Swift's `Float` methods, which are the same correctly rounded operations), f64 the
/// double versions, so the interpreter matches compiled code that calls libm.
/// `round` is half away from zero (Swift's `.rounded()`); `min`/`max` are Swift's
/// `Swift.min`/`Swift.max` (with a NaN: `min(x, y)` returns `x` unless `y < x`).

func math(_ op: MathOpcode, _ args: [Scalar]) -> Scalar {
    guard let first = args.first else { return .int(0) }
    func arg(_ k: Int) -> Scalar { k < args.count ? args[k] : first }
    switch first.kind {
    case .f32: return floatMath(op, first.float, arg(1).float, arg(2).float)
    case .f64: return doubleMath(op, first.double, arg(1).double, arg(2).double)
    case .bool, .i8, .i16, .i32, .i64, .u8, .u16, .u32, .u64:
        return integerMath(op, first, arg(1))
    }
}

func floatMath(_ op: MathOpcode, _ a: Float, _ b: Float, _ c: Float) -> Scalar {
    switch op {
    case .sqrt: return .float(a.squareRoot())
    case .cbrt: return .float(cbrtf(a))
    case .exp: return .float(expf(a))
    case .exp2: return .float(exp2f(a))
    case .expm1: return .float(expm1f(a))
    case .log: return .float(logf(a))
    case .log2: return .float(log2f(a))
    case .log10: return .float(log10f(a))
    case .log1p: return .float(log1pf(a))
    case .sin: return .float(sinf(a))
    case .cos: return .float(cosf(a))
    case .tan: return .float(tanf(a))
    case .asin: return .float(asinf(a))
    case .acos: return .float(acosf(a))
    case .atan: return .float(atanf(a))
    case .atan2: return .float(atan2f(a, b))
    case .sinh: return .float(sinhf(a))
    case .cosh: return .float(coshf(a))
    case .tanh: return .float(tanhf(a))
    case .pow: return .float(powf(a, b))
    case .hypot: return .float(hypotf(a, b))
    case .erf: return .float(erff(a))
    case .erfc: return .float(erfcf(a))
    case .floor: return .float(a.rounded(.down))
    case .ceil: return .float(a.rounded(.up))
    case .round: return .float(a.rounded())
    case .trunc: return .float(a.rounded(.towardZero))
    case .fma: return .float(c.addingProduct(a, b))  // a * b + c, one rounding
    case .copysign: return .float(copysignf(a, b))
    case .abs: return .float(Swift.abs(a))
    case .min: return .float(Swift.min(a, b))
    case .max: return .float(Swift.max(a, b))
    case .isNaN: return .bool(a.isNaN)
    case .isInfinite: return .bool(a.isInfinite)
    case .isFinite: return .bool(a.isFinite)
    }
}

func doubleMath(_ op: MathOpcode, _ a: Double, _ b: Double, _ c: Double) -> Scalar {
    switch op {
    case .sqrt: return .double(a.squareRoot())
    case .cbrt: return .double(Foundation.cbrt(a))
    case .exp: return .double(Foundation.exp(a))
    case .exp2: return .double(Foundation.exp2(a))
    case .expm1: return .double(Foundation.expm1(a))
    case .log: return .double(Foundation.log(a))
    case .log2: return .double(Foundation.log2(a))
    case .log10: return .double(Foundation.log10(a))
    case .log1p: return .double(Foundation.log1p(a))
    case .sin: return .double(Foundation.sin(a))
    case .cos: return .double(Foundation.cos(a))
    case .tan: return .double(Foundation.tan(a))
    case .asin: return .double(Foundation.asin(a))
    case .acos: return .double(Foundation.acos(a))
    case .atan: return .double(Foundation.atan(a))
    case .atan2: return .double(Foundation.atan2(a, b))
    case .sinh: return .double(Foundation.sinh(a))
    case .cosh: return .double(Foundation.cosh(a))
    case .tanh: return .double(Foundation.tanh(a))
    case .pow: return .double(Foundation.pow(a, b))
    case .hypot: return .double(Foundation.hypot(a, b))
    case .erf: return .double(Foundation.erf(a))
    case .erfc: return .double(Foundation.erfc(a))
    case .floor: return .double(a.rounded(.down))
    case .ceil: return .double(a.rounded(.up))
    case .round: return .double(a.rounded())
    case .trunc: return .double(a.rounded(.towardZero))
    case .fma: return .double(c.addingProduct(a, b))
    case .copysign: return .double(Foundation.copysign(a, b))
    case .abs: return .double(Swift.abs(a))
    case .min: return .double(Swift.min(a, b))
    case .max: return .double(Swift.max(a, b))
    case .isNaN: return .bool(a.isNaN)
    case .isInfinite: return .bool(a.isInfinite)
    case .isFinite: return .bool(a.isFinite)
    }
}

/// Integer `abs min max` (abs wraps: `abs(T.min) == T.min`, as the compiled code does).
/// The floating-only functions are not defined on integers; they return their argument.
func integerMath(_ op: MathOpcode, _ a: Scalar, _ b: Scalar) -> Scalar {
    let signed = a.kind.isSigned
    switch op {
    case .abs:
        return signed && a.int64 < 0 ? Scalar(kind: a.kind, bits: 0 &- a.bits) : a
    case .min:
        return (signed ? b.int64 < a.int64 : b.bits < a.bits) ? b : a
    case .max:
        return (signed ? b.int64 > a.int64 : b.bits > a.bits) ? b : a
    case .isNaN, .isInfinite: return .bool(false)
    case .isFinite: return .bool(true)
    case .sqrt, .cbrt, .exp, .exp2, .expm1, .log, .log2, .log10, .log1p, .sin, .cos, .tan,
        .asin, .acos, .atan, .atan2, .sinh, .cosh, .tanh, .pow, .hypot, .erf, .erfc, .floor,
        .ceil, .round, .trunc, .fma, .copysign:
        return a
    }
}
