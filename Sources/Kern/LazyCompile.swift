/// Lazy compilation in the host (issue 14.2): `KernModule.compile` runs the front end and
/// the Kern IR passes on the whole file (so every compile error is thrown there, as
/// before), and LLVM compiles each function, with the functions it calls, on its first
/// call. `CompileOptions.lazyCompile` (default on) selects it; false compiles everything
/// up front.
///
/// In: a source file and options. Out: a `KernModule` whose functions hold a `LazyEntry`:
/// the first call (or `entryPoint` read) compiles the function through the same back end
/// an up-front compile uses (`CachingJITBackend`), with `entryPoints` = that function, so
/// the persistent cache keys each function's code by exactly what was compiled, and a
/// later process finds it there. Two threads calling a function for the first time at
/// once compile it once (the entry's lock); different functions compile concurrently.
/// A function another one calls is compiled into each caller's code as well as into its
/// own when it is called itself (each compile is self-contained, like an up-front
/// compile of that function alone).
import Foundation
import KernBasics
import KernCompiler
import KernIR
internal import KernJIT
internal import KernLLVM

/// One compile of a lazily compiled module (`KernModule.lazyCompiles`).
public struct LazyCompile: Sendable, Hashable {
    /// The function whose first call (or `entryPoint`) asked for the compile.
    public var function: String
    /// The Kern IR functions whose code it generated: `function` and every function it
    /// reaches through calls, including outlined `prange` bodies, in module order.
    public var compiledFunctions: [String]
    /// Whether the object code came from the compile cache (nil: the cache was not used).
    public var cacheHit: Bool?
    /// Wall time of the compile, from the Kern IR to a callable entry point.
    public var time: Duration
}

extension Compiler {
    /// Source → `KernModule` whose functions compile on first call (see the top of this file).
    static func compileLazily(_ file: SourceFile, options: CompileOptions) throws -> KernModule {
        try KernError.validateThreads(options.threads)
        let clock = ContinuousClock()
        let compilation = try run(file, options: options, stopAfter: .passes)
        guard let module = compilation.module else {
            preconditionFailure("a compilation that reached .passes has a module")
        }
        // No LLVM, or a CPU or feature LLVM refuses: thrown now, like a compile error.
        // For the host target with a libLLVM file found (HostIdentity), that check waits
        // for a first call that misses the cache: every exported function's code in the
        // cache means LLVM is not loaded at all; otherwise it loads in the background.
        let loading = clock.now
        if let host = HostIdentity.withoutLLVM(for: options) {
            let cached = module.functions.filter(\.isExported).allSatisfy { function in
                var unitOptions = options
                unitOptions.entryPoints = [function.name]
                return CompileCache.expectsHitWithoutLLVM(file, options: unitOptions, host: host)
            }
            if !cached { LLVMLibrary.preload() }
        } else {
            do { _ = try LLVMBackend.targetIdentity(for: options) } catch {
                throw KernError(CompileFailure.backend(.codegen, error), file: file)
            }
        }
        let loaded = clock.now - loading
        let code = LazyCode(ir: module, file: file, options: options)
        let all = try module.functions.filter(\.isExported).map { function in
            try KernFunction(
                signature: try KernSignature(function),
                lazy: LazyEntry(name: function.name, code: code), owner: code, file: file,
                defaultThreads: options.threads ?? 0)
        }
        let stage = { (s: Stage) in compilation.timings[s] ?? .zero }
        var timings = CompileTimings()
        timings.parse = stage(.parse)
        timings.check = stage(.check)
        timings.irgen = stage(.lower)
        timings.passes = stage(.passes)
        timings.frontEnd = timings.parse + timings.check
        timings.kernIR = timings.irgen + timings.passes
        timings.llvmLoad = loaded
        timings.llvm = loaded
        timings.partitions = 0
        return KernModule(
            file: file, options: options, functions: groupElementwiseVariants(all),
            warnings: compilation.diagnostics, kernIR: module, code: code, timings: timings)
    }
}

/// A function's entry point, compiled on first use. Holds its module's `LazyCode`
/// (which never points back, so releasing the functions frees the code).
final class LazyEntry: @unchecked Sendable {
    let name: String
    private let code: LazyCode
    private let lock = NSLock()
    /// Set once, under `lock`: the address or the compile's error (thrown again by every
    /// later call: compiling again would fail the same way).
    private var result: Result<UInt, KernError>?

    init(name: String, code: LazyCode) {
        self.name = name
        self.code = code
    }

    /// The entry point, compiling the function first if no call has yet.
    func resolve() throws -> UnsafeRawPointer {
        let bits = try lock.withLock {
            if let result { return try result.get() }
            let compiled: Result<UInt, KernError>
            do { compiled = .success(try code.compile(name)) } catch let e as KernError {
                compiled = .failure(e)
            } catch {
                compiled = .failure(KernError(backendFailure: error))
            }
            result = compiled
            return try compiled.get()
        }
        guard let address = UnsafeRawPointer(bitPattern: bits) else {
            preconditionFailure("the JIT resolved an entry point to address 0")
        }
        return address
    }
}

/// The code of a lazily compiled module: its Kern IR, and the JIT modules of the
/// functions compiled so far (kept alive with it).
final class LazyCode: ToolModuleCode, @unchecked Sendable {
    let ir: KernIR.Module
    let file: SourceFile
    let options: CompileOptions
    private let lock = NSLock()
    /// Under `lock`.
    private var loaded: [JITCompiledCode] = []
    private var entries: [String: UInt] = [:]
    private var records: [LazyCompile] = []
    /// The whole module for the tools' texts (compiled, not loaded, on first use).
    let tools: ToolModule

    init(ir: KernIR.Module, file: SourceFile, options: CompileOptions) {
        self.ir = ir
        self.file = file
        self.options = options
        tools = ToolModule(ir: ir, options: options, compiled: nil)
    }

    /// The compiles so far, in the order they finished.
    var compiles: [LazyCompile] { lock.withLock { records } }

    /// Compiles `name` and what it reaches; returns its entry's address.
    func compile(_ name: String) throws -> UInt {
        let clock = ContinuousClock()
        let start = clock.now
        guard let root = ir.function(named: name) else {
            preconditionFailure("a lazy entry names a function of its module")
        }
        var unit = ir
        exportOnly(&unit, [name])
        var unitOptions = options
        unitOptions.entryPoints = [name]
        let backend = CachingJITBackend(file: file)
        let jit: JITCompiledCode
        do {
            jit = try backend.load(
                try backend.generate(unit, options: unitOptions), module: unit,
                options: unitOptions)
        } catch {
            throw KernError(CompileFailure.backend(.codegen, error), file: file)
        }
        guard let address = jit.address(ofEntry: name) else {
            throw KernError.backend(message: "no entry point for '\(name)' in the compiled code")
        }
        let reached = reachableFunctions(unit, from: [root])
        let record = LazyCompile(
            function: name,
            compiledFunctions: unit.functions.ids.filter { reached[$0.index] }.map {
                unit.functions[$0].name
            },
            cacheHit: jit.backendTimings.cacheHit, time: clock.now - start)
        let bits = UInt(bitPattern: address)
        lock.withLock {
            loaded.append(jit)
            entries[name] = bits
            records.append(record)
        }
        return bits
    }

    /// A lazy module's timings are the front end's; each compile's are in `compiles`.
    var backendTimings: BackendTimings { BackendTimings() }

    /// The code loaded so far, one per compile.
    var loadedCode: [JITCompiledCode] { lock.withLock { loaded } }

    /// Entries compiled so far (a function not yet called has none).
    func address(ofEntry name: String) -> UnsafeRawPointer? {
        lock.withLock { entries[name] }.flatMap { UnsafeRawPointer(bitPattern: $0) }
    }

}

extension KernModule {
    /// For a module compiled lazily (`CompileOptions.lazyCompile`, the default): each
    /// compile so far, one per function called (or whose `entryPoint` was read), in the
    /// order they finished. Empty for a module compiled up front.
    public var lazyCompiles: [LazyCompile] { (code as? LazyCode)?.compiles ?? [] }

    /// Tests: per loaded piece of code (one per lazy compile, or the whole module), true
    /// when `ObjectLinker` linked it (a cache hit without LLVM), false for ORC.
    package var linkedWithoutLLVM: [Bool] {
        if let lazy = code as? LazyCode { return lazy.loadedCode.map { $0.jit is LinkedModule } }
        if let whole = code as? JITCompiledCode { return [whole.jit is LinkedModule] }
        return []
    }
}
