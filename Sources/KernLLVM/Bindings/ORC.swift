/// Bindings: ORC's LLJIT, for KernJIT. One `LLJIT` per process; each loaded module goes
/// into its own `JITDylib` (a `Dylib` handle here) so modules may define the same names.
import CLLVM
import Foundation

/// A JITDylib of an `LLJIT` (owned by the JIT's session; `LLJIT.clear` frees its code).
package struct Dylib: @unchecked Sendable {
    fileprivate let ref: LLVMOrcJITDylibRef
}

package final class LLJIT: @unchecked Sendable {
    private let ref: LLVMOrcLLJITRef

    /// An LLJIT compiling for the host CPU with all its features (the optimizer's target).
    package init() throws {
        try LLVMLibrary.load()
        let machine = try HostTargetMachine.make()
        let builder = LLVMOrcCreateLLJITBuilder()
        // The builder takes the target machine builder, which takes the machine.
        let jtmb = LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine(machine)
        LLVMOrcLLJITBuilderSetJITTargetMachineBuilder(builder, jtmb)
        var jit: LLVMOrcLLJITRef?
        try LLVMError.check(LLVMOrcCreateLLJIT(&jit, builder), "cannot create the JIT")
        guard let jit else { throw LLVMError("cannot create the JIT") }
        ref = jit
        kern_jit_install_error_reporter(LLVMOrcLLJITGetExecutionSession(jit))
    }

    deinit { _ = LLVMError.take(LLVMOrcDisposeLLJIT(ref), "") }

    /// A new, empty JITDylib.
    package func createDylib(named name: String) throws -> Dylib {
        var dylib: LLVMOrcJITDylibRef?
        try LLVMError.check(
            LLVMOrcExecutionSessionCreateJITDylib(
                LLVMOrcLLJITGetExecutionSession(ref), &dylib, name),
            "cannot create a JITDylib")
        guard let dylib else { throw LLVMError("cannot create a JITDylib") }
        return Dylib(ref: dylib)
    }

    /// Defines `symbols` (name, address) as exported, callable absolute symbols in `dylib`.
    package func defineAbsolute(_ symbols: [(String, UInt)], in dylib: Dylib) throws {
        try withCStrings(symbols.map(\.0)) { cNames in
            var addrs: [UnsafeRawPointer?] = symbols.map { UnsafeRawPointer(bitPattern: $0.1) }
            try LLVMError.check(
                kern_jit_define_absolute(ref, dylib.ref, cNames, &addrs, symbols.count),
                "cannot define runtime symbols")
        }
    }

    /// Lets `dylib` resolve anything else from the symbols of this process (dlsym).
    package func addProcessSymbols(to dylib: Dylib) {
        var generator: LLVMOrcDefinitionGeneratorRef?
        let prefix = LLVMOrcLLJITGetGlobalPrefix(ref)
        if LLVMError.take(
            LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(&generator, prefix, nil, nil), "")
            == nil, let generator
        {
            LLVMOrcJITDylibAddGenerator(dylib.ref, generator)
        }
    }

    /// Hands a copy of `module` (with its context) to the JIT, to be compiled into `dylib`.
    package func add(_ module: CompiledModule, to dylib: Dylib) throws {
        let clone = module.module.clone()
        guard let llvmModule = clone.release() else { throw LLVMError("empty module") }
        let tsm = LLVMOrcCreateNewThreadSafeModule(llvmModule, module.context.threadSafe)
        try LLVMError.check(LLVMOrcLLJITAddLLVMIRModule(ref, dylib.ref, tsm), "cannot add module")
    }

    /// Hands a relocatable object file (as `CompiledModule.objectCode` or a compile cache
    /// gives it) to the JIT, to be linked into `dylib`: no LLVM optimization or code
    /// generation runs for it. LLVM checks the object's format when it is linked.
    package func addObject(_ bytes: [UInt8], named name: String, to dylib: Dylib) throws {
        let buffer = bytes.withUnsafeBufferPointer { raw in
            raw.withMemoryRebound(to: CChar.self) {
                LLVMCreateMemoryBufferWithMemoryRangeCopy($0.baseAddress, $0.count, name)
            }
        }
        guard let buffer else { throw LLVMError("cannot copy the object file") }
        // The JIT owns the buffer from here on, also when adding fails.
        try LLVMError.check(
            LLVMOrcLLJITAddObjectFile(ref, dylib.ref, buffer), "cannot add the object file")
    }

    /// Looks `names` up in `dylib` only (compiling what they need); their addresses.
    package func lookup(_ names: [String], in dylib: Dylib) throws -> [UInt] {
        guard !names.isEmpty else { return [] }
        var addresses = [UInt64](repeating: 0, count: names.count)
        try withCStrings(names) { cNames in
            let error = kern_jit_lookup(ref, dylib.ref, cNames, &addresses, names.count)
            if let failure = LLVMError.take(error, "JIT compilation failed") {
                throw sessionDetail(failure)
            }
        }
        return addresses.map { UInt($0) }
    }

    /// Frees the code and data of `dylib`.
    package func clear(_ dylib: Dylib) { _ = LLVMError.take(LLVMOrcJITDylibClear(dylib.ref), "") }

    /// Adds the session's own report (e.g. the name of a missing symbol) to an error.
    private func sessionDetail(_ error: LLVMError) -> LLVMError {
        guard let detail = kern_jit_take_session_error() else { return error }
        defer { free(detail) }
        return LLVMError(error.message + " (" + String(cString: detail) + ")")
    }
}

/// Calls `body` with a C array of NUL-terminated copies of `strings`.
private func withCStrings<R>(
    _ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) throws -> R
) rethrows -> R {
    let copies = strings.map { strdup($0) }
    defer { for c in copies { free(c) } }
    let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
    return try pointers.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { preconditionFailure("empty name list") }
        return try body(base)
    }
}
