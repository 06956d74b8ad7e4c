/// The JIT: one ORC LLJIT per process, targeting the host CPU with its full feature set
/// (the same CPU + features the optimizer's TargetMachine uses). Each loaded module goes
/// into its own JITDylib, so two modules may define the same names (the REPL redefines
/// functions), and gets the runtime entry points as absolute symbols.
/// In: a CompiledModule (a clone of its LLVM module is handed over; the original stays
/// printable), or a relocatable object file for this CPU (the compile cache's entries and
/// misses: linked only, nothing compiled). Out: a JITModule with the addresses of the
/// `kern_entry_<name>` wrappers.
import Foundation
import KernLLVM

public final class JITEngine: @unchecked Sendable {
    // LLJIT is thread-safe for adding modules and lookups, but the C API's LLJIT compiles
    // with one shared TargetMachine (no concurrent compiler without compile threads), so
    // materialization (which happens inside the lookup) is serialized by `compileLock`.
    // Lowering and optimization, the larger part of a compile, stay parallel.
    private let jit: LLJIT
    private let lock = NSLock()
    private let compileLock = NSLock()
    private var nextDylib = 0
    /// Cleared JITDylibs of released modules, reused by `makeDylib` (see `unload`).
    private var spareDylibs: [Dylib] = []

    private static let instance: Result<JITEngine, any Error> = Result { try JITEngine() }

    /// The process-wide engine, created on first use (thread-safe). Loads LLVM if needed
    /// (throws `LLVMUnavailable` when there is none).
    public static func shared() throws -> JITEngine { try instance.get() }

    private init() throws { jit = try LLJIT() }

    /// JIT-compiles `module` into a fresh JITDylib and resolves all its entry points.
    /// `externals` binds the entry symbols of its extern functions (Kern IR's
    /// `Function.external`) to the addresses of an earlier module's entries, as absolute
    /// symbols of the new JITDylib: LLVM's C API cannot set a JITDylib's link order, and
    /// the addresses are known. The caller keeps that earlier module alive.
    public func load(_ module: CompiledModule, externals: [(String, UInt)] = []) throws
        -> JITModule
    {
        try load(exportedFunctions: module.exportedFunctions) { dylib in
            if !externals.isEmpty { try jit.defineAbsolute(externals, in: dylib) }
            try jit.add(module, to: dylib)
        }
    }

    /// Links a relocatable object file (`CompiledModule.objectCode()`, for this process's
    /// CPU) into a fresh JITDylib and resolves the entry points of `exportedFunctions`.
    /// Nothing is optimized or compiled: this is how compile-cache hits load.
    public func load(object: [UInt8], name: String, exportedFunctions: [String]) throws
        -> JITModule
    {
        try load(objects: [object], name: name, exportedFunctions: exportedFunctions)
    }

    /// Links the objects of one module compiled in partitions (`LLVMBackend.
    /// compileToObjects`) into one fresh JITDylib, where a partition's call into another
    /// binds to that one's hidden symbol, and resolves the entry points.
    public func load(objects: [[UInt8]], name: String, exportedFunctions: [String]) throws
        -> JITModule
    {
        try load(exportedFunctions: exportedFunctions) { dylib in
            for (k, object) in objects.enumerated() {
                try jit.addObject(
                    object, named: objects.count == 1 ? name : "\(name)#\(k)", to: dylib)
            }
        }
    }

    private func load(exportedFunctions: [String], add: (Dylib) throws -> Void) throws
        -> JITModule
    {
        let dylib = try makeDylib()
        do {
            try add(dylib)
            let names = exportedFunctions.map(CompiledModule.entrySymbol)
            let addresses = try compileLock.withLock { try jit.lookup(names, in: dylib) }
            let entries = EntryTable(
                Dictionary(zip(exportedFunctions, addresses)) { _, last in last })
            return JITModule(engine: self, dylib: dylib, entries: entries)
        } catch {
            unload(dylib)
            throw error
        }
    }

    private func makeDylib() throws -> Dylib {
        let reused: Dylib? = lock.withLock { spareDylibs.popLast() }
        let dylib: Dylib
        if let reused {
            // Clearing removed its symbols but kept its process-symbol generator.
            dylib = reused
        } else {
            let name = lock.withLock {
                nextDylib += 1
                return "kern.module.\(nextDylib)"
            }
            dylib = try jit.createDylib(named: name)
            // Anything else (e.g. a libm function LLVM introduced, or a libmvec variant:
            // VectorMathLibrary loads libmvec globally) from the process.
            _ = VectorMathLibrary.isAvailable
            jit.addProcessSymbols(to: dylib)
        }
        let overrides = SymbolOverrides.shared.current
        do {
            try jit.defineAbsolute(
                RuntimeSymbols.all.map { ($0.0, overrides[$0.0] ?? $0.1) }, in: dylib)
        } catch {
            unload(dylib)
            throw error
        }
        return dylib
    }

    /// Frees the code and data of a module (JITModule.deinit) and keeps its emptied
    /// JITDylib for the next module. The C API can clear a JITDylib but not remove it from
    /// the session (ExecutionSession::removeJITDylib is C++ only), so creating a fresh one
    /// per module left 4-12 kB behind per compile/release cycle (issue 15.6); reusing
    /// cleared ones bounds them by the number of modules alive at once.
    fileprivate func unload(_ dylib: Dylib) {
        jit.clear(dylib)
        lock.withLock { spareDylibs.append(dylib) }
    }

    /// Test hook: modules loaded from now on see `address` for the runtime symbol `name`
    /// (nil restores the real one). Used to count kern_rt_alloc/kern_rt_free calls.
    package static func overrideRuntimeSymbol(_ name: String, address: UInt?) {
        SymbolOverrides.shared.set(name, address)
    }
}

/// The test hook's table (`overrideRuntimeSymbol`), read by the JIT and ObjectLinker.
final class SymbolOverrides: @unchecked Sendable {
    static let shared = SymbolOverrides()
    private let lock = NSLock()
    private var table: [String: UInt] = [:]
    var current: [String: UInt] { lock.withLock { table } }
    func set(_ name: String, _ address: UInt?) { lock.withLock { table[name] = address } }
}

/// Code of one loaded module, linked by ORC (`JITModule`) or by `ObjectLinker`
/// (`LinkedModule`). Keep it alive while calling its entry points: its deinit frees the code.
public protocol LoadedCode: AnyObject, Sendable {
    /// Address of `kern_entry_<function>` (the entry ABI of kern_runtime.h), or nil if
    /// the module exports no such function.
    func address(ofEntry function: String) -> UnsafeRawPointer?
}

/// The `kern_entry_<function>` addresses of one loaded module by Kern function name: the
/// one lookup behind `address(ofEntry:)` of both loaders (`JITModule`, `LinkedModule`),
/// which differ only in how they free the code.
struct EntryTable: Sendable {
    let addresses: [String: UInt]

    init(_ addresses: [String: UInt]) { self.addresses = addresses }

    func address(ofEntry function: String) -> UnsafeRawPointer? {
        addresses[function].flatMap { UnsafeRawPointer(bitPattern: $0) }
    }
}

/// Code of one module loaded by ORC. Keep it alive while calling its entry points: its
/// deinit frees the code.
public final class JITModule: LoadedCode, @unchecked Sendable {
    private let engine: JITEngine
    private let dylib: Dylib
    private let entries: EntryTable

    fileprivate init(engine: JITEngine, dylib: Dylib, entries: EntryTable) {
        self.engine = engine
        self.dylib = dylib
        self.entries = entries
    }

    deinit { engine.unload(dylib) }

    public func address(ofEntry function: String) -> UnsafeRawPointer? {
        entries.address(ofEntry: function)
    }

    /// Names of the functions with entry points.
    public var functionNames: [String] { entries.addresses.keys.sorted() }
}
