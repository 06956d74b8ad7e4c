import Foundation
import KernBasics
import KernCompiler
import KernIR
internal import KernJIT
internal import KernLLVM

/// The JIT path: `KernModule.compile` drives the staged compiler (KernCompiler) through
/// all six stages with the LLVM back end and the JIT, then binds each exported function
/// to its entry point.
///
/// In: a `SourceFile` and `CompileOptions`. Out: a `KernModule` whose functions call the
/// JIT-compiled entry points, or a thrown `KernError` (`.compile` with every front-end
/// diagnostic; `.backend` when the passes, LLVM or the JIT fail).
///
/// The back half (Kern IR → callable code) sits behind `CompilerBackend`, so the call
/// machinery is tested without LLVM (Tests/KernTests use hand-written C entry points)
/// and the back end plugs in at one place: `LLVMJITBackend` below.
@_exported import struct KernBasics.CompileOptions
@_exported import enum KernBasics.FastMathLevel

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

/// A back end that makes `KernModule`s: what it loads is compiled code.
protocol KernBackend: CompilerBackend where Loaded: CompiledCode {
    /// Whether the compiled code is loaded for calling (false: only emitted as text/object).
    var loadsCode: Bool { get }
}

enum Compiler {
    /// Source → `KernModule` with the JIT: every stage, then the exported functions.
    static func compile(_ file: SourceFile, options: CompileOptions) throws -> KernModule {
        try compile(file, options: options, backend: LLVMJITBackend())
    }

    /// Source → `KernModule` through `backend`; an emit-only back end gives a module
    /// without callable functions.
    static func compile<Backend: KernBackend>(
        _ file: SourceFile, options: CompileOptions, backend: Backend
    ) throws -> KernModule {
        try KernError.validateThreads(options.threads)
        let compilation = try run(file, options: options, backend: backend)
        guard let module = compilation.module, let code = compilation.loaded else {
            preconditionFailure("a compilation that reached .load has a module and code")
        }
        let clock = ContinuousClock()
        let start = clock.now
        // An emit-only back end has no entry points: the module has no callable functions.
        let functions =
            backend.loadsCode
            ? try exportedFunctions(of: module, code: code, file: file, options: options) : []
        let stage = { (s: Stage) in compilation.timings[s] ?? .zero }
        var timings = CompileTimings()
        timings.frontEnd = stage(.parse) + stage(.check)
        timings.kernIR = stage(.lower) + stage(.passes)
        timings.llvm = stage(.codegen)
        // ORC compiles lazily: looking the entry points up is where machine code is made.
        timings.jit = stage(.load) + (clock.now - start)
        return KernModule(
            file: file, options: options, functions: functions,
            warnings: compilation.diagnostics, kernIR: module, code: code, timings: timings)
    }

    /// The front end: parse and type-check. Returns the warnings.
    /// - Throws: `KernError.compile` with every diagnostic when there is an error.
    static func check(_ file: SourceFile) throws -> [Diagnostic] {
        try run(file, options: CompileOptions(), stopAfter: .check).diagnostics
    }

    /// The staged compiler up to `stopAfter`, its failures as `KernError`s.
    static func run<Backend: CompilerBackend>(
        _ file: SourceFile, options: CompileOptions, backend: Backend,
        stopAfter: Stage = .load
    ) throws -> Compilation<Backend> {
        do {
            return try StagedCompiler(options: options, backend: backend, stopAfter: stopAfter)
                .compile(file)
        } catch {
            throw KernError(error, file: file)
        }
    }

    static func run(_ file: SourceFile, options: CompileOptions, stopAfter: Stage) throws
        -> Compilation<NoBackend>
    {
        try run(file, options: options, backend: NoBackend(), stopAfter: stopAfter)
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

extension KernError {
    /// A staged compiler's failure as the host API reports it.
    init(_ failure: CompileFailure, file: SourceFile) {
        switch failure {
        case .diagnostics(let diagnostics):
            self = .compile(diagnostics: diagnostics, file: file)
        case .backend(_, let error as KernError):
            self = error
        case .backend(_, let error as InvalidTarget):
            self = .invalidTarget(message: error.message)
        case .backend(_, let error):
            self = KernError(backendFailure: error)
        case .pipeline, .noBackend, .noProgram:
            self = .backend(message: failure.description)
        }
    }
}

/// The LLVM back end (codegen: an optimized LLVM module) and ORC JIT (load).
struct LLVMJITBackend: KernBackend {
    var loadsCode: Bool { true }

    func generate(_ module: KernIR.Module, options: CompileOptions) throws -> CompiledModule {
        try LLVMBackend.compile(module, options: options)
    }

    func load(_ code: CompiledModule, module: KernIR.Module, options: CompileOptions) throws
        -> JITCompiledCode
    {
        JITCompiledCode(jit: try JITEngine.shared().load(code), compiled: code)
    }
}

/// The LLVM back end without the JIT, for `KernModule.compileForEmission` and reports:
/// the code is never run here, so it may target another CPU (TargetValidation).
struct LLVMEmitOnlyBackend: KernBackend {
    var loadsCode: Bool { false }

    func generate(_ module: KernIR.Module, options: CompileOptions) throws -> CompiledModule {
        try LLVMBackend.compile(module, options: options, runsInProcess: false)
    }

    func load(_ code: CompiledModule, module: KernIR.Module, options: CompileOptions) throws
        -> EmittedCode
    {
        EmittedCode(compiled: code)
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

extension CompileOptions {
    /// The Kern IR passes in pipeline order, as `dumpAfter` names them (`"input"` is the
    /// pipeline's input; `"all"` prints after each).
    public static var passNames: [String] { pipelinePassNames }
}
