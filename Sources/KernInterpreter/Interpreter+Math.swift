/// The math built-ins (LANGUAGE.md §8) for the interpreter: `MathFunction` and scalar
/// arguments in, the result out. Functions backed by a C function in the built-in table
/// call that very function (the `…f` one for f32), the one compiled code calls, so the
/// interpreter matches it bit for bit; only the `InlineMath` cases are computed here.
/// `min`/`max` are Swift's `Swift.min`/`Swift.max` (with a NaN: `min(x, y)` returns `x`
/// unless `y < x`). The verifier has checked arity and operand types.
import KernBasics
import KernIR

func math(_ op: MathFunction, _ args: [Scalar]) -> Scalar {
    guard let first = args.first else {
        preconditionFailure("KernIR: math.\(op.irName) without arguments passed the verifier")
    }
    switch op.entry.implementation {
    case .function(let f, _):
        switch first.kind {
        case .float: return .float(f(args.map(\.float)))
        case .double: return .double(f(args.map(\.double)))
        case .bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64:
            preconditionFailure(
                "KernIR: math.\(op.irName) on \(first.kind.irName) passed the verifier")
        }
    case .inline(let m):
        let second = args.count > 1 ? args[1] : first
        switch first.kind {
        case .float: return floatingMath(m, first.float, second.float, Scalar.float)
        case .double: return floatingMath(m, first.double, second.double, Scalar.double)
        case .bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64:
            return integerMath(m, first, second)
        }
    }
}

/// The in-line cases on Float or Double (`wrap` makes the Scalar of a result).
func floatingMath<F: BinaryFloatingPoint>(
    _ m: InlineMath, _ a: F, _ b: F, _ wrap: (F) -> Scalar
) -> Scalar {
    switch m {
    case .abs: return wrap(Swift.abs(a))
    case .min: return wrap(Swift.min(a, b))
    case .max: return wrap(Swift.max(a, b))
    case .isNaN: return .bool(a.isNaN)
    case .isInfinite: return .bool(a.isInfinite)
    case .isFinite: return .bool(a.isFinite)
    case .copysign: return wrap(b.isNaN ? Swift.abs(a) : F(signOf: b, magnitudeOf: a))
    }
}

/// Integer `abs min max` (abs wraps: `abs(T.min) == T.min`, as the compiled code does).
/// The classification properties are floating-only (the verifier rejects them here).
func integerMath(_ m: InlineMath, _ a: Scalar, _ b: Scalar) -> Scalar {
    let signed = a.kind.isSigned
    switch m {
    case .abs:
        return signed && a.int64 < 0 ? Scalar(kind: a.kind, bits: 0 &- a.bits) : a
    case .min:
        return (signed ? b.int64 < a.int64 : b.bits < a.bits) ? b : a
    case .max:
        return (signed ? b.int64 > a.int64 : b.bits > a.bits) ? b : a
    case .isNaN, .isInfinite, .isFinite, .copysign:
        preconditionFailure("KernIR: floating math on \(a.kind.irName) passed the verifier")
    }
}
