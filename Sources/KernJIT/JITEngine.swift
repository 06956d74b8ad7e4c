/// The JIT: one ORC LLJIT per process, targeting the host CPU with its full feature set
/// (the same CPU + features the optimizer's TargetMachine uses). Each loaded module goes
/// into its own JITDylib, so two modules may define the same names (the REPL redefines
/// functions), and gets the runtime entry points as absolute symbols.
/// In: a CompiledModule (a clone of its LLVM module is handed over; the original stays
/// printable). Out: a JITModule with the addresses of the `kern_entry_<name>` wrappers.
import CLLVM
import Foundation
import KernLLVM

public final class JITEngine: @unchecked Sendable {
    // LLJIT is thread-safe for adding modules and lookups, but the C API's LLJIT compiles
    // with one shared TargetMachine (no concurrent compiler without compile threads), so
    // materialization (which happens inside the lookup) is serialized by `compileLock`.
    // Lowering and optimization, the larger part of a compile, stay parallel.
    private let jit: LLVMOrcLLJITRef
    private let lock = NSLock()
    private let compileLock = NSLock()
    private var nextDylib = 0

    private static let instance: Result<JITEngine, any Error> = Result { try JITEngine() }

    /// The process-wide engine, created on first use (thread-safe).
    public static func shared() throws -> JITEngine { try instance.get() }

    private init() throws {
        kern_llvm_initialize()
        let machine = try HostTargetMachine.make()
        let builder = LLVMOrcCreateLLJITBuilder()
        // The builder takes the target machine builder, which takes the machine.
        let jtmb = LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine(machine)
        LLVMOrcLLJITBuilderSetJITTargetMachineBuilder(builder, jtmb)
        var jit: LLVMOrcLLJITRef?
        try LLVMError.check(LLVMOrcCreateLLJIT(&jit, builder), "cannot create the JIT")
        guard let jit else { throw LLVMError("cannot create the JIT") }
        self.jit = jit
        kern_jit_install_error_reporter(LLVMOrcLLJITGetExecutionSession(jit))
    }

    deinit { _ = LLVMError.take(LLVMOrcDisposeLLJIT(jit), "") }

    /// JIT-compiles `module` into a fresh JITDylib and resolves all its entry points.
    public func load(_ module: CompiledModule) throws -> JITModule {
        let dylib = try makeDylib()
        do {
            let clone = module.module.clone()
            guard let llvmModule = clone.release() else { throw LLVMError("empty module") }
            let tsm = LLVMOrcCreateNewThreadSafeModule(llvmModule, module.context.threadSafe)
            try LLVMError.check(LLVMOrcLLJITAddLLVMIRModule(jit, dylib, tsm), "cannot add module")
            let names = module.exportedFunctions.map(CompiledModule.entrySymbol)
            var addresses = [UInt64](repeating: 0, count: names.count)
            if !names.isEmpty {
                try withCStrings(names) { cNames in
                    let error = compileLock.withLock {
                        kern_jit_lookup(jit, dylib, cNames, &addresses, names.count)
                    }
                    if let failure = LLVMError.take(error, "JIT compilation failed") {
                        throw sessionDetail(failure)
                    }
                }
            }
            var entries: [String: UInt] = [:]
            for (function, address) in zip(module.exportedFunctions, addresses) {
                entries[function] = UInt(address)
            }
            return JITModule(engine: self, dylib: dylib, entries: entries)
        } catch {
            unload(dylib)
            throw error
        }
    }

    private func makeDylib() throws -> LLVMOrcJITDylibRef {
        let name = lock.withLock {
            nextDylib += 1
            return "kern.module.\(nextDylib)"
        }
        let session = LLVMOrcLLJITGetExecutionSession(jit)
        var dylib: LLVMOrcJITDylibRef?
        try LLVMError.check(
            LLVMOrcExecutionSessionCreateJITDylib(session, &dylib, name), "cannot create a JITDylib"
        )
        guard let dylib else { throw LLVMError("cannot create a JITDylib") }
        let overrides = SymbolOverrides.shared.current
        let symbols = RuntimeSymbols.all.map { ($0.0, overrides[$0.0] ?? $0.1) }
        try withCStrings(symbols.map(\.0)) { cNames in
            var addrs: [UnsafeRawPointer?] = symbols.map { UnsafeRawPointer(bitPattern: $0.1) }
            try LLVMError.check(
                kern_jit_define_absolute(jit, dylib, cNames, &addrs, symbols.count),
                "cannot define runtime symbols")
        }
        // Anything else (e.g. a libm function LLVM introduced, or a libmvec variant:
        // VectorMathLibrary loads libmvec globally) from the process.
        _ = VectorMathLibrary.isAvailable
        var generator: LLVMOrcDefinitionGeneratorRef?
        let prefix = LLVMOrcLLJITGetGlobalPrefix(jit)
        if LLVMError.take(
            LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(&generator, prefix, nil, nil), "")
            == nil, let generator
        {
            LLVMOrcJITDylibAddGenerator(dylib, generator)
        }
        return dylib
    }

    /// Frees the code and data of a module and removes its JITDylib from the session
    /// (JITModule.deinit); clearing alone left the empty dylib behind (issue 15.6).
    fileprivate func unload(_ dylib: LLVMOrcJITDylibRef) {
        let session = LLVMOrcLLJITGetExecutionSession(jit)
        _ = LLVMError.take(kern_jit_remove_dylib(session, dylib), "")
    }

    /// Adds the session's own report (e.g. the name of a missing symbol) to an error.
    private func sessionDetail(_ error: LLVMError) -> LLVMError {
        guard let detail = kern_jit_take_session_error() else { return error }
        defer { free(detail) }
        return LLVMError(error.message + " (" + String(cString: detail) + ")")
    }
}

extension JITEngine {
    /// Test hook: modules loaded from now on see `address` for the runtime symbol `name`
    /// (nil restores the real one). Used to count kern_rt_alloc/kern_rt_free calls.
    package static func overrideRuntimeSymbol(_ name: String, address: UInt?) {
        SymbolOverrides.shared.set(name, address)
    }
}

private final class SymbolOverrides: @unchecked Sendable {
    static let shared = SymbolOverrides()
    private let lock = NSLock()
    private var table: [String: UInt] = [:]
    var current: [String: UInt] { lock.withLock { table } }
    func set(_ name: String, _ address: UInt?) { lock.withLock { table[name] = address } }
}

/// Code of one loaded module. Keep it alive while calling its entry points: its
/// deinit frees the code.
public final class JITModule: @unchecked Sendable {
    private let engine: JITEngine
    private let dylib: LLVMOrcJITDylibRef
    private let entries: [String: UInt]

    fileprivate init(engine: JITEngine, dylib: LLVMOrcJITDylibRef, entries: [String: UInt]) {
        self.engine = engine
        self.dylib = dylib
        self.entries = entries
    }

    deinit { engine.unload(dylib) }

    /// Address of `kern_entry_<function>` (the entry ABI of kern_runtime.h), or nil if
    /// the module exports no such function.
    public func address(ofEntry function: String) -> UnsafeRawPointer? {
        entries[function].flatMap { UnsafeRawPointer(bitPattern: $0) }
    }

    /// Names of the functions with entry points.
    public var functionNames: [String] { entries.keys.sorted() }
}

/// Calls `body` with a C array of NUL-terminated copies of `strings`.
private func withCStrings<R>(
    _ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) throws -> R
) rethrows -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
    return try pointers.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { preconditionFailure("empty name list") }
        return try body(base)
    }
}
