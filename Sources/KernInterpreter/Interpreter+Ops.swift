import Foundation
import KernBasics
import KernIR

/// The interpreter's straight-line operations: one instruction in, its value (or a
/// side effect on slots, arrays or the output) out, or an `IRRuntimeError` from a check.
/// Integer arithmetic is done in each kind's Swift type (`Int8`, `UInt32`, …) and f32
/// arithmetic in `Float`, so wrapping, rounding and math-library precision are exactly
/// what those Swift types give.
extension Interpreter {
    func evaluate(_ instr: Instr, _ frame: Frame) throws(IRRuntimeError) -> InterpreterValue? {
        let resultType =
            instr.result.map {
                $0.index < frame.types.count ? frame.types[$0.index] : .void
            } ?? .void
        var resultKind: ScalarType {
            resultType.verifiedScalar("KernIR interpreter: result of \(instr.op)")
        }
        switch instr.op {
        case .constant(let c):
            switch c {
            case .bool(let b): return .scalar(Scalar(kind: resultKind, bits: b ? 1 : 0))
            case .integer(let bits): return .scalar(Scalar(kind: resultKind, bits: bits))
            case .floating(let d):
                return .scalar(
                    resultKind == .float
                        ? .float(Float(d))
                        : resultKind == .double ? .double(d) : convert(.double(d), to: resultKind))
            }
        case .unary(let op, let a):
            return .scalar(unary(op, scalar(a, frame)))
        case .binary(let op, let a, let b):
            return .scalar(try binary(op, scalar(a, frame), scalar(b, frame), instr.pos))
        case .compare(let p, let a, let b):
            return .scalar(.bool(compare(p, scalar(a, frame), scalar(b, frame))))
        case .convert(let a):
            return .scalar(convert(scalar(a, frame), to: resultKind))
        case .math(let op, let args):
            return .scalar(math(op, args.map { scalar($0, frame) }))
        case .select(let c, let a, let b):
            return scalar(c, frame).bool ? value(a, frame) : value(b, frame)
        case .load(let s):
            return cell(s, frame).value
        case .store(let s, let v):
            cell(s, frame).value = value(v, frame)
            return nil
        case .makeTuple(let vs):
            return .tuple(vs.map { scalar($0, frame) })
        case .extract(let t, let index):
            if case .tuple(let xs) = value(t, frame), index >= 0, index < xs.count {
                return .scalar(xs[index])
            }
            return .scalar(.int(0))
        case .dim(let a, let axis):
            let view = array(a, frame)
            return .scalar(.int(axis < view.rank ? Int64(view.shape[axis]) : 0))
        case .loadElement(let a, let indices):
            let view = array(a, frame)
            let address = try elementAddress(
                view, indices.map { scalar($0, frame).int64 }, instr.pos)
            return .scalar(Scalar(kind: view.kind, bits: view.storage.elements[address]))
        case .storeElement(let a, let indices, let v):
            let view = array(a, frame)
            let address = try elementAddress(
                view, indices.map { scalar($0, frame).int64 }, instr.pos)
            view.storage.elements[address] =
                Scalar(kind: view.kind, bits: scalar(v, frame).bits).bits
            return nil
        case .subview(let a, let index):
            var view = array(a, frame)
            let i = scalar(index, frame).int64
            _ = try elementAddress(
                ArrayView(storage: view.storage, shape: [view.shape[0]], strides: [0]), [i],
                instr.pos)
            view.offset += Int(i) * view.strides[0]
            view.shape.removeFirst()
            view.strides.removeFirst()
            return .array(view)
        case .allocArray(let kind, let dims, let fill):
            var shape: [Int] = []
            for d in dims {
                let n = scalar(d, frame).int64
                if n < 0 {
                    throw IRRuntimeError(
                        kind: .allocation, pos: instr.pos,
                        message: "array dimension \(n) is negative")
                }
                shape.append(Int(n))
            }
            let total = shape.reduce(Int64(1)) {
                $0.multipliedReportingOverflow(by: Int64($1)).partialValue
            }
            if total > 1 << 31 {
                throw IRRuntimeError(
                    kind: .allocation, pos: instr.pos,
                    message: "array of \(total) elements is too large")
            }
            return .array(
                ArrayView(
                    kind: kind, shape: shape,
                    // Unset elements are never read (IR.swift): zeros, deterministically.
                    fill: fill.map { convert(scalar($0, frame), to: kind) }
                        ?? Scalar(kind: kind, bits: 0)))
        case .checkBounds(let index, let bound, let axis):
            let i = scalar(index, frame).int64
            let n = scalar(bound, frame).int64
            if i < 0 || i >= n {
                throw IRRuntimeError(
                    kind: .bounds, pos: instr.pos,
                    message: "index \(i) is out of bounds for dimension \(axis) of length \(n)",
                    index: i, bound: n)
            }
            return nil
        case .checkDivisor(let v):
            if scalar(v, frame).bits == 0 {
                throw IRRuntimeError(
                    kind: .divisionByZero, pos: instr.pos, message: "division by zero")
            }
            return nil
        case .precondition(let c, let message):
            if !scalar(c, frame).bool {
                let text =
                    message.isEmpty ? "precondition failed" : "precondition failed: \(message)"
                throw IRRuntimeError(kind: .precondition, pos: instr.pos, message: text)
            }
            return nil
        case .checkStride(let v):
            let s = scalar(v, frame)
            if s.kind.isFloating ? s.double == 0 : s.bits == 0 {
                throw IRRuntimeError(
                    kind: .stride, pos: instr.pos, message: "stride step must not be zero")
            }
            return nil
        case .print(let pieces):
            var line = ""
            for piece in pieces {
                switch piece {
                case .text(let t): line += t
                case .value(let v): line += value(v, frame).formatted
                case .formatted(let c, let v): line += scalar(v, frame).formatted(with: c)
                }
            }
            output(line)
            return nil
        case .clock:
            // The same clock as the runtime's kern_rt_clock_ns (values differ per run).
            var t = timespec()
            guard clock_gettime(CLOCK_MONOTONIC, &t) == 0 else { return .int(0) }
            return .int(Int64(t.tv_sec) &* 1_000_000_000 &+ Int64(t.tv_nsec))
        case .call, .ifElse, .forLoop, .whileLoop, .repeatLoop, .breakLoop, .continueLoop,
            .returnValue, .parallelFor, .random, .rngIteration, .atomicAdd, .mpi, .callC:
            return nil  // handled by `execute`
        }
    }

    /// The storage index of an element. Verified IR has a `check.bounds` before every
    /// access that needs one; this guard only keeps unchecked out-of-range accesses
    /// (undefined behaviour in compiled code) from crashing the host.
    func elementAddress(_ view: ArrayView, _ indices: [Int64], _ pos: SourcePos)
        throws(IRRuntimeError) -> Int
    {
        var address = view.offset
        for (axis, i) in indices.enumerated() where axis < view.rank {
            let n = Int64(view.shape[axis])
            if i < 0 || i >= n {
                throw IRRuntimeError(
                    kind: .bounds, pos: pos,
                    message: "index \(i) is out of bounds for dimension \(axis) of length \(n)",
                    index: i, bound: n)
            }
            address += Int(i) * view.strides[axis]
        }
        return address
    }
}

// MARK: - Scalar semantics

func scalarFromInteger<T: FixedWidthInteger>(_ v: T, _ kind: ScalarType) -> Scalar {
    Scalar(kind: kind, bits: UInt64(truncatingIfNeeded: v))
}

func unary(_ op: UnaryOpcode, _ a: Scalar) -> Scalar {
    switch op {
    case .neg:
        switch a.kind {
        case .float: return .float(-a.float)
        case .double: return .double(-a.double)
        case .bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64:
            return Scalar(kind: a.kind, bits: 0 &- a.bits)
        }
    case .not: return Scalar(kind: a.kind, bits: a.bits == 0 ? 1 : 0)
    case .bitNot: return Scalar(kind: a.kind, bits: ~a.bits)
    }
}

func integerBinary<T: FixedWidthInteger>(_ op: BinaryOpcode, _ a: T, _ b: T, _ pos: SourcePos)
    throws(IRRuntimeError) -> T
{
    switch op {
    case .add: return a &+ b
    case .sub: return a &- b
    case .mul: return a &* b
    case .div, .rem:
        if b == 0 {
            throw IRRuntimeError(kind: .divisionByZero, pos: pos, message: "division by zero")
        }
        let (q, overflow) = a.dividedReportingOverflow(by: b)
        // Only T.min / -1 overflows: T.min / -1 == T.min and T.min % -1 == 0.
        if op == .div { return q }
        return overflow ? 0 : a.remainderReportingOverflow(dividingBy: b).partialValue
    case .and: return a & b
    case .or: return a | b
    case .xor: return a ^ b
    case .shl: return a << b  // Swift smart shift: negative amounts shift right
    case .shr: return a >> b
    }
}

func binary(_ op: BinaryOpcode, _ a: Scalar, _ b: Scalar, _ pos: SourcePos) throws(IRRuntimeError)
    -> Scalar
{
    let k = a.kind
    switch k {
    case .float: return .float(floatBinary(op, a.float, b.float))
    case .double: return .double(floatBinary(op, a.double, b.double))
    case .bool: return Scalar(kind: k, bits: try integerBinary(op, a.bits, b.bits, pos))
    case .int8: return try integerBinary(op, a, b, as: Int8.self, pos)
    case .int16: return try integerBinary(op, a, b, as: Int16.self, pos)
    case .int32: return try integerBinary(op, a, b, as: Int32.self, pos)
    case .int64: return try integerBinary(op, a, b, as: Int64.self, pos)
    case .uint8: return try integerBinary(op, a, b, as: UInt8.self, pos)
    case .uint16: return try integerBinary(op, a, b, as: UInt16.self, pos)
    case .uint32: return try integerBinary(op, a, b, as: UInt32.self, pos)
    case .uint64: return try integerBinary(op, a, b, as: UInt64.self, pos)
    }
}

/// `op` on the low bits of `a` and `b` read as `T` (two's complement), as a scalar of
/// `a`'s kind.
func integerBinary<T: FixedWidthInteger>(
    _ op: BinaryOpcode, _ a: Scalar, _ b: Scalar, as _: T.Type, _ pos: SourcePos
) throws(IRRuntimeError) -> Scalar {
    let result = try integerBinary(
        op, T(truncatingIfNeeded: a.bits), T(truncatingIfNeeded: b.bits), pos)
    return scalarFromInteger(result, a.kind)
}

func floatBinary<T: BinaryFloatingPoint>(_ op: BinaryOpcode, _ a: T, _ b: T) -> T {
    switch op {
    case .add: return a + b
    case .sub: return a - b
    case .mul: return a * b
    case .div: return a / b
    // Not produced by IRGen (`%` is integer-only); defined as C's fmod for passes.
    case .rem: return a.truncatingRemainder(dividingBy: b)
    case .and, .or, .xor, .shl, .shr: return .nan
    }
}

func compare(_ p: ComparePredicate, _ a: Scalar, _ b: Scalar) -> Bool {
    if a.kind.isFloating {
        let x = a.double
        let y = b.double  // f32 → f64 widening is exact, so compares agree
        switch p {
        case .eq: return x == y
        case .ne: return x != y  // true with NaN: the unordered predicate
        case .lt: return x < y
        case .le: return x <= y
        case .gt: return x > y
        case .ge: return x >= y
        }
    }
    if a.kind.isSigned {
        let x = a.int64
        let y = b.int64
        return ordered(p, x, y)
    }
    return ordered(p, a.bits, b.bits)
}

func ordered<T: Comparable>(_ p: ComparePredicate, _ x: T, _ y: T) -> Bool {
    switch p {
    case .eq: return x == y
    case .ne: return x != y
    case .lt: return x < y
    case .le: return x <= y
    case .gt: return x > y
    case .ge: return x >= y
    }
}

/// Float → integer: truncate toward zero, saturate at the type's bounds, NaN → 0.
func saturating<F: BinaryFloatingPoint, T: FixedWidthInteger>(_ x: F, _: T.Type) -> T {
    if x.isNaN { return 0 }
    if x <= F(T.min) { return T.min }
    if x >= F(T.max) { return T.max }  // F(T.max) rounds up to 2^n when not exact
    return T(x)
}

func floatToInteger<F: BinaryFloatingPoint>(_ x: F, _ kind: ScalarType) -> Scalar {
    switch kind {
    case .int8: return scalarFromInteger(saturating(x, Int8.self), kind)
    case .int16: return scalarFromInteger(saturating(x, Int16.self), kind)
    case .int32: return scalarFromInteger(saturating(x, Int32.self), kind)
    case .int64: return scalarFromInteger(saturating(x, Int64.self), kind)
    case .uint8: return scalarFromInteger(saturating(x, UInt8.self), kind)
    case .uint16: return scalarFromInteger(saturating(x, UInt16.self), kind)
    case .uint32: return scalarFromInteger(saturating(x, UInt32.self), kind)
    case .uint64: return scalarFromInteger(saturating(x, UInt64.self), kind)
    case .bool: return .bool(x != 0)
    case .float: return .float(Float(x))
    case .double: return .double(Double(x))
    }
}

/// `convert` (see IR.swift): int→int truncates or extends by the source's signedness;
/// int→float rounds to nearest; float→int saturates; `bool` converts as 0/1 and any
/// non-zero value converts to `true`.
func convert(_ a: Scalar, to kind: ScalarType) -> Scalar {
    switch a.kind {
    case .float: return floatToInteger(a.float, kind)
    case .double: return floatToInteger(a.double, kind)
    case .bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64:
        switch kind {
        case .bool: return .bool(a.bits != 0)
        case .float: return .float(a.kind.isSigned ? Float(a.int64) : Float(a.bits))
        case .double: return .double(a.kind.isSigned ? Double(a.int64) : Double(a.bits))
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64:
            return Scalar(kind: kind, bits: a.kind.isSigned ? UInt64(bitPattern: a.int64) : a.bits)
        }
    }
}

extension Scalar {
    /// Saturating conversion used by `int64` for floating kinds.
    var saturatedInt64: Int64 {
        kind == .float ? saturating(float, Int64.self) : saturating(double, Int64.self)
    }
}
