import KernBasics
import KernIR

/// The values the reference interpreter computes with, and its runtime error.
///
/// In: Swift values from tests or the host (`InterpreterValue.array([1.0, 2.0])`,
/// `.int(3)`). Out: results the host compares with JIT results (`doubles`, `int64`).
/// Scalars are a kind plus a canonical bit pattern; arrays are views (offset, shape,
/// strides in elements) on a shared reference-type storage, so `subview` and callee
/// writes are seen by every view of the same storage — as with the compiled code.

/// One scalar: its kind and its bits, canonical so that `==` is bitwise equality:
/// integers are truncated to their width and zero-extended, `bool` is 0 or 1, `f32` is
/// `Float.bitPattern`, `f64` is `Double.bitPattern`.
public struct Scalar: Hashable, Sendable, CustomStringConvertible {
    public var kind: ScalarType
    public var bits: UInt64

    public init(kind: ScalarType, bits: UInt64) {
        self.kind = kind
        self.bits = Scalar.canonical(bits, kind)
    }

    static func canonical(_ bits: UInt64, _ kind: ScalarType) -> UInt64 {
        switch kind {
        case .bool: return bits & 1
        case .int8, .uint8: return bits & 0xFF
        case .int16, .uint16: return bits & 0xFFFF
        case .int32, .uint32, .float: return bits & 0xFFFF_FFFF
        case .int64, .uint64, .double: return bits
        }
    }

    public static func bool(_ b: Bool) -> Scalar { Scalar(kind: .bool, bits: b ? 1 : 0) }
    public static func int(_ v: Int64, _ kind: ScalarType = .int64) -> Scalar {
        Scalar(kind: kind, bits: UInt64(bitPattern: v))
    }
    public static func uint(_ v: UInt64, _ kind: ScalarType = .uint64) -> Scalar {
        Scalar(kind: kind, bits: v)
    }
    public static func float(_ v: Float) -> Scalar {
        Scalar(kind: .float, bits: UInt64(v.bitPattern))
    }
    public static func double(_ v: Double) -> Scalar { Scalar(kind: .double, bits: v.bitPattern) }

    /// The value as a signed 64-bit integer (sign-extended for signed kinds).
    public var int64: Int64 {
        switch kind {
        case .int8: return Int64(Int8(truncatingIfNeeded: bits))
        case .int16: return Int64(Int16(truncatingIfNeeded: bits))
        case .int32: return Int64(Int32(truncatingIfNeeded: bits))
        case .bool, .int64, .uint8, .uint16, .uint32, .uint64: return Int64(bitPattern: bits)
        case .float, .double: return saturatedInt64
        }
    }
    public var uint64: UInt64 { kind.isSigned ? UInt64(bitPattern: int64) : bits }
    public var bool: Bool { bits != 0 }
    public var float: Float { Float(bitPattern: UInt32(truncatingIfNeeded: bits)) }
    public var double: Double { kind == .float ? Double(float) : Double(bitPattern: bits) }

    /// Formatted as Swift's `print` formats a value of the corresponding Swift type.
    public var description: String {
        switch kind {
        case .bool: return bool.description
        case .int8: return Int8(truncatingIfNeeded: bits).description
        case .int16: return Int16(truncatingIfNeeded: bits).description
        case .int32: return Int32(truncatingIfNeeded: bits).description
        case .int64: return Int64(bitPattern: bits).description
        case .uint8, .uint16, .uint32, .uint64: return bits.description
        case .float: return float.description
        case .double: return Double(bitPattern: bits).description
        }
    }
}

/// Element storage shared by all views of one array (bits as in `Scalar`).
public final class ArrayStorage: @unchecked Sendable {
    public let kind: ScalarType
    public var elements: [UInt64]
    public init(kind: ScalarType, elements: [UInt64]) {
        self.kind = kind
        self.elements = elements
    }
}

/// A view: `element(i, j, …) = storage[offset + i*strides[0] + j*strides[1] + …]`.
public struct ArrayView: Sendable {
    public var storage: ArrayStorage
    public var offset: Int
    public var shape: [Int]
    public var strides: [Int]

    public init(storage: ArrayStorage, offset: Int = 0, shape: [Int], strides: [Int]) {
        self.storage = storage
        self.offset = offset
        self.shape = shape
        self.strides = strides
    }

    /// A fresh, contiguous, row-major array.
    public init(kind: ScalarType, shape: [Int], fill: Scalar) {
        let count = shape.reduce(1, *)
        var strides = Array(repeating: 1, count: shape.count)
        var s = 1
        for axis in shape.indices.reversed() {
            strides[axis] = s
            s *= shape[axis]
        }
        self.init(
            storage: ArrayStorage(kind: kind, elements: Array(repeating: fill.bits, count: count)),
            shape: shape, strides: strides)
    }

    public var kind: ScalarType { storage.kind }
    public var rank: Int { shape.count }

    func address(_ indices: [Int]) -> Int {
        var a = offset
        for (k, i) in indices.enumerated() { a += i * strides[k] }
        return a
    }

    public subscript(indices: Int...) -> Scalar {
        get { Scalar(kind: kind, bits: storage.elements[address(indices)]) }
        nonmutating set { storage.elements[address(indices)] = newValue.bits }
    }

    /// All elements in row-major order.
    public var scalars: [Scalar] {
        var out: [Scalar] = []
        func walk(_ axis: Int, _ base: Int) {
            if axis == shape.count {
                out.append(Scalar(kind: kind, bits: storage.elements[base]))
                return
            }
            for i in 0..<shape[axis] { walk(axis + 1, base + i * strides[axis]) }
        }
        walk(0, offset)
        return out
    }
    /// A new contiguous row-major array with the same shape and elements.
    public func denseCopy() -> ArrayView {
        var copy = ArrayView(kind: kind, shape: shape, fill: Scalar(kind: kind, bits: 0))
        copy.storage.elements = scalars.map(\.bits)
        return copy
    }

    public var doubles: [Double] { scalars.map(\.double) }
    public var floats: [Float] { scalars.map(\.float) }
    public var int64s: [Int64] { scalars.map(\.int64) }
}

/// The storage of a slot, shared with callees for `inout` scalar parameters.
public final class InterpreterCell: @unchecked Sendable {
    public var value: InterpreterValue
    public init(_ value: InterpreterValue) { self.value = value }
}

public enum InterpreterValue: Sendable {
    case scalar(Scalar)
    case array(ArrayView)
    case tuple([Scalar])
    /// An `inout` scalar argument: the callee reads and writes the cell.
    case cell(InterpreterCell)

    public static func int(_ v: Int64) -> InterpreterValue { .scalar(.int(v)) }
    public static func double(_ v: Double) -> InterpreterValue { .scalar(.double(v)) }
    public static func float(_ v: Float) -> InterpreterValue { .scalar(.float(v)) }
    public static func bool(_ v: Bool) -> InterpreterValue { .scalar(.bool(v)) }

    /// A Swift value as an interpreter scalar (`.scalar(Int32(3))`).
    public static func scalar<T: InterpreterScalar>(_ v: T) -> InterpreterValue {
        .scalar(v.interpreterScalar)
    }

    /// A fresh array of Swift values: rank 1 by default, or row-major with `shape`.
    public static func array<T: InterpreterScalar>(_ xs: [T], shape: [Int]? = nil)
        -> InterpreterValue
    {
        array(xs.map(\.interpreterScalar), kind: T.interpreterKind, shape: shape ?? [xs.count])
    }
    /// A row-major array of `kind` with the given shape; `scalars` in row-major order.
    public static func array(_ scalars: [Scalar], kind: ScalarType, shape: [Int])
        -> InterpreterValue
    {
        var view = ArrayView(kind: kind, shape: shape, fill: Scalar(kind: kind, bits: 0))
        for (k, s) in scalars.enumerated() where k < view.storage.elements.count {
            view.storage.elements[k] = Scalar(kind: kind, bits: s.bits).bits
        }
        view.offset = 0
        return .array(view)
    }

    public var scalar: Scalar? {
        if case .scalar(let s) = self { return s }
        return nil
    }
    public var arrayView: ArrayView? {
        if case .array(let a) = self { return a }
        return nil
    }
    /// The elements of an array value (row-major) or the scalar, as Swift values.
    public func values<T: InterpreterScalar>(as _: T.Type = T.self) -> [T] {
        switch self {
        case .scalar(let s): return [T(interpreterScalar: s)]
        case .array(let a): return a.scalars.map { T(interpreterScalar: $0) }
        case .tuple(let xs): return xs.map { T(interpreterScalar: $0) }
        case .cell(let c): return c.value.values(as: T.self)
        }
    }

    /// As `print` would print it: `42`, `2.5`, `(42, 0.5)`, `[1.0, 2.0]`.
    public var formatted: String {
        switch self {
        case .scalar(let s): return s.description
        case .tuple(let xs): return "(" + xs.map(\.description).joined(separator: ", ") + ")"
        case .array(let a):
            // Nested by rank, as Swift prints `[[1, 2], [3, 4]]` (and Kern's host API).
            func walk(_ axis: Int, _ base: Int) -> String {
                let parts = (0..<a.shape[axis]).map { i -> String in
                    let at = base + i * a.strides[axis]
                    return axis == a.rank - 1
                        ? Scalar(kind: a.kind, bits: a.storage.elements[at]).description
                        : walk(axis + 1, at)
                }
                return "[" + parts.joined(separator: ", ") + "]"
            }
            return walk(0, a.offset)
        case .cell(let c): return c.value.formatted
        }
    }
}

/// A runtime error of a call: a failed check (or a malformed call from the host).
public struct IRRuntimeError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case bounds, divisionByZero, precondition, stride, allocation
        /// An MPI built-in failed (the interpreter is rank 0 of 1).
        case mpi
        /// Wrong argument count or types passed to `Interpreter.call`.
        case badArgument
        /// Calls nested deeper than `Interpreter.maxCallDepth` (runaway recursion): the
        /// JIT's `stack overflow: recursion too deep`, at the call.
        case stackOverflow
    }
    public var kind: Kind
    public var pos: SourcePos
    public var message: String
    /// Out-of-bounds errors: the index and the length of the dimension.
    public var index: Int64?
    public var bound: Int64?

    public init(
        kind: Kind, pos: SourcePos, message: String, index: Int64? = nil, bound: Int64? = nil
    ) {
        self.kind = kind
        self.pos = pos
        self.message = message
        self.index = index
        self.bound = bound
    }

    public var description: String { "\(pos): \(message)" }
}

/// Swift scalar types the interpreter can take and give back: `Bool`, `Int8`…`Int`,
/// `UInt8`…`UInt`, `Float`, `Double` (`Int`/`UInt` are i64/u64, as in Kern).
public protocol InterpreterScalar {
    static var interpreterKind: ScalarType { get }
    var interpreterScalar: Scalar { get }
    /// Reads the scalar's bits as this type (converting with `convert` semantics when
    /// the kinds differ).
    init(interpreterScalar: Scalar)
}

extension InterpreterScalar where Self: FixedWidthInteger {
    public var interpreterScalar: Scalar {
        Scalar(kind: Self.interpreterKind, bits: UInt64(truncatingIfNeeded: self))
    }
    public init(interpreterScalar s: Scalar) {
        self.init(truncatingIfNeeded: convert(s, to: Self.interpreterKind).bits)
    }
}

extension Int8: InterpreterScalar { public static var interpreterKind: ScalarType { .int8 } }
extension Int16: InterpreterScalar { public static var interpreterKind: ScalarType { .int16 } }
extension Int32: InterpreterScalar { public static var interpreterKind: ScalarType { .int32 } }
extension Int64: InterpreterScalar { public static var interpreterKind: ScalarType { .int64 } }
extension Int: InterpreterScalar { public static var interpreterKind: ScalarType { .int64 } }
extension UInt8: InterpreterScalar { public static var interpreterKind: ScalarType { .uint8 } }
extension UInt16: InterpreterScalar { public static var interpreterKind: ScalarType { .uint16 } }
extension UInt32: InterpreterScalar { public static var interpreterKind: ScalarType { .uint32 } }
extension UInt64: InterpreterScalar { public static var interpreterKind: ScalarType { .uint64 } }
extension UInt: InterpreterScalar { public static var interpreterKind: ScalarType { .uint64 } }

extension Bool: InterpreterScalar {
    public static var interpreterKind: ScalarType { .bool }
    public var interpreterScalar: Scalar { .bool(self) }
    public init(interpreterScalar s: Scalar) { self = convert(s, to: .bool).bool }
}

extension Float: InterpreterScalar {
    public static var interpreterKind: ScalarType { .float }
    public var interpreterScalar: Scalar { .float(self) }
    public init(interpreterScalar s: Scalar) { self = convert(s, to: .float).float }
}

extension Double: InterpreterScalar {
    public static var interpreterKind: ScalarType { .double }
    public var interpreterScalar: Scalar { .double(self) }
    public init(interpreterScalar s: Scalar) { self = convert(s, to: .double).double }
}
