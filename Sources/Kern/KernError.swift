/// `KernError`: the one error type of the Kern library.
///
/// In: compile diagnostics, a failed runtime check reported by generated code through
/// `KernCallContext.error`, a host-side argument problem found before a call, a missing
/// function, or a back-end failure. Out: a value callers can switch over, and a readable
/// `description` — for compile errors exactly what the CLI prints.
import KernABI
import KernRuntime

/// Every error the Kern library throws: compile diagnostics, failed runtime checks,
/// arguments that do not fit, and failures to find a function, LLVM or a file.
///
/// Switch over it to react to a kind of failure; print it (`description`) to show it as
/// `kernelc` would.
public enum KernError: Error, Sendable, CustomStringConvertible {
    /// The source did not compile. `description` renders every diagnostic the way the
    /// CLI does (`file:line:col: error: …`, source line, caret, help).
    case compile(diagnostics: [Diagnostic], file: SourceFile)
    /// A check failed while a Kern function ran (out of bounds, division by zero,
    /// precondition, zero stride, allocation). `position` is where in the source text
    /// (line 1 = the text's first line); `file` is the source when known (it is for
    /// compiled modules), and `file.displayPosition(position)` is where in the file users
    /// see — for a kernel in a Swift string literal, the Swift file's line and column.
    case runtime(
        kind: RuntimeErrorKind, message: String, position: SourcePos, function: String,
        file: SourceFile?)
    /// The host passed arguments that do not fit the function's signature; nothing
    /// was called. `argument` is the 0-based argument index when one is to blame.
    case invalidArgument(function: String, argument: Int?, problem: ArgumentProblem)
    /// No function of that name in the module.
    case functionNotFound(name: String, available: [String])
    /// LLVM or the JIT failed (a compiler bug, or an unsupported target).
    case backend(message: String)
    /// A source file could not be read.
    case unreadableFile(path: String, reason: String)
    /// `targetCPU` / `targetFeatures` name something LLVM does not know, or (for code run
    /// in process) a feature this machine lacks; the message lists the valid choices.
    case invalidTarget(message: String)
    /// A compile or call option has a value it cannot take (`threads: 0`).
    case invalidOption(name: String, problem: String)
    /// No usable LLVM (19 to 22) was found when the first kernel compiled: `tried` says
    /// what was tried, one line each, and `fix` what to do (install LLVM, or set
    /// `KERN_LLVM_LIBRARY`). Kern loads LLVM at run time (README, "Use Kern in your package").
    case llvmUnavailable(tried: [String], fix: String)

    /// The error as `kernelc` prints it, without colours.
    public var description: String { rendered(useColor: false) }

    /// The message as the CLI prints it (ANSI colours when `useColor`), without a
    /// trailing newline.
    public func rendered(useColor: Bool) -> String {
        switch self {
        case .compile(let diagnostics, let file):
            let text = DiagnosticRenderer(useColor: useColor).render(diagnostics, in: file)
            return text.hasSuffix("\n") ? String(text.dropLast()) : text
        case .runtime(_, let message, let position, let function, let file):
            return Self.renderRuntime(
                message, at: position, function: function, file: file, useColor: useColor)
        case .invalidArgument(let function, let argument, let problem):
            let which = argument.map { "argument \($0 + 1) of '\(function)'" } ?? "'\(function)'"
            return "invalid argument: \(which): \(problem)"
        case .functionNotFound(let name, let available):
            let instances = available.filter { $0.hasPrefix(name + "<") }
            if !instances.isEmpty {
                return
                    "'\(name)' is generic: call one of its instances (\(instances.joined(separator: ", "))), e.g. function(\"\(name)\", specializedFor: [...])"
            }
            let list =
                available.isEmpty
                ? "the module has no functions" : "available: " + available.joined(separator: ", ")
            return "no function named '\(name)' (\(list))"
        case .backend(let message):
            return "code generation failed: \(message)"
        case .unreadableFile(let path, let reason):
            return "error: cannot read '\(path)': \(reason)"
        case .invalidTarget(let message):
            return "error: invalid target: \(message)"
        case .invalidOption(let name, let problem):
            return "invalid option '\(name)': \(problem)"
        case .llvmUnavailable(let tried, let fix):
            return "error: Kern needs LLVM 19 to 22 to compile kernels and found none. Tried:\n"
                + tried.map { "  " + $0 }.joined(separator: "\n") + "\nfix: " + fix
        }
    }

    /// `file:line:col: error: runtime error in 'f': message`, then the source line and
    /// a caret when the source is known.
    private static func renderRuntime(
        _ message: String, at position: SourcePos, function: String, file: SourceFile?,
        useColor: Bool
    ) -> String {
        let text = "runtime error in '\(function)': \(message)"
        guard let file, position.line >= 1, Int(position.line) <= file.lineCount,
            let offset = byteOffset(of: position, in: file)
        else {
            let name = file?.name ?? function
            let shown = file?.displayPosition(position) ?? position
            return position == .unknown ? "error: \(text)" : "\(name):\(shown): error: \(text)"
        }
        let d = Diagnostic.error(at: .init(at: .init(offset)), text)
        let rendered = DiagnosticRenderer(useColor: useColor).render(d, in: file)
        return rendered.hasSuffix("\n") ? String(rendered.dropLast()) : rendered
    }

    /// Byte offset of a line/column (column in Unicode scalars), the inverse of
    /// `SourceFile.position(of:)`.
    private static func byteOffset(of position: SourcePos, in file: SourceFile) -> Int? {
        var line: UInt32 = 1
        var offset = 0
        let bytes = file.utf8
        while line < position.line {
            guard let nl = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            offset = nl + 1
            line += 1
        }
        var column: UInt32 = 1
        while column < position.column, offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") {
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            column += 1
        }
        return offset
    }
}

/// What failed at run time (a `RuntimeStatus` of KernABI, with its details).
public enum RuntimeErrorKind: Sendable, Hashable {
    /// An index outside `0..<bound` in dimension `dimension` (0 = outermost).
    case outOfBounds(index: Int, bound: Int, dimension: Int)
    /// Integer division or remainder by zero (checked in every mode).
    case divisionByZero
    /// A `precondition` was false; `message` is its text, if it had one.
    case preconditionFailed(message: String?)
    /// A `stride(from:to:by:)` loop with step 0.
    case zeroStride
    /// A local array of `bytes` bytes could not be allocated.
    case allocationFailed(bytes: Int)
    /// A local array was created with a negative element count.
    case negativeSize(count: Int)
    /// An MPI built-in failed (LANGUAGE.md §12): the runtime's message.
    case mpiFailed(message: String)
    /// A call inside a cycle of the call graph found the thread's stack nearly full.
    case stackOverflow
    /// A status this library does not know (a newer runtime).
    case unknown(status: Int32)

    /// Decodes the error record generated code left in the call context.
    init(_ error: KernErrorRecord) {
        guard let status = RuntimeStatus(rawValue: error.kind) else {
            self = .unknown(status: error.kind)
            return
        }
        switch status {
        case .bounds:
            self = .outOfBounds(
                index: Int(error.value0), bound: Int(error.value1), dimension: Int(error.value2))
        case .division: self = .divisionByZero
        case .precondition:
            self = .preconditionFailed(message: error.message.map { String(cString: $0) })
        case .stride: self = .zeroStride
        case .allocation: self = .allocationFailed(bytes: Int(error.value0))
        case .size: self = .negativeSize(count: Int(error.value0))
        case .mpi: self = .mpiFailed(message: error.message.map { String(cString: $0) } ?? "")
        case .stackOverflow: self = .stackOverflow
        // Not a failure: only reached if a caller decodes a record that holds none.
        case .ok: self = .unknown(status: error.kind)
        }
    }

    /// The message users see, e.g. `index 10 is out of bounds for dimension 0 of length 10`.
    public var message: String {
        switch self {
        case .outOfBounds(let index, let bound, let dimension):
            return "index \(index) is out of bounds for dimension \(dimension) of length \(bound)"
        case .divisionByZero: return "division by zero"
        case .preconditionFailed(let message):
            return message.map { "precondition failed: \($0)" } ?? "precondition failed"
        case .zeroStride: return "stride step must not be zero"
        case .allocationFailed(let bytes):
            return "could not allocate \(bytes) bytes for a local array"
        case .negativeSize(let count):
            return "cannot create a local array with negative count \(count)"
        case .mpiFailed(let message): return "MPI: \(message)"
        case .stackOverflow: return "stack overflow: recursion too deep"
        case .unknown(let status): return "runtime error (status \(status))"
        }
    }
}

/// Why the host's arguments do not fit a function's signature.
public enum ArgumentProblem: Sendable, Hashable, CustomStringConvertible {
    /// The call has `actual` arguments; the function takes `expected`.
    case wrongCount(expected: Int, actual: Int)
    /// A scalar, element or array type that differs from the parameter's; both in Kern
    /// spelling (`Float`, `&Int`, `[[Double]]`).
    case typeMismatch(parameter: String, expected: String, actual: String)
    /// An array of rank `actual` for a parameter of rank `expected`.
    case rankMismatch(parameter: String, expected: Int, actual: Int)
    /// An array bound to an `inout` array parameter must be writable (`&array`, a
    /// Tensor, a mutable buffer); a scalar bound to an `inout` one must be `&x`.
    case notWritable(parameter: String)
    /// Rows of a `[[T]]` argument differ in length.
    case raggedRows(row: Int, expected: Int, actual: Int)
    /// An array passed to an `inout` parameter shares memory with another array argument.
    case overlappingArrays(inoutParameter: String, other: String)
    /// A `KernArrayView`'s or `Tensor`'s shape does not cover its buffer exactly, has a
    /// negative extent, or has a bad rank.
    case badShape(shape: [Int], elementCount: Int)
    /// An array whose size in bytes (or one of whose row strides) does not fit in `Int`:
    /// a shape no memory can hold, e.g. `[16, 2^60 + 1]`, or a buffer claiming more
    /// elements than the address space has.
    case sizeOverflow(shape: [Int], elementSize: Int)
    /// Arguments of an elementwise call of a `@vectorize` function whose shapes do not
    /// broadcast (NumPy's rule: aligned at the last dimension, extents equal or 1).
    case shapesDoNotBroadcast(parameter: String, shape: [Int], other: String, otherShape: [Int])
    /// An argument of an elementwise call with `out:` that does not broadcast to the
    /// `out:` array's shape (which never changes): a larger rank, or an extent that is
    /// neither `out`'s nor 1.
    case doesNotBroadcastToOut(parameter: String, shape: [Int], outShape: [Int])
    /// The `out:` array of an elementwise call shares memory with an argument without
    /// being that same array (same first element, same extents).
    case outOverlapsArgument(parameter: String)
    /// `out:`, or a typed wrapper's elementwise form, used with a function that is not
    /// `@vectorize`.
    case notVectorize

    /// The problem in words, e.g. `parameter 'x' expects [Double], got [Float]`.
    public var description: String {
        switch self {
        case .badShape(let shape, let count):
            let needed = ArrayShape.checkedProduct(shape).map(String.init) ?? "more than Int.max"
            return
                "a view of shape \(shape) needs \(needed) elements and rank 1...3; the buffer has \(count)"
        case .sizeOverflow(let shape, let size):
            return
                "an array of shape \(shape) with \(size)-byte elements is larger than the address space (its size overflows Int)"
        case .wrongCount(let expected, let actual):
            return "expected \(expected) argument\(expected == 1 ? "" : "s"), got \(actual)"
        case .typeMismatch(let parameter, let expected, let actual):
            return "parameter '\(parameter)' expects \(expected), got \(actual)"
        case .rankMismatch(let parameter, let expected, let actual):
            return
                "parameter '\(parameter)' expects an array of rank \(expected), got rank \(actual)"
        case .notWritable(let parameter):
            return
                "parameter '\(parameter)' is inout: pass &\(parameter) (a var array or scalar), a Tensor or a mutable buffer (in calls of more than 4 arguments Swift passes a copy for &\(parameter): use a Tensor or a mutable buffer there)"
        case .raggedRows(let row, let expected, let actual):
            return
                "rows must all have the same length: row \(row) has \(actual) elements, row 0 has \(expected)"
        case .overlappingArrays(let inoutName, let other):
            return "inout array '\(inoutName)' overlaps the memory of '\(other)'"
        case .shapesDoNotBroadcast(let parameter, let shape, let other, let otherShape):
            return
                "shapes do not broadcast: '\(parameter)' has shape \(shape), '\(other)' has shape \(otherShape) (extents must be equal or 1, aligned at the last dimension)"
        case .doesNotBroadcastToOut(let parameter, let shape, let outShape):
            return
                "'\(parameter)' has shape \(shape), which does not broadcast to the out: array's shape \(outShape) (extents must be out's or 1, aligned at the last dimension)"
        case .outOverlapsArgument(let parameter):
            return
                "the out: array overlaps the memory of '\(parameter)' without being the same array (in place, pass the same array with the same shape)"
        case .notVectorize:
            return "out: and elementwise calls apply only to @vectorize functions"
        }
    }
}

extension KernError {
    /// Validates a worker thread count (`CompileOptions.threads`, `CallOptions.threads`):
    /// at least 1. Counts above the pool's limit (`kern_parallel_thread_limit`) are
    /// accepted and capped there, since results never depend on the thread count.
    static func validateThreads(_ threads: Int?) throws {
        if let threads, threads < 1 {
            throw KernError.invalidOption(
                name: "threads",
                problem: "must be at least 1 (got \(threads)); omit it for all cores")
        }
    }
}
