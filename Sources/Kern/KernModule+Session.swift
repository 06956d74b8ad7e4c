/// REPL inputs compiled directly (no generated source): the staged compiler checks the
/// input in the session's scope and lowers one segment of it (`IRGen.lowerInput`), the
/// session's definitions being extern functions; the JIT binds those to the library
/// module's compiled entry points.
///
/// In: the input's `SourceFile`, the `SessionScope`, the segment, and the library module
/// (the session's definitions, compiled before). Out: a `KernModule` with one function,
/// `input`, whose runtime errors carry the input's own positions (or, with `file` nil,
/// the library function they happened in: `KernFunction.externFunctions`).
import KernBasics
import KernCompiler
import KernIR
import KernIRGen
internal import KernJIT
internal import KernLLVM
import KernSema

extension KernModule {
    /// Compiles one segment of a REPL input. Never through the compile cache: an input
    /// is throwaway code (the REPL keeps recent ones in memory).
    /// - Throws: `KernError.compile` with the input's diagnostics; `.backend` when a
    ///   definition the input calls is missing from `library`.
    package static func compileInput(
        _ file: SourceFile, session: SessionScope, segment: InputSegment, library: KernModule?,
        options: CompileOptions
    ) throws -> KernModule {
        var inputOptions = options
        inputOptions.compileCache = false
        return try Compiler.compile(
            file, options: inputOptions, backend: SessionJITBackend(library: library),
            input: (session, segment))
    }
}

/// LLVM and the JIT for a REPL input: no cache; extern functions bound to the library's
/// entry points (absolute symbols in the input's JITDylib).
struct SessionJITBackend: KernBackend {
    let library: KernModule?
    var loadsCode: Bool { true }

    func generate(_ module: KernIR.Module, options: CompileOptions) throws -> CompiledModule {
        try LLVMBackend.loadLLVM()
        return try LLVMBackend.compile(module, options: options)
    }

    func load(_ code: CompiledModule, module: KernIR.Module, options: CompileOptions) throws
        -> JITCompiledCode
    {
        var externals: [(String, UInt)] = []
        for f in module.functions {
            guard let symbol = f.external else { continue }
            // Through the function's entry: a lazily compiled library (the default,
            // `CompileOptions.lazyCompile`) compiles a definition on its first use here.
            guard let definition = library?[f.name] else {
                throw KernError.backend(message: "no compiled definition of '\(f.name)' to call")
            }
            let address = try definition.entryPoint
            externals.append((symbol, UInt(bitPattern: address)))
        }
        let jit = try JITEngine.shared().load(code, externals: externals)
        return JITCompiledCode(
            jit: jit, compiled: code, ir: module, options: options,
            timings: BackendTimings(code), linked: library.map { [$0] } ?? [])
    }
}
