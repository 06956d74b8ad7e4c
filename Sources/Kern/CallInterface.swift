/// The libffi call interface of one Kern entry point, prepared once per function.
///
/// In: a `KernSignature`. Out: an `ffi_cif` for
/// `int32_t kern_entry_<name>(KernCallContext *ctx, <params…>, void *result)` — scalars
/// in their C type (Bool as uint8), inout scalars as pointers, a rank-r array as
/// `T*, int64 shape[r], int64 stride[r]` — and the slot layout the caller fills.
/// Immutable after `init`, so one instance is shared by every thread calling the
/// function (`ffi_call` only reads the cif).
import CFFI

final class CallInterface: @unchecked Sendable {
    /// The prepared cif; owned, never mutated after init.
    let cif: UnsafeMutablePointer<ffi_cif>
    /// The argument type array the cif points into; must outlive it.
    private let argumentTypes: UnsafeMutablePointer<UnsafeMutablePointer<ffi_type>?>
    /// Number of C arguments: ctx + every parameter's slots + result.
    let argumentCount: Int
    /// Number of 8-byte result slots (0 for Void).
    let resultSlots: Int

    init(_ signature: KernSignature) throws {
        var types: [UnsafeMutablePointer<ffi_type>] = [kern_ffi_type_pointer()]
        for parameter in signature.parameters {
            switch parameter.type {
            case .scalar(let s):
                types.append(parameter.isInout ? kern_ffi_type_pointer() : Self.ffiType(s))
            case .array(_, let rank):
                types.append(kern_ffi_type_pointer())
                types.append(contentsOf: repeatElement(kern_ffi_type_sint64(), count: 2 * rank))
            case .tuple, .void:
                throw KernError.backend(
                    message:
                        "parameter '\(parameter.name)' of '\(signature.name)' has type \(parameter.type), which cannot be passed"
                )
            }
        }
        types.append(kern_ffi_type_pointer())
        switch signature.returnType {
        case .void: resultSlots = 0
        case .scalar: resultSlots = 1
        case .tuple(let xs): resultSlots = xs.count
        case .array:
            throw KernError.backend(
                message: "'\(signature.name)' returns an array, which Kern does not allow")
        }
        argumentCount = types.count
        argumentTypes = .allocate(capacity: types.count)
        for (i, t) in types.enumerated() { (argumentTypes + i).initialize(to: t) }
        cif = .allocate(capacity: 1)
        let status = ffi_prep_cif(
            cif, FFI_DEFAULT_ABI, UInt32(types.count), kern_ffi_type_sint32(), argumentTypes)
        guard status == FFI_OK else {
            argumentTypes.deallocate()
            cif.deallocate()
            throw KernError.backend(
                message:
                    "libffi could not prepare a call to '\(signature.name)' (status \(status.rawValue))"
            )
        }
    }

    deinit {
        argumentTypes.deallocate()
        cif.deallocate()
    }

    static func ffiType(_ s: KernScalarType) -> UnsafeMutablePointer<ffi_type> {
        switch s {
        case .bool, .uint8: kern_ffi_type_uint8()
        case .int8: kern_ffi_type_sint8()
        case .int16: kern_ffi_type_sint16()
        case .uint16: kern_ffi_type_uint16()
        case .int32: kern_ffi_type_sint32()
        case .uint32: kern_ffi_type_uint32()
        case .int64: kern_ffi_type_sint64()
        case .uint64: kern_ffi_type_uint64()
        case .float: kern_ffi_type_float()
        case .double: kern_ffi_type_double()
        }
    }
}
