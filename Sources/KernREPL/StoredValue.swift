/// Persistent REPL variables, held on the host between inputs.
///
/// In: a Kern scalar type and a shape. Out: a type-erased box around a `Tensor<T>` that
/// generated wrapper functions receive as an array argument. Scalars are stored as
/// one-element tensors too, so every variable crosses the call boundary the same way
/// (the wrapper copies `__v_n[0]` into a local `n` and back), and `inout` scalars need
/// no special call path.
import Kern

/// A variable's value storage, whatever its element type.
protocol StoredValue: AnyObject {
    var elementType: KernScalarType { get }
    var shape: [Int] { get }
    /// The storage as a call argument (writable: binds to `inout` array parameters).
    var argument: any KernArgument { get }
    /// Element `i` (row-major) as a `KernValue`.
    func element(_ i: Int) -> KernValue
    /// The first element as a by-value scalar argument.
    var scalarArgument: any KernArgument { get }
    /// Sets every element from a `KernValue` of the same type.
    func fill(with value: KernValue)
}

final class TensorStorage<T: KernScalar>: StoredValue {
    let tensor: Tensor<T>
    init(shape: [Int], repeating value: T) throws {
        tensor = try Tensor(shape: shape, repeating: value)
    }

    var elementType: KernScalarType { T.kernScalarType }
    var shape: [Int] { tensor.shape }
    var argument: any KernArgument { tensor }
    var scalarArgument: any KernArgument { tensor[0] }
    func element(_ i: Int) -> KernValue { KernValue.wrap(tensor[i]) }
    func fill(with value: KernValue) {
        guard let v = value.unwrap(as: T.self) else { return }
        tensor.withUnsafeMutableBufferPointer { $0.update(repeating: v) }
    }
}

/// Makes storage of the element type named at run time (zero-filled).
/// - Throws: `KernError.invalidArgument` for a shape `Tensor` refuses.
func makeStorage(_ type: KernScalarType, shape: [Int]) throws -> any StoredValue {
    switch type {
    case .bool: try TensorStorage<Bool>(shape: shape, repeating: false)
    case .int8: try TensorStorage<Int8>(shape: shape, repeating: 0)
    case .int16: try TensorStorage<Int16>(shape: shape, repeating: 0)
    case .int32: try TensorStorage<Int32>(shape: shape, repeating: 0)
    case .int64: try TensorStorage<Int>(shape: shape, repeating: 0)
    case .uint8: try TensorStorage<UInt8>(shape: shape, repeating: 0)
    case .uint16: try TensorStorage<UInt16>(shape: shape, repeating: 0)
    case .uint32: try TensorStorage<UInt32>(shape: shape, repeating: 0)
    case .uint64: try TensorStorage<UInt>(shape: shape, repeating: 0)
    case .float: try TensorStorage<Float>(shape: shape, repeating: 0)
    case .double: try TensorStorage<Double>(shape: shape, repeating: 0)
    }
}

extension KernValue {
    static func wrap<T: KernScalar>(_ v: T) -> KernValue {
        switch v {
        case let v as Bool: .bool(v)
        case let v as Int8: .int8(v)
        case let v as Int16: .int16(v)
        case let v as Int32: .int32(v)
        case let v as Int: .int64(Int64(v))
        case let v as Int64: .int64(v)
        case let v as UInt8: .uint8(v)
        case let v as UInt16: .uint16(v)
        case let v as UInt32: .uint32(v)
        case let v as UInt: .uint64(UInt64(v))
        case let v as UInt64: .uint64(v)
        case let v as Float: .float(v)
        case let v as Double: .double(v)
        default: .void
        }
    }

    func unwrap<T: KernScalar>(as: T.Type) -> T? {
        switch self {
        case .bool(let v): v as? T
        case .int8(let v): v as? T
        case .int16(let v): v as? T
        case .int32(let v): v as? T
        case .int64(let v): (v as? T) ?? (Int(v) as? T)
        case .uint8(let v): v as? T
        case .uint16(let v): v as? T
        case .uint32(let v): v as? T
        case .uint64(let v): (v as? T) ?? (UInt(v) as? T)
        case .float(let v): v as? T
        case .double(let v): v as? T
        case .void, .tuple, .array: nil
        }
    }
}

/// One persistent variable: `let`/`var`, scalar or array.
struct Variable {
    var name: String
    var isMutable: Bool
    /// 0 for a scalar, 1...3 for an array.
    var rank: Int
    var storage: any StoredValue

    var elementType: KernScalarType { storage.elementType }
    /// The Kern spelling of its type: `Double`, `[Float]`, `[[Int]]`.
    var typeName: String {
        String(repeating: "[", count: rank) + elementType.description
            + String(repeating: "]", count: rank)
    }
}
