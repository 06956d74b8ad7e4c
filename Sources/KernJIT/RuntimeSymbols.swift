/// The host functions JIT-compiled code may call, with their addresses in this process:
/// the Kern runtime (exactly KernABI's `RuntimeFunction.allCases`) and the C library
/// functions LLVM may emit calls to (libm, memset/memcpy). They are defined as absolute
/// symbols in every module's JITDylib, because test binaries and apps do not export
/// their symbols to dlsym.
import CLLVM
import KernABI
import KernRuntime

enum RuntimeSymbols {
    /// (name, address) pairs, computed once.
    static let all: [(String, UInt)] = runtime + libc

    /// The runtime functions of KernABI's table, at their addresses in this process.
    private static let runtime: [(String, UInt)] = RuntimeFunction.allCases.map { f in
        guard let address = kern_rt_symbol_address(f.symbol) else {
            preconditionFailure("KernRuntime does not list \(f.symbol) (kern_rt_symbols.c)")
        }
        return (f.symbol, UInt(bitPattern: address))
    }

    private static let libc: [(String, UInt)] = {
        var names: UnsafePointer<UnsafePointer<CChar>?>?
        var addrs: UnsafePointer<UnsafeRawPointer?>?
        let count = kern_llvm_libc_symbols(&names, &addrs)
        guard let names, let addrs else { return [] }
        return (0..<count).compactMap { i in
            guard let name = names[i], let addr = addrs[i] else { return nil }
            return (String(cString: name), UInt(bitPattern: addr))
        }
    }()
}
