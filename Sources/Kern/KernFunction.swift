/// `KernFunction`: one compiled Kern function, callable from Swift.
///
/// In: lowered arguments (see Arguments.swift; the `callAsFunction` overloads in
/// KernFunction+Call.swift produce them). Out: the function's result as a `KernValue`,
/// or a thrown `KernError` — `.invalidArgument` when the arguments do not fit the
/// signature (checked before anything runs: count, exact scalar and element types,
/// ranks, writability of inout arrays, overlap of inout arrays with other arrays), or
/// `.runtime` when a check in the generated code failed.
///
/// The libffi cif is prepared once (`CallInterface`) and shared; a call allocates its
/// argument slots on the stack.
import CFFI
import KernABI
import KernRuntime

/// Options of one call (carried to generated code in `KernCallContext`).
public struct CallOptions: Sendable, Hashable {
    /// Seed of the counter-based random numbers (`Double.random(in:)`, `randomNormal()`).
    public var seed: UInt64
    /// Worker threads for `prange` loops; nil = the module's default (all cores unless
    /// `CompileOptions.threads` says otherwise).
    public var threads: Int?
    /// Call options: seed 0 and the module's thread count unless given.
    public init(seed: UInt64 = 0, threads: Int? = nil) {
        self.seed = seed
        self.threads = threads
    }
}

/// An entry point's address. Code addresses are plain numbers: sharing them across
/// threads is safe as long as the owner keeps the code mapped (see `KernFunction.owner`).
struct EntryAddress: @unchecked Sendable {
    let raw: UnsafeRawPointer
}

/// Where a function's code is: at an address known when its module was made, or in a
/// function compiled on its first use (lazy compilation, LazyCompile.swift).
enum FunctionEntry: Sendable {
    case compiled(EntryAddress)
    case lazy(LazyEntry)

    /// The entry point, compiled first if needed.
    /// - Throws: `KernError` when that compile fails.
    func address() throws -> UnsafeRawPointer {
        switch self {
        case .compiled(let entry): entry.raw
        case .lazy(let entry): try entry.resolve()
        }
    }
}

/// One compiled Kern function, called like a Swift function: `try f(x, &y)`.
///
/// Get it from a module with `KernModule.function(named:)`. A call checks its arguments
/// against `signature` before anything runs and returns the result as a `KernValue`;
/// `with(seed:threads:)` gives the same function with other call options. The value is
/// `Sendable` and keeps its module's code alive.
public struct KernFunction: Sendable {
    /// The parameters and result type, as Kern declares them.
    public let signature: KernSignature
    /// Options used by calls through this value; see `with(seed:threads:)`.
    public var options: CallOptions
    /// The function's name in the Kern source.
    public var name: String { signature.name }

    let entry: FunctionEntry

    /// The compiled entry point, `int32_t kern_entry_<name>(KernCallContext *ctx,
    /// params..., void *result)` (kern_runtime.h), for callers that want to skip libffi
    /// with a typed `@convention(c)` call. Valid while the module is alive; no argument
    /// checks happen on that path. In a lazily compiled module (the default), reading it
    /// compiles the function if no call has yet.
    /// - Throws: `KernError` when that compile fails.
    public var entryPoint: UnsafeRawPointer { get throws { try entry.address() } }
    let interface: CallInterface
    /// Keeps the code behind `entry` alive (the JIT module or test library).
    let owner: (any Sendable)?
    /// The source, for positions in runtime errors.
    let file: SourceFile?
    /// The module's default thread count (0 = runtime default).
    let defaultThreads: Int
    /// For a `@vectorize` function: the variants a call with arrays goes to
    /// (ElementwiseCall.swift); nil otherwise.
    var elementwiseVariants: ElementwiseVariants?
    /// The module's extern functions in Kern IR order (a REPL input's calls of session
    /// definitions): an error whose `origin` is k happened in the k-th one's module.
    var externFunctions: [String] = []

    /// A function over an entry point that follows the entry ABI for `signature`.
    init(
        signature: KernSignature, entry: UnsafeRawPointer, owner: (any Sendable)?,
        file: SourceFile? = nil, defaultThreads: Int = 0
    ) throws {
        try self.init(
            signature: signature, entry: .compiled(EntryAddress(raw: entry)), owner: owner,
            file: file, defaultThreads: defaultThreads)
    }

    /// A function compiled on its first call.
    init(
        signature: KernSignature, lazy entry: LazyEntry, owner: (any Sendable)?,
        file: SourceFile? = nil, defaultThreads: Int = 0
    ) throws {
        try self.init(
            signature: signature, entry: .lazy(entry), owner: owner, file: file,
            defaultThreads: defaultThreads)
    }

    private init(
        signature: KernSignature, entry: FunctionEntry, owner: (any Sendable)?,
        file: SourceFile?, defaultThreads: Int
    ) throws {
        self.signature = signature
        self.entry = entry
        self.interface = try CallInterface(signature)
        self.owner = owner
        self.file = file
        self.defaultThreads = defaultThreads
        self.options = CallOptions()
    }

    /// The same function, called with another seed and/or thread count:
    /// `try f.with(seed: 42)(x, &y)`.
    public func with(seed: UInt64? = nil, threads: Int? = nil) -> KernFunction {
        var copy = self
        if let seed { copy.options.seed = seed }
        if let threads { copy.options.threads = threads }
        return copy
    }

    // MARK: - The call

    /// Lowers argument `index`, attributing a ragged `[[T]]` or a shape whose size
    /// overflows to it.
    func lower<A: KernArgument, R>(
        _ argument: A, _ index: Int, _ body: (_KernLoweredArgument) throws -> R
    ) throws -> R {
        do {
            return try argument._withLowered(body)
        } catch let e as RaggedRowsError {
            throw KernError.invalidArgument(
                function: name, argument: index,
                problem: .raggedRows(row: e.row, expected: e.expected, actual: e.actual))
        } catch let e as ArrayShapeError {
            throw KernError.invalidArgument(function: name, argument: index, problem: e.problem)
        }
    }

    func lowerInout<A: KernInoutArgument, R>(
        _ argument: inout A, _ index: Int, _ body: (_KernLoweredArgument) throws -> R
    ) throws -> R {
        do {
            return try argument._withLoweredInout(body)
        } catch let e as ArrayShapeError {
            throw KernError.invalidArgument(function: name, argument: index, problem: e.problem)
        }
    }

    /// Checks the lowered arguments against the signature, calls the entry point
    /// through libffi and decodes the result.
    func invoke(_ arguments: UnsafeBufferPointer<_KernLoweredArgument>) throws -> KernValue {
        if isElementwiseCall(arguments) {
            return try variantsWithOptions().invokeElementwise(arguments, out: nil)
        }
        try check(arguments, overlaps: true)
        return try invokeChecked(arguments)
    }

    /// `invoke` for an elementwise variant (ElementwiseCall.swift), whose caller has
    /// checked how `out` may overlap the arguments (it may be one of them).
    func invokeVariant(_ arguments: UnsafeBufferPointer<_KernLoweredArgument>) throws
        -> KernValue
    {
        try check(arguments, overlaps: false)
        return try invokeChecked(arguments)
    }

    private func invokeChecked(_ arguments: UnsafeBufferPointer<_KernLoweredArgument>) throws
        -> KernValue
    {
        try KernError.validateThreads(options.threads)
        let address = try entry.address()
        let slotCount = interface.argumentCount
        return try withUnsafeTemporaryAllocation(
            of: UInt64.self, capacity: slotCount + max(interface.resultSlots, 1)
        ) { slots in
            try withUnsafeTemporaryAllocation(
                of: UnsafeMutableRawPointer?.self, capacity: slotCount
            ) { values in
                var context = KernCallContext()
                context.seed = options.seed
                context.threads = Int32(clamping: max(0, options.threads ?? defaultThreads))
                // Recursion deeper than this thread's stack allows fails with
                // `.stackOverflow` instead of a SIGSEGV (issue 15.2).
                context.stack_limit = kern_rt_stack_limit()
                let resultBase = slots.baseAddress! + slotCount
                return try withUnsafeMutablePointer(to: &context) { ctx in
                    // Each C argument lives in its own 8-byte slot; values[k] points at it.
                    var k = 0
                    func push(_ bits: UInt64) {
                        slots[k] = bits
                        values[k] = UnsafeMutableRawPointer(slots.baseAddress! + k)
                        k += 1
                    }
                    func pushPointer(_ p: UnsafeMutableRawPointer?) {
                        push(UInt64(UInt(bitPattern: p)))
                    }
                    // One slot per C argument of the entry ABI, in its order.
                    for a in interface.arguments {
                        switch a {
                        case .context: pushPointer(UnsafeMutableRawPointer(ctx))
                        case .value(let i, _):
                            switch arguments[i].form {
                            case .scalar(let bits): push(bits)
                            case .inoutScalar(let p):
                                // `&x` for a by-value parameter: pass the value.
                                var bits: UInt64 = 0
                                withUnsafeMutableBytes(of: &bits) {
                                    $0.copyMemory(
                                        from: UnsafeRawBufferPointer(
                                            start: p, count: arguments[i].type.byteSize))
                                }
                                push(bits)
                            case .array: preconditionFailure("checked: an array for a scalar")
                            }
                        case .address(let i, _):
                            guard case .inoutScalar(let p) = arguments[i].form else {
                                preconditionFailure("checked: an inout scalar without address")
                            }
                            pushPointer(p)
                        case .data(let i, _):
                            guard case .array(let base, _) = arguments[i].form else {
                                preconditionFailure("checked: a scalar for an array")
                            }
                            pushPointer(base)
                        case .extent(let i, let axis):
                            guard case .array(_, let shape) = arguments[i].form else {
                                preconditionFailure("checked: a scalar for an array")
                            }
                            push(UInt64(bitPattern: Int64(shape.extent(axis))))
                        case .stride(let i, let axis):
                            guard case .array(_, let shape) = arguments[i].form else {
                                preconditionFailure("checked: a scalar for an array")
                            }
                            push(UInt64(bitPattern: Int64(shape.stride(axis))))
                        case .result:
                            pushPointer(
                                interface.resultSlots == 0
                                    ? nil : UnsafeMutableRawPointer(resultBase))
                        }
                    }
                    for r in 0..<interface.resultSlots { resultBase[r] = 0 }

                    var status: ffi_sarg = 0
                    let function = unsafeBitCast(address, to: (@convention(c) () -> Void).self)
                    ffi_call(interface.cif, function, &status, values.baseAddress)
                    if Int32(truncatingIfNeeded: status) != 0 || ctx.pointee.error.kind != 0 {
                        throw runtimeError(
                            ctx.pointee.error, status: Int32(truncatingIfNeeded: status))
                    }
                    return decodeResult(resultBase)
                }
            }
        }
    }

    func runtimeError(_ error: KernErrorRecord, status: Int32) -> KernError {
        var record = error
        if record.kind == 0 { record.kind = status }
        let kind = RuntimeErrorKind(record)
        let position = SourcePos(
            line: UInt32(clamping: record.line), column: UInt32(clamping: record.column))
        let origin = Int(record.origin)
        if origin > 0, origin <= externFunctions.count {
            // The position is in another module's source, which this one does not have.
            return .runtime(
                kind: kind, message: kind.message, position: position,
                function: externFunctions[origin - 1], file: nil)
        }
        return .runtime(
            kind: kind, message: kind.message, position: position, function: name, file: file)
    }

    private func decodeResult(_ slots: UnsafeMutablePointer<UInt64>) -> KernValue {
        if let (element, rank) = interface.resultArray {
            guard let data = UnsafeMutableRawPointer(bitPattern: UInt(slots[0])) else {
                preconditionFailure("a successful call returned no array storage")
            }
            let shape = (0..<rank).map { Int(Int64(bitPattern: slots[1 + $0])) }
            return .array(KernArray(adopting: data, elementType: element, shape: shape))
        }
        let types = interface.resultTypes
        if interface.resultIsTuple {
            return .tuple(types.indices.map { KernValue(slot: slots[$0], as: types[$0]) })
        }
        return types.isEmpty ? .void : KernValue(slot: slots[0], as: types[0])
    }

    // MARK: - Argument checks

    private func fail(_ index: Int?, _ problem: ArgumentProblem) -> KernError {
        .invalidArgument(function: name, argument: index, problem: problem)
    }

    /// The fast check: every argument fits its parameter and no inout array overlaps
    /// another array. Only when something is wrong does `diagnose` word the error.
    private func check(_ arguments: UnsafeBufferPointer<_KernLoweredArgument>, overlaps: Bool)
        throws
    {
        let plan = interface.plan
        guard arguments.count == plan.count else { try diagnose(arguments) }
        for i in 0..<plan.count where !plan[i].accepts(arguments[i]) { try diagnose(arguments) }
        guard overlaps else { return }
        for i in 0..<plan.count where plan[i].isInout && plan[i].rank > 0 {
            guard let a = arguments[i].byteRange else { continue }
            for j in 0..<plan.count where j != i {
                if let b = arguments[j].byteRange, a.overlaps(b) { try diagnose(arguments) }
            }
        }
    }

    /// The checks spelled out, with names and types for the message. Always throws
    /// (it runs only after the fast check failed).
    private func diagnose(_ arguments: UnsafeBufferPointer<_KernLoweredArgument>) throws -> Never {
        try checkInDetail(arguments)
        throw KernError.backend(
            message: "internal error: argument check of '\(name)' disagrees with itself")
    }

    private func checkInDetail(_ arguments: UnsafeBufferPointer<_KernLoweredArgument>) throws {
        let parameters = signature.parameters
        guard arguments.count == parameters.count else {
            throw fail(nil, .wrongCount(expected: parameters.count, actual: arguments.count))
        }
        for i in 0..<arguments.count {
            let argument = arguments[i]
            let parameter = parameters[i]
            // Built only on failure: the happy path formats no strings.
            func mismatch() -> KernError {
                fail(
                    i,
                    .typeMismatch(
                        parameter: parameter.name, expected: parameter.type.description,
                        actual: argument.kernDescription))
            }
            switch (parameter.type, argument.form) {
            case (.scalar(let s), .scalar), (.scalar(let s), .inoutScalar):
                guard argument.type == s else { throw mismatch() }
                if parameter.isInout, case .scalar = argument.form {
                    throw fail(i, .notWritable(parameter: parameter.name))
                }
            case (.array(let s, let rank), .array(_, let shape)):
                guard argument.type == s else {
                    throw fail(
                        i,
                        .typeMismatch(
                            parameter: parameter.name, expected: parameter.type.description,
                            actual: KernType.array(argument.type, rank: shape.rank).description))
                }
                guard shape.rank == rank else {
                    throw fail(
                        i,
                        .rankMismatch(parameter: parameter.name, expected: rank, actual: shape.rank)
                    )
                }
                if parameter.isInout && !argument.isWritable {
                    throw fail(i, .notWritable(parameter: parameter.name))
                }
            case (.scalar, .array), (.array, .scalar), (.array, .inoutScalar),
                (.tuple, _), (.void, _):
                throw mismatch()
            }
        }
        try checkOverlap(arguments)
    }

    /// An array bound to an inout parameter must not share bytes with any other array
    /// argument: generated code assumes array parameters do not alias.
    private func checkOverlap(_ arguments: UnsafeBufferPointer<_KernLoweredArgument>) throws {
        let parameters = signature.parameters
        for i in parameters.indices where parameters[i].isInout {
            guard let a = arguments[i].byteRange else { continue }
            for j in parameters.indices where j != i {
                guard let b = arguments[j].byteRange, a.overlaps(b) else { continue }
                // Report each pair once, naming the inout one first.
                if parameters[j].isInout && j < i { continue }
                throw fail(
                    i,
                    .overlappingArrays(
                        inoutParameter: parameters[i].name, other: parameters[j].name))
            }
        }
    }
}

extension KernFunction: CustomStringConvertible {
    /// The Kern signature, e.g. `func saxpy(a: Float, x: [Float], y: inout [Float])`.
    public var description: String { signature.description }
}
