import Foundation
import KernBasics
import KernCompiler
import KernIR
import KernIRGen
internal import KernJIT
internal import KernLLVM
import KernSema

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
/// and the back end plugs in at one place: `CachingJITBackend` below.
@_exported import struct KernBasics.CompileOptions
@_exported import enum KernBasics.FastMathLevel

/// Gives the address of a compiled entry point `kern_entry_<name>` by Kern function name.
protocol EntryPointProvider: Sendable {
    func address(ofEntry name: String) -> UnsafeRawPointer?
}

/// Compiled code for one module: entry points plus the texts tools show.
protocol CompiledCode: EntryPointProvider {
    /// Where the back end's time went (LLVM lowering, optimization, object, cache).
    var backendTimings: BackendTimings { get }
    var llvmIR: String { get }
    /// Whether the code calls libmvec's `_ZGV…` functions (`-lmvec` needed to link it).
    var callsVectorMathLibrary: Bool { get }
    /// `entryPrefix`: entries named `<prefix>_<name>` (ahead-of-time output).
    func assembly(entryPrefix: String?) throws -> String
    func objectCode(entryPrefix: String?) throws -> [UInt8]
}

extension CompiledCode {
    /// Code that did not come from LLVM (tests' hand-written entries) took no back-end time.
    var backendTimings: BackendTimings { BackendTimings() }
    /// Hand-written test code: the text decides.
    var callsVectorMathLibrary: Bool { llvmIR.contains("@_ZGV") }
}

/// A back end that makes `KernModule`s: what it loads is compiled code.
protocol KernBackend: CompilerBackend where Loaded: CompiledCode {
    /// Whether the compiled code is loaded for calling (false: only emitted as text/object).
    var loadsCode: Bool { get }
}

enum Compiler {
    /// Source → `KernModule` with the JIT: every stage, then the exported functions.
    /// With `options.compileCache`, a module compiled from the same file name, text and
    /// options that is still alive is returned again (`ModuleReuse`), and the object code
    /// comes from, or goes to, the persistent cache (`CachingJITBackend`).
    static func compile(_ file: SourceFile, options: CompileOptions) throws -> KernModule {
        // LLVM opens on another thread while the front end runs (the back end waits),
        // unless the code is most likely in the cache under a key that needs no LLVM: then
        // LLVM is never loaded (a lazy compile decides after the front end).
        if !options.lazyCompile && !CompileCache.expectsHitWithoutLLVM(file, options: options) {
            LLVMLibrary.preload()
        }
        // `dumpAfter` prints as the passes run: such a compile is never skipped.
        guard options.compileCache, options.dumpAfter == nil else {
            return try compileForJIT(file, options: options)
        }
        return try ModuleReuse.shared.module(for: file, options: options) {
            try compileForJIT(file, options: options)
        }
    }

    /// Lazily (LazyCompile.swift) unless the options ask for everything up front, or for
    /// LLVM's remarks (which a report reads from the whole module's optimization).
    private static func compileForJIT(_ file: SourceFile, options: CompileOptions) throws
        -> KernModule
    {
        if options.lazyCompile && !options.optimizationRemarks {
            return try compileLazily(file, options: options)
        }
        return try compile(file, options: options, backend: CachingJITBackend(file: file))
    }

    /// Source → `KernModule` through `backend`; an emit-only back end gives a module
    /// without callable functions.
    static func compile<Backend: KernBackend>(
        _ file: SourceFile, options: CompileOptions, backend: Backend,
        input: (SessionScope, InputSegment)? = nil
    ) throws -> KernModule {
        try KernError.validateThreads(options.threads)
        let compilation = try run(file, options: options, backend: backend, input: input)
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
        timings.parse = stage(.parse)
        timings.check = stage(.check)
        timings.irgen = stage(.lower)
        timings.passes = stage(.passes)
        code.backendTimings.apply(to: &timings)
        timings.jitLink = timings.jit
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
    /// `input`: the file is a REPL input, lowered by segment in the session's scope.
    static func run<Backend: CompilerBackend>(
        _ file: SourceFile, options: CompileOptions, backend: Backend,
        stopAfter: Stage = .load, input: (SessionScope, InputSegment)? = nil
    ) throws -> Compilation<Backend> {
        var compiler = StagedCompiler(options: options, backend: backend, stopAfter: stopAfter)
        compiler.session = input?.0
        compiler.inputSegment = input?.1
        do {
            return try compiler.compile(file)
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
        let all = try module.functions.filter(\.isExported).map { function in
            let signature = try KernSignature(function)
            guard let address = code.address(ofEntry: function.name) else {
                throw KernError.backend(
                    message: "no entry point for '\(function.name)' in the compiled module")
            }
            var kernFunction = try KernFunction(
                signature: signature, entry: address, owner: code, file: file,
                defaultThreads: options.threads ?? 0)
            kernFunction.externFunctions = module.functions.compactMap {
                $0.external == nil ? nil : $0.name
            }
            return kernFunction
        }
        return groupElementwiseVariants(all)
    }

    /// `f.elementwise1…3` (IRGen's variants of @vectorize functions) are not functions
    /// of their own: calls of `f` with arrays go to them.
    static func groupElementwiseVariants(_ all: [KernFunction]) -> [KernFunction] {
        var functions = all.filter { !isElementwiseVariant($0.name) }
        for k in functions.indices {
            let variants = (1...3).compactMap { rank in
                all.first { $0.name == "\(functions[k].name).elementwise\(rank)" }
            }
            if variants.count == 3 {
                functions[k].elementwiseVariants = ElementwiseVariants(byRank: variants)
            }
        }
        return functions
    }

    /// Whether `name` is an elementwise variant (`hyp.elementwise2`): no Kern function's
    /// name contains a dot.
    static func isElementwiseVariant(_ name: String) -> Bool { name.contains(".elementwise") }
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

/// The back end's share of `CompileTimings`.
struct BackendTimings: Sendable {
    var llvmLoad: Duration = .zero
    var llvmLowering: Duration = .zero
    var llvmOptimization: Duration = .zero
    var objectCode: Duration = .zero
    var cache: Duration = .zero
    var cacheHit: Bool?
    /// LLVM modules the code was compiled (or cached) as; 1 unless split over threads.
    var partitions = 1

    init() {}
    init(_ compiled: CompiledModule) {
        llvmLowering = compiled.loweringTime
        llvmOptimization = compiled.optimizationTime
    }

    func apply(to t: inout CompileTimings) {
        t.llvmLoad = llvmLoad
        t.llvmLowering = llvmLowering
        t.llvmOptimization = llvmOptimization
        t.objectCode = objectCode
        t.cache = cache
        t.cacheHit = cacheHit
        t.partitions = partitions
    }
}

/// The LLVM back end and ORC JIT, with the persistent compile cache (CompileCache.swift).
///
/// Cache on: generate looks the key up; a hit is object code, loaded by linking it (no
/// LLVM lowering, optimization or code generation); a miss compiles and optimizes, emits
/// the object code once, stores it and links that same code. Cache off (`KERN_CACHE=off`,
/// `compileCache: false`): the optimized LLVM module goes to the JIT, which generates the
/// machine code itself. A large module compiles in partitions on all cores
/// (`LLVMBackend.compileToObjects`): then always as objects, linked into one JITDylib.
struct CachingJITBackend: KernBackend {
    /// The source: with the options, it is what the cache key is made of.
    let file: SourceFile
    /// How a large module is split over threads (tests force a split).
    var parallelism = LLVMBackend.Parallelism()
    var loadsCode: Bool { true }

    /// Tests: link cache hits with ORC, never with `ObjectLinker` (to compare the two).
    static func linkHitsWithORC(_ on: Bool) { forcingORC.withLock { $0 = on } }
    private static let forcingORC = Mutex(false)

    struct Code {
        /// The optimized LLVM module when the code was compiled here in one piece; nil on
        /// a cache hit or a split compile (LLVM IR is then made again if a tool asks).
        var compiled: CompiledModule?
        /// The object code to link (several: a split compile); nil when the JIT compiles
        /// `compiled` itself (caching off, one piece).
        var objects: [[UInt8]]?
        var cache: CompileCache?
        var timings = BackendTimings()
    }

    /// Compiles `module` to objects (split over threads when large), with the timings of
    /// the slowest partition.
    private func compileObjects(_ module: KernIR.Module, options: CompileOptions) throws -> (
        parts: [CompiledPartition], timings: BackendTimings
    ) {
        let clock = ContinuousClock()
        let start = clock.now
        let parts = try LLVMBackend.compileToObjects(
            module, options: options, parallelism: parallelism)
        var timings = BackendTimings()
        timings.llvmLowering = parts.map(\.module.loweringTime).max() ?? .zero
        timings.llvmOptimization = parts.map(\.module.optimizationTime).max() ?? .zero
        timings.objectCode = (clock.now - start) - timings.llvmLowering - timings.llvmOptimization
        timings.partitions = parts.count
        return (parts, timings)
    }

    /// The verified entry's objects as a hit's code, or nil on a miss.
    private func hit(_ cache: CompileCache, since start: ContinuousClock.Instant) -> Code? {
        guard let payload = cache.load(), let objects = ObjectBundle.decode(payload) else {
            return nil
        }
        var timings = BackendTimings()
        timings.cache = ContinuousClock.now - start
        timings.cacheHit = true
        timings.partitions = objects.count
        return Code(compiled: nil, objects: objects, cache: cache, timings: timings)
    }

    func generate(_ module: KernIR.Module, options: CompileOptions) throws -> Code {
        let clock = ContinuousClock()
        // For the host target the key needs no LLVM (HostIdentity): a hit is served
        // before LLVM is loaded, and then LLVM is never loaded for it.
        var keyed = try CompileCache.forCompile(file, options: options)
        if let keyed, keyed.keyedWithoutLLVM, let code = hit(keyed, since: clock.now) {
            return code
        }
        let loading = clock.now
        try LLVMBackend.loadLLVM()
        let start = clock.now
        if keyed != nil {
            // The key again, now that LLVM is loaded: a host key must name the library
            // actually loaded (else LLVM's own answers make it), and a host key that
            // could not be predicted before (no remembered llvm-config answer yet) can be
            // now, so that the next process finds the entry without LLVM.
            keyed = try CompileCache.forCompile(file, options: options)
        }
        if let keyed, var code = hit(keyed, since: start) {
            code.timings.llvmLoad = start - loading
            return code
        }
        guard let cache = keyed else {
            if LLVMBackend.partitions(of: module, parallelism).count > 1 {
                var (parts, timings) = try compileObjects(module, options: options)
                timings.llvmLoad = start - loading
                return Code(compiled: nil, objects: parts.map(\.object), timings: timings)
            }
            let compiled = try LLVMBackend.compile(module, options: options)
            var timings = BackendTimings(compiled)
            timings.llvmLoad = start - loading
            return Code(compiled: compiled, timings: timings)
        }
        let looked = clock.now
        var (parts, timings) = try compileObjects(module, options: options)
        let emitted = clock.now
        let objects = parts.map(\.object)
        cache.save(ObjectBundle.encode(objects))
        timings.llvmLoad = start - loading
        timings.cache = (looked - start) + (clock.now - emitted)
        timings.cacheHit = false
        return Code(
            compiled: parts.count == 1 ? parts[0].module : nil, objects: objects, cache: cache,
            timings: timings)
    }

    func load(_ code: Code, module: KernIR.Module, options: CompileOptions) throws
        -> JITCompiledCode
    {
        let exported = module.functions.filter(\.isExported).map(\.name)
        // A hit links without LLVM when ObjectLinker can; anything it does not handle
        // goes to ORC below, as before.
        if code.timings.cacheHit == true, let objects = code.objects,
            !Self.forcingORC.withLock({ $0 }),
            let linked = ObjectLinker.link(objects: objects, exportedFunctions: exported)
        {
            return JITCompiledCode(
                jit: linked, compiled: nil, object: objects.count == 1 ? objects[0] : nil,
                ir: module, options: options, timings: code.timings)
        }
        let engine = try JITEngine.shared()
        guard let objects = code.objects else {
            guard let compiled = code.compiled else {
                preconditionFailure("code without objects always has its LLVM module")
            }
            return JITCompiledCode(
                jit: try engine.load(compiled), compiled: compiled, ir: module, options: options,
                timings: code.timings)
        }
        do {
            let jit = try engine.load(
                objects: objects, name: file.name, exportedFunctions: exported)
            return JITCompiledCode(
                jit: jit, compiled: code.compiled, object: objects.count == 1 ? objects[0] : nil,
                ir: module, options: options, timings: code.timings)
        } catch  where code.timings.cacheHit == true {
            // A verified entry the JIT still refuses (written by a Kern that emitted bad
            // code): compile afresh, which also replaces the entry.
            var (parts, timings) = try compileObjects(module, options: options)
            let fresh = parts.map(\.object)
            code.cache?.save(ObjectBundle.encode(fresh))
            let jit = try engine.load(objects: fresh, name: file.name, exportedFunctions: exported)
            timings.cacheHit = false
            return JITCompiledCode(
                jit: jit, compiled: parts.count == 1 ? parts[0].module : nil,
                object: fresh.count == 1 ? fresh[0] : nil, ir: module, options: options,
                timings: timings)
        }
    }
}

/// The LLVM back end without the JIT, for `KernModule.compileForEmission` and reports:
/// the code is never run here, so it may target another CPU (TargetValidation).
struct LLVMEmitOnlyBackend: KernBackend {
    var loadsCode: Bool { false }

    func generate(_ module: KernIR.Module, options: CompileOptions) throws -> (
        CompiledModule, llvmLoad: Duration
    ) {
        // Loading LLVM timed on its own (`--time`), not as part of LLVM lowering.
        let clock = ContinuousClock()
        let start = clock.now
        try LLVMBackend.loadLLVM()
        let loaded = clock.now - start
        return (try LLVMBackend.compile(module, options: options, runsInProcess: false), loaded)
    }

    func load(
        _ code: (CompiledModule, llvmLoad: Duration), module: KernIR.Module,
        options: CompileOptions
    ) throws -> EmittedCode {
        var timings = BackendTimings(code.0)
        timings.llvmLoad = code.llvmLoad
        return EmittedCode(
            tools: ToolModule(ir: module, options: options, compiled: code.0), timings: timings)
    }
}

/// An optimized LLVM module for tools only: no entry points.
final class EmittedCode: ToolModuleCode, @unchecked Sendable {
    let tools: ToolModule
    let backendTimings: BackendTimings

    init(tools: ToolModule, timings: BackendTimings) {
        self.tools = tools
        backendTimings = timings
    }

    func address(ofEntry name: String) -> UnsafeRawPointer? { nil }
}

/// A module loaded into the JIT, plus what tools show: the optimized LLVM module (made
/// again from the Kern IR on first use after a cache hit) and the object code.
/// The JIT module owns the code: it lives as long as any `KernFunction` of the module.
final class JITCompiledCode: ToolModuleCode, @unchecked Sendable {
    let jit: any LoadedCode
    let backendTimings: BackendTimings
    let tools: ToolModule
    /// The object code as loaded (when the compile had one object: not split).
    private let object: [UInt8]?

    /// Modules whose code this one calls (a REPL input's session library): kept alive.
    private let linked: [KernModule]

    init(
        jit: any LoadedCode, compiled: CompiledModule?, object: [UInt8]? = nil, ir: KernIR.Module,
        options: CompileOptions, timings: BackendTimings, linked: [KernModule] = []
    ) {
        self.linked = linked
        self.jit = jit
        tools = ToolModule(ir: ir, options: options, compiled: compiled)
        self.object = object
        backendTimings = timings
    }

    func address(ofEntry name: String) -> UnsafeRawPointer? { jit.address(ofEntry: name) }

    /// The loaded object itself where it is the whole module; else from the tools' module.
    func objectCode(entryPrefix: String?) throws -> [UInt8] {
        if let object, entryPrefix == nil { return object }
        return try tools.objectCode(entryPrefix: entryPrefix)
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
