/// The libffi call interface of one Kern entry point, prepared once per function.
///
/// In: a `KernSignature`. Out: an `ffi_cif` for
/// `int32_t kern_entry_<name>(KernCallContext *ctx, <params…>, void *result)` with the
/// C arguments KernABI's `EntryABI` lists, and that list, which the caller fills.
/// Immutable after `init`, so one instance is shared by every thread calling the
/// function (`ffi_call` only reads the cif).
import CFFI
import KernABI
import KernFFI

final class CallInterface: @unchecked Sendable {
    /// The prepared cif; owned, never mutated after init.
    let cif: UnsafeMutablePointer<ffi_cif>
    /// The argument type array the cif points into; must outlive it.
    private let argumentTypes: UnsafeMutablePointer<UnsafeMutablePointer<ffi_type>?>
    /// Number of C arguments: ctx + every parameter's slots + result.
    let argumentCount: Int
    /// The C arguments in order (EntryABI): what `invoke` puts in each slot.
    let arguments: UnsafeMutableBufferPointer<EntryArgument<KernScalarType>>
    /// Number of 8-byte result slots (0 for Void).
    let resultSlots: Int
    /// The parameters in a form checked without touching Strings or arrays, so the
    /// happy path of a call does no reference counting (the signature, with names,
    /// is consulted only to word an error).
    let plan: UnsafeMutableBufferPointer<ParameterPlan>
    /// Types of the result slots; `resultIsTuple` tells `(T)`-tuples from scalars.
    let resultTypes: UnsafeMutableBufferPointer<KernScalarType>
    let resultIsTuple: Bool
    /// An array result's element type and rank: slots hold the data pointer (the caller
    /// now owns it) and the extents (EntryABI). Nil for other results.
    let resultArray: (element: KernScalarType, rank: Int)?

    init(_ signature: KernSignature) throws {
        let parameters = try signature.entryParameters()
        // The one walk of the entry ABI (KernABI's EntryABI): libffi types and slot
        // filling both follow this list.
        let abi = EntryABI.entryArguments(parameters)
        let types: [UnsafeMutablePointer<ffi_type>] = abi.map { argument in
            switch argument {
            case .value(_, let s): s.ffiType
            case .context, .address, .data, .result: kern_ffi_type_pointer()
            case .extent, .stride: kern_ffi_type_sint64()
            }
        }
        arguments = .allocate(capacity: abi.count)
        _ = arguments.initialize(from: abi)
        switch signature.returnType {
        case .void: resultSlots = 0
        case .scalar: resultSlots = 1
        case .tuple(let xs): resultSlots = xs.count
        case .array(_, let rank): resultSlots = 1 + rank
        }
        argumentCount = types.count
        plan = .allocate(capacity: signature.parameters.count)
        for (i, p) in signature.parameters.enumerated() {
            switch p.type {
            case .scalar(let s):
                plan.initializeElement(
                    at: i, to: ParameterPlan(type: s, rank: 0, isInout: p.isInout))
            case .array(let s, let rank):
                plan.initializeElement(
                    at: i, to: ParameterPlan(type: s, rank: rank, isInout: p.isInout))
            case .tuple, .void:
                preconditionFailure("rejected above")
            }
        }
        switch signature.returnType {
        case .scalar(let s):
            resultTypes = .allocate(capacity: 1)
            resultTypes.initializeElement(at: 0, to: s)
            resultIsTuple = false
        case .tuple(let xs):
            resultTypes = .allocate(capacity: xs.count)
            _ = resultTypes.initialize(from: xs)
            resultIsTuple = true
        case .void, .array:
            resultTypes = .allocate(capacity: 0)
            resultIsTuple = false
        }
        if case .array(let s, let rank) = signature.returnType {
            resultArray = (s, rank)
        } else {
            resultArray = nil
        }
        argumentTypes = .allocate(capacity: types.count)
        for (i, t) in types.enumerated() { (argumentTypes + i).initialize(to: t) }
        cif = .allocate(capacity: 1)
        let status = ffi_prep_cif(
            cif, FFI_DEFAULT_ABI, UInt32(types.count), kern_ffi_type_sint32(), argumentTypes)
        guard status == FFI_OK else {
            arguments.deallocate()
            argumentTypes.deallocate()
            cif.deallocate()
            plan.deallocate()
            resultTypes.deallocate()
            throw KernError.backend(
                message:
                    "libffi could not prepare a call to '\(signature.name)' (status \(status.rawValue))"
            )
        }
    }

    deinit {
        arguments.deallocate()
        argumentTypes.deallocate()
        cif.deallocate()
        plan.deallocate()
        resultTypes.deallocate()
    }
}

/// One parameter as the call path checks it: element or scalar type, rank (0 for a
/// scalar) and inout-ness. Trivial, so reading it costs no reference counting.
struct ParameterPlan {
    var type: KernScalarType
    var rank: Int
    var isInout: Bool

    /// Whether the lowered argument fits, exactly as `KernFunction.check` words it
    /// when it does not.
    @inline(__always)
    func accepts(_ argument: _KernLoweredArgument) -> Bool {
        guard argument.type == type else { return false }
        switch argument.form {
        case .scalar: return rank == 0 && !isInout
        case .inoutScalar: return rank == 0
        case .array(_, let shape): return shape.rank == rank && (!isInout || argument.isWritable)
        }
    }
}

extension KernSignature {
    /// The parameters as the entry ABI sees them (the libffi path and the AOT header).
    /// - Throws: `KernError.backend` for a parameter type that cannot be passed.
    func entryParameters() throws -> [EntryParameter<KernScalarType>] {
        try parameters.map { parameter in
            switch parameter.type {
            case .scalar(let s): return .scalar(s, isInout: parameter.isInout)
            case .array(let s, let rank): return .array(s, rank: rank)
            case .tuple, .void:
                throw KernError.backend(
                    message:
                        "parameter '\(parameter.name)' of '\(name)' has type \(parameter.type), which cannot be passed"
                )
            }
        }
    }
}
