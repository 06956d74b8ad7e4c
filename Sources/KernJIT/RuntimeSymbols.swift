/// The host functions JIT-compiled code may call, with their addresses in this process:
/// the Kern runtime (exactly KernABI's `RuntimeFunction.allCases`) and the C functions of
/// LibcSymbols (the built-in table's math functions, and what LLVM may emit calls to:
/// memset/memcpy, sincos, …). They are defined as absolute symbols in every module's
/// JITDylib, because test binaries and apps do not export their symbols to dlsym.
import KernABI
import KernRuntime

enum RuntimeSymbols {
    /// (name, address) pairs, computed once.
    static let all: [(String, UInt)] = runtime + LibcSymbols.all

    /// The runtime functions of KernABI's table, at their addresses in this process.
    private static let runtime: [(String, UInt)] = RuntimeFunction.allCases.map { f in
        guard let address = kern_rt_symbol_address(f.symbol) else {
            preconditionFailure("KernRuntime does not list \(f.symbol) (kern_rt_symbols.c)")
        }
        return (f.symbol, UInt(bitPattern: address))
    }
}
