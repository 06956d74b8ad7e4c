/// The staged compiler: Kern's one compile pipeline, written out once.
///
///     source ─parse→ AST ─check→ CheckedProgram ─lower→ KernIR.Module
///            ─passes→ KernIR.Module (optimized) ─codegen→ Backend.Code ─load→ Backend.Loaded
///
/// In: a `SourceFile`, `CompileOptions`, the stage to stop after and, for the last two
/// stages, a `CompilerBackend` (the LLVM back end and JIT live in the `Kern` module;
/// this target links no LLVM, so the fuzzer and front-end tools use it too). Out: a
/// `Compilation` holding every stage's artifact up to `stopAfter`, or a thrown
/// `CompileFailure`. Observers see each stage's artifacts and each pass's output.
///
/// Every tool drives this type: the JIT (`KernModule.compile`), `kernelc report`, the
/// REPL's inputs (checked in the session's scope, `session`, and lowered by segment
/// against the session's compiled definitions, `inputSegment`), the file tests and the
/// libFuzzer harness. Nothing else calls the stages in sequence (docs/architecture.md).
import KernBasics
import KernIR
import KernIRGen
import KernSema
import KernSyntax

/// The stages, in order. `stopAfter` names the last one to run.
public enum Stage: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    /// Source text → AST (syntax diagnostics).
    case parse
    /// AST → `CheckedProgram` (type and semantic diagnostics, fast-math warnings).
    case check
    /// `CheckedProgram` → Kern IR (IRGen).
    case lower
    /// Kern IR → optimized Kern IR (the pass pipeline, `runPipeline`).
    case passes
    /// Kern IR → back-end code (for LLVM: an optimized LLVM module).
    case codegen
    /// Back-end code → something callable (for LLVM: a module loaded into the JIT).
    case load

    public static func < (a: Stage, b: Stage) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .parse: "parse"
        case .check: "check"
        case .lower: "lower"
        case .passes: "passes"
        case .codegen: "codegen"
        case .load: "load"
        }
    }
}

/// The back half of the pipeline: code generation and loading. `Kern` supplies the LLVM
/// back end and the JIT; `NoBackend` stands in when a compilation stops at `.passes`.
public protocol CompilerBackend {
    /// What code generation produces (for LLVM: the optimized module).
    associatedtype Code
    /// What loading produces (for LLVM: the JIT's loaded module).
    associatedtype Loaded
    /// Kern IR after the passes → code. Errors become `CompileFailure.backend`.
    func generate(_ module: KernIR.Module, options: CompileOptions) throws -> Code
    /// Code → something callable. Errors become `CompileFailure.backend`.
    func load(_ code: Code, module: KernIR.Module, options: CompileOptions) throws -> Loaded
}

/// The back end of compilations that stop at or before `.passes`.
public struct NoBackend: CompilerBackend {
    public init() {}
    public func generate(_ module: KernIR.Module, options: CompileOptions) throws -> Never {
        throw CompileFailure.noBackend(.codegen)
    }
    public func load(_ code: Never, module: KernIR.Module, options: CompileOptions) throws -> Never
    {
        switch code {}
    }
}

/// Why a compilation stopped early.
public enum CompileFailure: Error, CustomStringConvertible {
    /// Parse or check found errors: every diagnostic so far (syntax errors alone when the
    /// parse failed, because Sema only runs on a syntactically clean tree).
    case diagnostics([Diagnostic])
    /// The pass pipeline failed: the verifier rejected a pass's output, or `dumpAfter`
    /// names no pass. A compiler bug or a bad option, never a user error in the source.
    case pipeline(any Error)
    /// The back end failed in `stage` (`.codegen` or `.load`).
    case backend(Stage, any Error)
    /// `stopAfter` asks for a back-end stage, but the compiler has no back end.
    case noBackend(Stage)
    /// Sema returned neither a program nor an error (a Sema bug).
    case noProgram

    public var description: String {
        switch self {
        case .diagnostics(let ds): ds.map(\.message).joined(separator: "\n")
        case .pipeline(let error): "Kern IR pipeline: \(error)"
        case .backend(_, let error): String(describing: error)
        case .noBackend(let stage): "stage '\(stage)' needs a back end; this compiler has none"
        case .noProgram: "internal error: type checking produced neither a program nor an error"
        }
    }
}

/// Every artifact a compilation produced, up to the stage it stopped after.
public struct Compilation<Backend: CompilerBackend> {
    public let file: SourceFile
    public let options: CompileOptions
    /// The last stage that ran to completion.
    public internal(set) var completed: Stage
    /// `.parse`: the syntax tree.
    public internal(set) var ast: AST
    /// Front-end diagnostics (syntax, semantics, fast-math warnings): warnings only,
    /// since errors end the compilation with `CompileFailure.diagnostics`.
    public internal(set) var diagnostics: [Diagnostic]
    /// `.check`: the type-checked program.
    public internal(set) var program: CheckedProgram?
    /// `.lower`: IRGen's output, as it was before the passes.
    public internal(set) var lowered: KernIR.Module?
    /// `.passes`: the module after the pass pipeline, and what the passes did.
    public internal(set) var module: KernIR.Module?
    public internal(set) var pipelineReport: PipelineReport?
    /// `.codegen` and `.load`: the back end's artifacts.
    public internal(set) var code: Backend.Code?
    public internal(set) var loaded: Backend.Loaded?
    /// Wall time of each stage that ran.
    public internal(set) var timings: [Stage: Duration] = [:]
}

/// Drives the stages. Configure, then `compile` a file:
///
///     var compiler = StagedCompiler(options: options, backend: CachingJITBackend(file: file))
///     compiler.stopAfter = .passes
///     compiler.afterPass = { name, module in … }
///     let compilation = try compiler.compile(file)
public struct StagedCompiler<Backend: CompilerBackend> {
    public var options: CompileOptions
    public var backend: Backend
    /// The last stage to run (default: all of them).
    public var stopAfter: Stage
    /// Called after each stage with the compilation so far.
    public var afterStage: ((Stage, Compilation<Backend>) -> Void)?
    /// Called with the pipeline's input (`"input"`) and after every pass.
    public var afterPass: PassObserver?
    /// Where `options.dumpAfter` text goes (default: standard output).
    public var dump: (String) -> Void = { print($0, terminator: "") }
    /// A REPL session: when set, the file is one REPL input (statements, parsed by
    /// `Parser.parseInput` as the body of a function named `SessionScope.inputName`) and
    /// is checked in the session's scope (`Sema.check(input:in:session:)`), so its
    /// diagnostics carry the input's own positions. Such a program calls functions it
    /// has no body for: past `.check`, `inputSegment` says what to lower
    /// (`IRGen.lowerInput`: the session's functions become extern declarations).
    public var session: SessionScope?
    /// With `session`: the statements of the input to lower and what the entry function
    /// `input` returns. Needed to run past `.check`.
    public var inputSegment: InputSegment?

    public init(
        options: CompileOptions = CompileOptions(), backend: Backend, stopAfter: Stage = .load
    ) {
        self.options = options
        self.backend = backend
        self.stopAfter = stopAfter
    }

    /// Runs the stages up to `stopAfter`.
    /// - Throws: `CompileFailure`: `.diagnostics` for errors in the source, the others
    ///   for failures of the compiler itself.
    public func compile(_ file: SourceFile) throws(CompileFailure) -> Compilation<Backend> {
        let clock = ContinuousClock()
        var start = clock.now
        func lap() -> Duration {
            let now = clock.now
            defer { start = now }
            return now - start
        }

        precondition(
            session == nil || stopAfter <= .check || inputSegment != nil,
            "a REPL input is lowered by segment")
        let (ast, syntax) =
            session == nil
            ? Parser.parse(file) : Parser.parseInput(file, functionName: SessionScope.inputName)
        if syntax.contains(where: { $0.severity == .error }) {
            throw .diagnostics(syntax)
        }
        var c = Compilation<Backend>(
            file: file, options: options, completed: .parse, ast: ast, diagnostics: syntax)
        guard finish(.parse, &c, lap()) else { return c }

        let (checked, semantic) =
            session.map { Sema.check(input: ast, in: file, session: $0) }
            ?? Sema.check(ast, in: file)
        let diagnostics = syntax + semantic
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw .diagnostics(diagnostics)
        }
        guard let program = checked else { throw .noProgram }
        let symbols = ExternSymbols.check(program, libraries: options.libraries)
        if !symbols.isEmpty { throw .diagnostics(diagnostics + symbols) }
        c.program = program
        c.diagnostics = diagnostics + FastMathWarnings.check(program, level: options.fastMathLevel)
        guard finish(.check, &c, lap()) else { return c }

        var module =
            if session != nil, let inputSegment {
                IRGen.lowerInput(program, segment: inputSegment)
            } else {
                IRGen.lower(program)
            }
        c.lowered = module
        guard finish(.lower, &c, lap()) else { return c }

        do {
            c.pipelineReport = try runPipeline(
                &module, options: options, observe: afterPass, dump: dump)
        } catch {
            throw .pipeline(error)
        }
        // Lazy compilation: only the entry points stay exported; LLVM drops the rest.
        if let roots = options.entryPoints { exportOnly(&module, roots) }
        c.module = module
        guard finish(.passes, &c, lap()) else { return c }

        let code: Backend.Code
        do { code = try backend.generate(module, options: options) } catch let e as CompileFailure {
            throw e
        } catch {
            throw .backend(.codegen, error)
        }
        c.code = code
        guard finish(.codegen, &c, lap()) else { return c }

        do { c.loaded = try backend.load(code, module: module, options: options) } catch {
            throw .backend(.load, error)
        }
        _ = finish(.load, &c, lap())
        return c
    }

    /// Records a finished stage and tells the observer; false when the compilation stops.
    private func finish(_ stage: Stage, _ c: inout Compilation<Backend>, _ time: Duration) -> Bool {
        c.completed = stage
        c.timings[stage] = time
        afterStage?(stage, c)
        return stage < stopAfter
    }
}

extension StagedCompiler where Backend == NoBackend {
    /// A compiler without a back end: the front end, lowering and the pass pipeline (no
    /// LLVM). A `stopAfter` past `.passes` fails with `CompileFailure.noBackend`.
    public init(options: CompileOptions = CompileOptions(), stopAfter: Stage = .passes) {
        self.init(options: options, backend: NoBackend(), stopAfter: stopAfter)
    }
}
