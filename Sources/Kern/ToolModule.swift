import Foundation
import KernBasics
import KernIR
internal import KernLLVM

/// The optimized LLVM module behind the texts tools show (LLVM IR, assembly, object
/// code), for every kind of compiled code (`JITCompiledCode`, `LazyCode`, `EmittedCode`).
/// When the compile did not keep it (code from the cache, a lazily compiled module) it is
/// made again from the Kern IR on first use, with the same options and target, so it is
/// the same module. LLVM objects are not thread-safe: every use is under `lock`.
final class ToolModule: @unchecked Sendable {
    private let ir: KernIR.Module
    private let options: CompileOptions
    private let lock = NSLock()
    /// Under `lock`.
    private var compiled: CompiledModule?

    init(ir: KernIR.Module, options: CompileOptions, compiled: CompiledModule?) {
        self.ir = ir
        self.options = options
        self.compiled = compiled
    }

    /// The module, compiled first if there is none yet. Call under `lock`.
    private func module() throws -> CompiledModule {
        if let compiled { return compiled }
        let made = try LLVMBackend.compile(ir, options: options)
        compiled = made
        return made
    }

    /// Printed on demand: most modules are never shown. A module that cannot be made
    /// again shows why instead.
    var llvmIR: String {
        lock.withLock {
            do { return try module().llvmIR() } catch {
                return "; LLVM IR unavailable: \(error)\n"
            }
        }
    }

    /// As `llvmIR`: a module that cannot be made again shows no libmvec call.
    var callsVectorMathLibrary: Bool {
        lock.withLock { (try? module().callsVectorMathLibrary) ?? false }
    }

    func assembly(entryPrefix: String?) throws -> String {
        try lock.withLock {
            do { return try module().assembly(entryPrefix: entryPrefix) } catch {
                throw KernError(backendFailure: error)
            }
        }
    }

    func objectCode(entryPrefix: String?) throws -> [UInt8] {
        try lock.withLock {
            do { return try module().objectCode(entryPrefix: entryPrefix) } catch {
                throw KernError(backendFailure: error)
            }
        }
    }
}

/// Compiled code whose tool texts are its `ToolModule`'s.
protocol ToolModuleCode: CompiledCode {
    var tools: ToolModule { get }
}

extension ToolModuleCode {
    var llvmIR: String { tools.llvmIR }
    var callsVectorMathLibrary: Bool { tools.callsVectorMathLibrary }

    func assembly(entryPrefix: String?) throws -> String {
        try tools.assembly(entryPrefix: entryPrefix)
    }

    func objectCode(entryPrefix: String?) throws -> [UInt8] {
        try tools.objectCode(entryPrefix: entryPrefix)
    }
}
