import Foundation
import KernBasics
import Testing

@testable import KernIR
@testable import KernInterpreter

func evalMath(_ op: MathFunction, _ args: [Scalar]) throws -> Scalar? {
    let k = args[0].kind.irName
    let params = args.indices.map { "%\($0) a\($0): \(k)" }.joined(separator: ", ")
    let operands = args.indices.map { "%\($0)" }.joined(separator: ", ")
    let isPredicate = op == .isNaN || op == .isInfinite || op == .isFinite
    let r = isPredicate ? "bool" : k
    let text = """
        module "t"
        func @f(\(params)) -> \(r) {
          %\(args.count) = math.\(op.irName) \(operands) : \(r)
          return %\(args.count)
        }
        """
    return try run(text, "f", args.map { .scalar($0) }).0?.scalar
}

/// The C library (or Swift) result of a unary math function in both precisions.
func reference(_ op: MathFunction, _ x: Double) -> (Double, Float) {
    let f = Float(x)
    switch op {
    case .sqrt: return (x.squareRoot(), f.squareRoot())
    case .cbrt: return (cbrt(x), cbrtf(f))
    case .exp: return (exp(x), expf(f))
    case .exp2: return (exp2(x), exp2f(f))
    case .expm1: return (expm1(x), expm1f(f))
    case .log: return (log(x), logf(f))
    case .log2: return (log2(x), log2f(f))
    case .log10: return (log10(x), log10f(f))
    case .log1p: return (log1p(x), log1pf(f))
    case .sin: return (sin(x), sinf(f))
    case .cos: return (cos(x), cosf(f))
    case .tan: return (tan(x), tanf(f))
    case .asin: return (asin(x), asinf(f))
    case .acos: return (acos(x), acosf(f))
    case .atan: return (atan(x), atanf(f))
    case .sinh: return (sinh(x), sinhf(f))
    case .cosh: return (cosh(x), coshf(f))
    case .tanh: return (tanh(x), tanhf(f))
    case .erf: return (erf(x), erff(f))
    case .erfc: return (erfc(x), erfcf(f))
    case .floor: return (Foundation.floor(x), floorf(f))
    case .ceil: return (Foundation.ceil(x), ceilf(f))
    case .trunc: return (Foundation.trunc(x), truncf(f))
    case .abs: return (Swift.abs(x), Swift.abs(f))
    case .round: return (Foundation.round(x), roundf(f))
    case .atan2, .pow, .hypot, .fma, .copysign, .min, .max, .isNaN, .isInfinite, .isFinite,
        .sinpi, .cospi:
        return (.nan, .nan)
    }
}

/// Every unary math function on f64 and f32, against the C library in that precision.
@Test(arguments: [
    (MathFunction.sqrt, 2.0), (.cbrt, 27.5), (.exp, 1.3), (.exp2, 0.7), (.expm1, 1e-4),
    (.log, 3.7), (.log2, 3.7), (.log10, 3.7), (.log1p, 1e-4), (.sin, 0.9), (.cos, 0.9),
    (.tan, 0.9), (.asin, 0.3), (.acos, 0.3), (.atan, 0.3), (.sinh, 0.9), (.cosh, 0.9),
    (.tanh, 0.9), (.erf, 0.4), (.erfc, 0.4), (.floor, -2.5), (.ceil, -2.5), (.trunc, -2.7),
    (.abs, -2.7), (.round, -2.5),
])
func unaryMathMatchesLibm(op: MathFunction, x: Double) throws {
    let (f64, f32) = reference(op, x)
    #expect(try evalMath(op, [.double(x)]) == .double(f64))
    #expect(try evalMath(op, [.float(Float(x))]) == .float(f32))
}

@Test func f32MathUsesFloatPrecision() throws {
    // expf(1.3f) is not expf rounded through exp(): the interpreter must call expf.
    let x: Float = 1.3
    #expect(try evalMath(.exp, [.float(x)]) == .float(expf(x)))
    #expect(try evalMath(.sin, [.float(100)]) == .float(sinf(100)))
    #expect(try evalMath(.pow, [.float(1.1), .float(7.3)]) == .float(powf(1.1, 7.3)))
}

@Test func binaryAndTernaryMath() throws {
    #expect(try evalMath(.atan2, [.double(1), .double(-2)]) == .double(atan2(1, -2)))
    #expect(try evalMath(.pow, [.double(2), .double(0.5)]) == .double(pow(2, 0.5)))
    #expect(try evalMath(.hypot, [.double(3), .double(4)]) == .double(5))
    #expect(try evalMath(.copysign, [.double(3), .double(-0.0)]) == .double(-3))
    // A NaN sign source counts as positive, whatever its sign bit (0/0 is -nan on x86).
    let negativeNaN = -Double.nan
    #expect(negativeNaN.sign == .minus)
    #expect(try evalMath(.copysign, [.double(-3), .double(negativeNaN)]) == .double(3))
    #expect(try evalMath(.copysign, [.float(-3), .float(-Float.nan)]) == .float(3))
    #expect(
        try evalMath(.fma, [.double(0.1), .double(10), .double(-1)]) == .double(fma(0.1, 10, -1)))
    #expect(fma(0.1, 10, -1) != 0.1 * 10 - 1)  // so the test above sees one rounding
    #expect(try evalMath(.fma, [.float(0.1), .float(10), .float(-1)]) == .float(fmaf(0.1, 10, -1)))
}

@Test func roundIsHalfAwayFromZero() throws {
    #expect(try evalMath(.round, [.double(2.5)]) == .double(3))
    #expect(try evalMath(.round, [.double(-2.5)]) == .double(-3))
    #expect(try evalMath(.round, [.float(0.5)]) == .float(1))
    #expect(try evalMath(.round, [.double(1.49999)]) == .double(1))
}

@Test func minMaxFollowSwift() throws {
    #expect(try evalMath(.min, [.double(1), .double(2)]) == .double(1))
    #expect(try evalMath(.max, [.float(1), .float(2)]) == .float(2))
    #expect(try evalMath(.min, [.double(.nan), .double(1)])?.double.isNaN == true)
    #expect(try evalMath(.min, [.double(1), .double(.nan)]) == .double(1))
    #expect(try evalMath(.max, [.double(.nan), .double(1)])?.double.isNaN == true)
    #expect(try evalMath(.max, [.double(1), .double(.nan)]) == .double(1))
    #expect(try evalMath(.min, [.int(-3), .int(2)]) == .int(-3))
    #expect(try evalMath(.max, [.uint(200, .uint8), .uint(3, .uint8)]) == .uint(200, .uint8))
    #expect(try evalMath(.abs, [.int(-7, .int32)]) == .int(7, .int32))
    #expect(try evalMath(.abs, [.int(.min)]) == .int(.min))
}

@Test func floatPredicates() throws {
    #expect(try evalMath(.isNaN, [.double(.nan)]) == .bool(true))
    #expect(try evalMath(.isNaN, [.float(1)]) == .bool(false))
    #expect(try evalMath(.isInfinite, [.double(-.infinity)]) == .bool(true))
    #expect(try evalMath(.isFinite, [.float(.infinity)]) == .bool(false))
    #expect(try evalMath(.isFinite, [.double(1)]) == .bool(true))
}
