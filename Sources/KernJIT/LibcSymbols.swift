import KernBasics

/// The C functions JIT-compiled code may call that are not Kern's runtime: every C math
/// function of the built-in table (`MathFunction.entry`, both precisions, with the address
/// the interpreter calls too), and the C library functions LLVM itself may emit calls to
/// (`memset` for a zeroing loop, `sincos` for a sin/cos pair, `ldexp`, `exp10`, …).
/// They are defined as absolute symbols in every module's JITDylib (RuntimeSymbols).
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

enum LibcSymbols {
    /// (name, address) pairs, computed once.
    static let all: [(String, UInt)] = builtins + emittedByLLVM

    /// The table's C functions: adding a built-in adds its symbols here.
    private static let builtins: [(String, UInt)] = MathFunction.allCases.flatMap {
        f -> [(String, UInt)] in
        switch f.entry.implementation {
        case .function(let c, _): return c.symbols
        case .inline: return []
        }
    }

    /// Functions LLVM's optimizer and code generator introduce on their own (libcalls of
    /// intrinsics, combined calls, memory intrinsics). Looked up in the process's loaded
    /// libraries: unlike Kern's runtime, the C library exports them to `dlsym`.
    static let llvmLibcallNames = [
        "rint", "rintf", "nearbyint", "nearbyintf", "fmod", "fmodf", "fabs", "fabsf",
        "fmin", "fminf", "fmax", "fmaxf", "ldexp", "ldexpf", "frexp", "frexpf",
        "sincos", "sincosf", "exp10", "exp10f", "memset", "memcpy", "memmove", "memcmp",
    ]

    private static let emittedByLLVM: [(String, UInt)] = {
        let process = dlopen(nil, RTLD_NOW)
        return llvmLibcallNames.compactMap { name in
            guard let address = dlsym(process, name) else { return nil }
            return (name, UInt(bitPattern: address))
        }
    }()
}
