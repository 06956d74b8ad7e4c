/// The entry ABI, walked once: how the parameters of a Kern function become C
/// arguments of `int32_t kern_entry_<name>(KernCallContext *ctx, <params...>, void *result)`
/// (kern_runtime.h), and of the internal `kern_fn_<name>(ctx, <params...>)` that Kern
/// code calls.
///
/// In: the parameters (generic over the scalar type, so the compiler's and the host's
/// scalar enums both use it). Out: the flat list of C arguments, each saying which
/// parameter it comes from. Codegen maps the list to LLVM parameter types and binds
/// them; the host maps it to libffi types and fills the slots from it.
///
///   - by-value scalar:  its C type (Bool as uint8_t 0/1 in the entry, i1 internally)
///   - inout scalar:     a pointer to the scalar
///   - rank-r array:     T *data, int64_t shape[0..r-1], int64_t stride[0..r-1]
///                       (strides in elements, row-major; 1 + 2r arguments)
///   - result:           NULL without a result, else n consecutive 8-byte slots (n = 1
///                       for a scalar, the arity for a tuple); element k at 8*k, in its
///                       own type (Bool as uint8_t)

/// One parameter as the ABI sees it.
public enum EntryParameter<Scalar: Hashable & Sendable>: Hashable, Sendable {
    case scalar(Scalar, isInout: Bool)
    case array(Scalar, rank: Int)
}

/// One C argument.
public enum EntryArgument<Scalar: Hashable & Sendable>: Hashable, Sendable {
    /// `KernCallContext *` (always first).
    case context
    /// A by-value scalar of parameter `parameter`.
    case value(parameter: Int, Scalar)
    /// The address of an inout scalar.
    case address(parameter: Int, Scalar)
    /// An array's element pointer.
    case data(parameter: Int, Scalar)
    /// `int64_t` extent of an array along `axis`.
    case extent(parameter: Int, axis: Int)
    /// `int64_t` stride (in elements) of an array along `axis`.
    case stride(parameter: Int, axis: Int)
    /// `void *` to the result slots (entry wrappers only; always last).
    case result

    /// The C type (Bool scalars, whose type differs between conventions, as `scalar`).
    public func type(scalar: (Scalar) -> ABIType) -> ABIType {
        switch self {
        case .context, .address, .data, .result: .pointer
        case .value(_, let s): scalar(s)
        case .extent, .stride: .int64
        }
    }
}

public enum EntryABI {
    /// `<prefix>_<name>` (`kern_entry_<name>` by default; ahead-of-time output may choose
    /// the prefix), a C identifier also for a generic function's instance:
    /// `axpy<Double>` → `kern_entry_axpy__Double`, `f<Int, Float>` → `kern_entry_f__Int_Float`.
    public static func entrySymbol(_ function: String, prefix: String = "kern_entry") -> String {
        guard let open = function.firstIndex(of: "<") else { return prefix + "_" + function }
        let arguments = function[function.index(after: open)...].filter { $0 != ">" && $0 != " " }
        return prefix + "_" + function[..<open] + "__"
            + String(arguments.map { $0 == "," ? "_" : $0 })
    }

    /// What an entry point returns: a `RuntimeStatus` (`int32_t`).
    public static let statusType = ABIType.int32

    /// Size of one result slot in bytes.
    public static let resultSlotSize = 8

    /// The C arguments of parameter number `index`.
    public static func arguments<S>(of parameter: EntryParameter<S>, index: Int)
        -> [EntryArgument<S>]
    {
        switch parameter {
        case .scalar(let s, isInout: false): [.value(parameter: index, s)]
        case .scalar(let s, isInout: true): [.address(parameter: index, s)]
        case .array(let s, let rank):
            [.data(parameter: index, s)]
                + (0..<rank).map { .extent(parameter: index, axis: $0) }
                + (0..<rank).map { .stride(parameter: index, axis: $0) }
        }
    }

    /// The arguments of `kern_entry_<name>`: context, every parameter's, result pointer.
    public static func entryArguments<S>(_ parameters: [EntryParameter<S>]) -> [EntryArgument<S>] {
        internalArguments(parameters) + [.result]
    }

    /// The arguments of the internal `kern_fn_<name>`: context, every parameter's.
    public static func internalArguments<S>(_ parameters: [EntryParameter<S>])
        -> [EntryArgument<S>]
    {
        [.context] + parameters.enumerated().flatMap { arguments(of: $1, index: $0) }
    }
}
