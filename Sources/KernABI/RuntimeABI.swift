/// The runtime ABI, written once: how generated code, the C runtime (KernRuntime's
/// kern_runtime.h and kern_parallel.h) and the host meet.
///
/// In: nothing (constant tables). Out: the layouts of `KernErrorRecord` and
/// `KernCallContext`, the `KernStatus` codes, and the signature of every runtime
/// function generated code calls. Codegen builds its LLVM struct and function types,
/// field indices and status constants from these tables; the JIT's symbol table lists
/// exactly `RuntimeFunction.allCases`; the host decodes statuses with `RuntimeStatus`.
/// The C header stays the implementation's declaration: `RuntimeABITests` checks these
/// tables against it (offsets and sizes through the imported C structs, signatures by
/// reading the header). The entry ABI (how parameters are passed) is in EntryABI.swift.
///
/// Changing the ABI: see "Runtime ABI change" in docs/architecture.md.

/// A C type as the ABI passes or stores it. Signedness is not part of the ABI (LLVM
/// integers have none), so `uint64_t` is `.int64`.
public indirect enum ABIType: Hashable, Sendable {
    case void
    case int8, int32, int64
    case float, double
    /// Any data or function pointer.
    case pointer
    /// A C struct with natural alignment and no packing.
    case structure([ABIType])

    /// Size in bytes (C `sizeof`; 0 for void) on the 64-bit targets Kern supports.
    public var size: Int {
        switch self {
        case .void: 0
        case .int8: 1
        case .int32, .float: 4
        case .int64, .double, .pointer: 8
        case .structure(let fields):
            Self.roundUp(fields.reduce(0) { Self.roundUp($0, $1.alignment) + $1.size }, alignment)
        }
    }

    /// Alignment in bytes (C `_Alignof`).
    public var alignment: Int {
        switch self {
        case .void: 1
        case .structure(let fields): fields.map(\.alignment).max() ?? 1
        case .int8, .int32, .int64, .float, .double, .pointer: size
        }
    }

    /// Byte offset of field `index` of a structure (C `offsetof`).
    public func offset(ofField index: Int) -> Int {
        guard case .structure(let fields) = self else {
            preconditionFailure("ABIType.offset(ofField:) on \(self)")
        }
        var offset = 0
        for (k, field) in fields.enumerated() {
            offset = Self.roundUp(offset, field.alignment)
            if k == index { return offset }
            offset += field.size
        }
        preconditionFailure("ABIType.offset(ofField:): no field \(index) in \(self)")
    }

    private static func roundUp(_ n: Int, _ alignment: Int) -> Int {
        (n + alignment - 1) / alignment * alignment
    }
}

/// `KernStatus` (kern_runtime.h): what an entry point returns and `error.kind` holds.
public enum RuntimeStatus: Int32, CaseIterable, Sendable {
    case ok = 0
    /// Index out of bounds: value0 = index, value1 = bound, value2 = axis.
    case bounds = 1
    /// Integer division or remainder by zero.
    case division = 2
    /// Failed precondition: message.
    case precondition = 3
    /// `stride(by: 0)`.
    case stride = 4
    /// A local array could not be allocated: value0 = bytes.
    case allocation = 5
    /// Negative size for a local array: value0 = count.
    case size = 6
    /// An MPI built-in failed: message (the runtime's own text).
    case mpi = 7
    /// Stack overflow at a call inside a call-graph cycle: recursion too deep.
    case stackOverflow = 8
}

/// Fields of `KernErrorRecord`, in declaration order (the raw value is the field index).
public enum ErrorRecordField: Int, CaseIterable, Sendable {
    /// `origin`: 0, or k when the position is in the module of the caller's k-th extern
    /// function (1-based; set by the caller when that call fails).
    case kind, line, column, origin, value0, value1, value2, message

    public var type: ABIType {
        switch self {
        case .kind, .line, .column, .origin: .int32
        case .value0, .value1, .value2: .int64
        case .message: .pointer
        }
    }
}

/// Fields of `KernCallContext`, in declaration order (the raw value is the field index).
public enum CallContextField: Int, CaseIterable, Sendable {
    case error, seed, threads, flags, rngIteration, rngOrdinal, rngRegions, parallelDepth
    case reserved
    /// `stack_limit`: recursive calls fail when the frame address is below it (0: never).
    case stackLimit

    public var type: ABIType {
        switch self {
        case .error: RuntimeABI.errorRecord
        case .seed, .rngIteration, .rngOrdinal, .rngRegions, .stackLimit: .int64
        case .threads, .flags, .parallelDepth, .reserved: .int32
        }
    }
}

/// A C function type.
public struct ABIFunctionType: Hashable, Sendable {
    public var result: ABIType
    public var parameters: [ABIType]
    public init(_ result: ABIType, _ parameters: [ABIType]) {
        self.result = result
        self.parameters = parameters
    }
}

/// The functions of KernRuntime that generated code calls. Every case is declared in
/// kern_runtime.h or kern_parallel.h under `symbol`, with `result` and `parameters`.
public enum RuntimeFunction: CaseIterable, Sendable {
    case fail, alloc, free, parallelFor
    /// `kern_parallel_for_ranges`: a `prange` body that does not use its block index (no
    /// reductions), whose iterations the runtime may split anywhere.
    case parallelForRanges
    case printText, printI64, printU64, printF64, printF32, printBool, printEnd
    /// A `String(format:)` conversion: (spec, kind, bits).
    case printFormatted
    /// `clock()`.
    case clockNanoseconds
    /// The MPI built-ins (kern_mpi.c; LANGUAGE.md §12).
    case mpiQuery, mpiAllreduceI64, mpiAllreduceF64, mpiArray, mpiReduceI64, mpiReduceF64

    /// The C name.
    public var symbol: String {
        switch self {
        case .fail: "kern_rt_fail"
        case .alloc: "kern_rt_alloc"
        case .free: "kern_rt_free"
        case .parallelFor: "kern_parallel_for"
        case .parallelForRanges: "kern_parallel_for_ranges"
        case .printText: "kern_rt_print_text"
        case .printI64: "kern_rt_print_i64"
        case .printU64: "kern_rt_print_u64"
        case .printF64: "kern_rt_print_f64"
        case .printF32: "kern_rt_print_f32"
        case .printBool: "kern_rt_print_bool"
        case .printEnd: "kern_rt_print_end"
        case .printFormatted: "kern_rt_print_formatted"
        case .clockNanoseconds: "kern_rt_clock_ns"
        case .mpiQuery: "kern_rt_mpi_query"
        case .mpiAllreduceI64: "kern_rt_mpi_allreduce_i64"
        case .mpiAllreduceF64: "kern_rt_mpi_allreduce_f64"
        case .mpiArray: "kern_rt_mpi_array"
        case .mpiReduceI64: "kern_rt_mpi_reduce_i64"
        case .mpiReduceF64: "kern_rt_mpi_reduce_f64"
        }
    }

    /// The C function type.
    public var type: ABIFunctionType { ABIFunctionType(result, parameters) }

    public var result: ABIType {
        switch self {
        case .alloc: .pointer
        case .parallelFor, .parallelForRanges: .int32
        case .clockNanoseconds: .int64
        case .mpiQuery, .mpiAllreduceI64, .mpiReduceI64: .int64
        case .mpiAllreduceF64, .mpiReduceF64: .double
        case .mpiArray: .void
        case .fail, .free, .printText, .printI64, .printU64, .printF64, .printF32, .printBool,
            .printEnd, .printFormatted:
            .void
        }
    }

    public var parameters: [ABIType] {
        switch self {
        // (ctx, kind, line, column, value0, value1, value2, message)
        case .fail: [.pointer, .int32, .int32, .int32, .int64, .int64, .int64, .pointer]
        case .alloc: [.int64]
        case .free, .printText: [.pointer]
        // (ctx, body, context, begin, end, blockSize or grain)
        case .parallelFor, .parallelForRanges:
            [.pointer, .pointer, .pointer, .int64, .int64, .int64]
        case .printI64, .printU64: [.int64]
        case .printF64: [.double]
        case .printF32: [.float]
        case .printBool: [.int32]
        case .printFormatted: [.pointer, .int32, .int64]
        case .printEnd, .clockNanoseconds: []
        // (ctx, what, line, column)
        case .mpiQuery: [.pointer, .int32, .int32, .int32]
        // (ctx, value, op, line, column)
        case .mpiAllreduceI64: [.pointer, .int64, .int32, .int32, .int32]
        case .mpiAllreduceF64: [.pointer, .double, .int32, .int32, .int32]
        // (ctx, operation, element, data, n0, n1, s0, s1, peer, line, column)
        case .mpiArray:
            [
                .pointer, .int32, .int32, .pointer, .int64, .int64, .int64, .int64, .int64, .int32,
                .int32,
            ]
        // (ctx, data, n, stride, op, line, column)
        case .mpiReduceI64, .mpiReduceF64:
            [.pointer, .pointer, .int64, .int64, .int32, .int32, .int32]
        }
    }
}

/// The structs of the ABI.
public enum RuntimeABI {
    /// `KernErrorRecord`.
    public static let errorRecord = ABIType.structure(ErrorRecordField.allCases.map(\.type))
    /// `KernCallContext`.
    public static let callContext = ABIType.structure(CallContextField.allCases.map(\.type))

    /// Byte offset of a field of `KernCallContext`.
    public static func offset(of field: CallContextField) -> Int {
        callContext.offset(ofField: field.rawValue)
    }

    /// `KernBlockBody` (kern_parallel.h), the outlined prange body `kern_parallel_for`
    /// calls: (context, blockCtx, lo, hi, block) -> status.
    public static let blockBody = ABIFunctionType(
        .int32, [.pointer, .pointer, .int64, .int64, .int64])

    /// Byte offset of `error.kind`, the status generated code tests after calls.
    public static var statusOffset: Int {
        offset(of: .error) + errorRecord.offset(ofField: ErrorRecordField.kind.rawValue)
    }

    /// `KERN_RNG_REGION_SHIFT`: the region number sits above this bit of `rng_ordinal`.
    public static let rngRegionShift = 40
}
