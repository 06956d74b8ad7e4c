/// The compile pipeline, start to end, in one readable function (DESIGN.md example 6):
/// source → parse → Sema → IRGen → KernIR pipeline → LLVM → JIT → `KernModule`.
///
/// In: a `SourceFile` and `CompileOptions`. Out: a `KernModule` whose functions call the
/// JIT-compiled entry points, or a thrown `KernError` (`.compile` with every front-end
/// diagnostic; `.backend` when LLVM or the JIT fail).
///
/// The back half (Kern IR → callable code) sits behind `KernBackend`, so the call
/// machinery is tested without LLVM (Tests/KernTests use hand-written C entry points)
/// and the back end plugs in at one place: `LLVMJITBackend` below.
import Foundation
import KernBasics
import KernIR
import KernIRGen
internal import KernJIT
internal import KernLLVM
import KernSema
import KernSyntax

/// Gives the address of a compiled entry point `kern_entry_<name>` by Kern function name.
protocol EntryPointProvider: Sendable {
    func address(ofEntry name: String) -> UnsafeRawPointer?
}

/// Compiled code for one module: entry points plus the texts tools show.
protocol CompiledCode: EntryPointProvider {
    var llvmIR: String { get }
    func assembly() throws -> String
    func objectCode() throws -> [UInt8]
}

/// Kern IR module → compiled code.
protocol KernBackend: Sendable {
    func compile(_ module: KernIR.Module, options: CompileOptions) throws -> any CompiledCode
    /// Whether the compiled code is loaded for calling (false: only emitted as text/object).
    var loadsCode: Bool { get }
}

extension KernBackend {
    var loadsCode: Bool { true }
}

enum Compiler {
    /// The back end used by `KernModule.compile`.
    static let backend: any KernBackend = LLVMJITBackend()

    static func compile(
        _ file: SourceFile, options: CompileOptions, backend: any KernBackend = Compiler.backend
    ) throws -> KernModule {
        try KernError.validateThreads(options.threads)
        let clock = ContinuousClock()
        var timings = CompileTimings()
        var start = clock.now
        func lap() -> Duration {
            let now = clock.now
            defer { start = now }
            return now - start
        }
        let (program, frontEndDiagnostics) = try check(file)
        let diagnostics =
            frontEndDiagnostics + FastMathWarnings.check(program, level: options.fastMathLevel)
        timings.frontEnd = lap()
        var module = IRGen.lower(program, options: IRGenOptions(boundsChecks: options.checked))
        try runKernIRPipeline(&module, options: options)
        timings.kernIR = lap()
        let code = try backend.compile(module, options: options)
        timings.llvm = lap()
        // An emit-only back end has no entry points: the module has no callable functions.
        let functions =
            backend.loadsCode
            ? try exportedFunctions(of: module, code: code, file: file, options: options) : []
        timings.jit = lap()
        return KernModule(
            file: file, options: options, functions: functions,
            warnings: diagnostics, kernIR: module, code: code, timings: timings)
    }

    /// The front end: parse and type-check. Sema runs only on a syntactically clean tree.
    /// - Throws: `KernError.compile` with every diagnostic when there is an error.
    static func check(_ file: SourceFile) throws -> (CheckedProgram, [Diagnostic]) {
        let (ast, syntaxDiagnostics) = Parser.parse(file)
        if syntaxDiagnostics.contains(where: { $0.severity == .error }) {
            throw KernError.compile(diagnostics: syntaxDiagnostics, file: file)
        }
        let (checked, semaDiagnostics) = Sema.check(ast, in: file)
        let diagnostics = syntaxDiagnostics + semaDiagnostics
        guard let program = checked, !diagnostics.contains(where: { $0.severity == .error }) else {
            if !diagnostics.contains(where: { $0.severity == .error }) {
                throw KernError.backend(
                    message: "internal error: type checking produced neither a program nor an error"
                )
            }
            throw KernError.compile(diagnostics: diagnostics, file: file)
        }
        return (program, diagnostics)
    }

    /// The KernIR pass pipeline (verify, check elimination, parallel outlining, …).
    static func runKernIRPipeline(_ module: inout KernIR.Module, options: CompileOptions) throws {
        do {
            try runPipeline(&module, options: PipelineOptions(boundsChecks: options.checked))
        } catch {
            throw KernError.backend(message: "Kern IR pipeline: \(error)")
        }
    }

    /// A `KernFunction` per exported IR function, bound to its compiled entry point.
    static func exportedFunctions(
        of module: KernIR.Module, code: any CompiledCode, file: SourceFile, options: CompileOptions
    ) throws -> [KernFunction] {
        try module.functions.filter(\.isExported).map { function in
            let signature = try KernSignature(function)
            guard let address = code.address(ofEntry: function.name) else {
                throw KernError.backend(
                    message: "no entry point for '\(function.name)' in the compiled module")
            }
            return try KernFunction(
                signature: signature, entry: address, owner: code, file: file,
                defaultThreads: options.threads ?? 0)
        }
    }
}

/// The LLVM back end and ORC JIT.
struct LLVMJITBackend: KernBackend {
    func compile(_ module: KernIR.Module, options: CompileOptions) throws -> any CompiledCode {
        do {
            let compiled = try LLVMBackend.compile(module, options: options.codegenOptions())
            let jit = try JITEngine.shared().load(compiled)
            return JITCompiledCode(jit: jit, compiled: compiled)
        } catch let error as KernError {
            throw error
        } catch let error as InvalidTarget {
            throw KernError.invalidTarget(message: error.message)
        } catch {
            throw KernError(backendFailure: error)
        }
    }
}

/// The LLVM back end without the JIT, for `KernModule.compileForEmission`: the code is
/// never run here, so it may target another CPU (TargetValidation).
struct LLVMEmitOnlyBackend: KernBackend {
    var loadsCode: Bool { false }

    func compile(_ module: KernIR.Module, options: CompileOptions) throws -> any CompiledCode {
        do {
            let compiled = try LLVMBackend.compile(
                module, options: options.codegenOptions(runsInProcess: false))
            return EmittedCode(compiled: compiled)
        } catch let error as KernError {
            throw error
        } catch let error as InvalidTarget {
            throw KernError.invalidTarget(message: error.message)
        } catch {
            throw KernError.backend(message: String(describing: error))
        }
    }
}

/// An optimized LLVM module for tools only: no entry points.
final class EmittedCode: CompiledCode, @unchecked Sendable {
    /// Only read under `lock` (LLVM objects are not thread-safe).
    private let compiled: CompiledModule
    private let lock = NSLock()

    init(compiled: CompiledModule) { self.compiled = compiled }

    var llvmIR: String { lock.withLock { compiled.llvmIR() } }

    func address(ofEntry name: String) -> UnsafeRawPointer? { nil }

    func assembly() throws -> String {
        try lock.withLock {
            do { return try compiled.assembly() } catch {
                throw KernError.backend(message: String(describing: error))
            }
        }
    }

    func objectCode() throws -> [UInt8] {
        try lock.withLock {
            do { return try compiled.objectCode() } catch {
                throw KernError.backend(message: String(describing: error))
            }
        }
    }
}

/// A module loaded into the JIT, plus the optimized LLVM module for tools.
/// The JIT module owns the code: it lives as long as any `KernFunction` of the module.
final class JITCompiledCode: CompiledCode, @unchecked Sendable {
    let jit: JITModule
    /// Only read under `lock` (LLVM objects are not thread-safe).
    private let compiled: CompiledModule
    private let lock = NSLock()

    init(jit: JITModule, compiled: CompiledModule) {
        self.jit = jit
        self.compiled = compiled
    }

    /// Printed on demand: most modules are never shown.
    var llvmIR: String { lock.withLock { compiled.llvmIR() } }

    func address(ofEntry name: String) -> UnsafeRawPointer? { jit.address(ofEntry: name) }

    func assembly() throws -> String {
        try lock.withLock {
            do { return try compiled.assembly() } catch {
                throw KernError(backendFailure: error)
            }
        }
    }

    func objectCode() throws -> [UInt8] {
        try lock.withLock {
            do { return try compiled.objectCode() } catch {
                throw KernError(backendFailure: error)
            }
        }
    }
}

// MARK: - IR types → host types

extension KernSignature {
    /// The host-visible signature of an IR function.
    init(_ function: Function) throws {
        let parameters = try function.params.map { p in
            KernParameter(
                name: p.name, type: try KernType(p.type, in: function.name), isInout: p.isInout)
        }
        self.init(
            name: function.name, parameters: parameters,
            returnType: try KernType(function.returnType, in: function.name))
    }
}

extension KernType {
    init(_ type: IRType, in function: String) throws {
        switch type {
        case .scalar(let s): self = .scalar(s)
        case .array(let s, let rank):
            guard (1...3).contains(rank) else {
                throw KernError.backend(message: "'\(function)' has an array of rank \(rank)")
            }
            self = .array(s, rank: rank)
        case .tuple(let xs): self = .tuple(xs)
        case .void: self = .void
        }
    }
}
