/// The host functions JIT-compiled code may call, with their addresses in this process:
/// the Kern runtime (kern_rt_*) and the C functions of LibcSymbols (the built-in table's
/// math functions, and what LLVM may emit calls to: memset/memcpy, sincos, …). They are
/// defined as absolute symbols in every module's JITDylib, because test binaries and apps
/// do not export their symbols to dlsym.
import CLLVM
import KernRuntime

enum RuntimeSymbols {
    /// (name, address) pairs, computed once.
    static let all: [(String, UInt)] = runtime + LibcSymbols.all

    private static func address<F>(_ f: F) -> UInt {
        UInt(bitPattern: unsafeBitCast(f, to: UnsafeRawPointer.self))
    }

    private static let runtime: [(String, UInt)] = [
        (
            "kern_rt_fail",
            address(
                kern_rt_fail
                    as @convention(c) (
                        UnsafeMutablePointer<KernCallContext>?, Int32, Int32, Int32, Int64, Int64,
                        Int64, UnsafePointer<CChar>?
                    ) -> Void)
        ),
        (
            "kern_parallel_for",
            address(
                kern_parallel_for
                    as @convention(c) (
                        UnsafeMutablePointer<KernCallContext>?, KernBlockBody?,
                        UnsafeMutableRawPointer?,
                        Int64, Int64, Int64
                    ) -> Int32)
        ),
        (
            "kern_rt_alloc",
            address(kern_rt_alloc as @convention(c) (Int64) -> UnsafeMutableRawPointer?)
        ),
        (
            "kern_rt_free",
            address(kern_rt_free as @convention(c) (UnsafeMutableRawPointer?) -> Void)
        ),
        (
            "kern_rt_print_text",
            address(kern_rt_print_text as @convention(c) (UnsafePointer<CChar>?) -> Void)
        ),
        ("kern_rt_print_i64", address(kern_rt_print_i64 as @convention(c) (Int64) -> Void)),
        ("kern_rt_print_u64", address(kern_rt_print_u64 as @convention(c) (UInt64) -> Void)),
        ("kern_rt_print_f64", address(kern_rt_print_f64 as @convention(c) (Double) -> Void)),
        ("kern_rt_print_f32", address(kern_rt_print_f32 as @convention(c) (Float) -> Void)),
        ("kern_rt_print_bool", address(kern_rt_print_bool as @convention(c) (Int32) -> Void)),
        ("kern_rt_print_end", address(kern_rt_print_end as @convention(c) () -> Void)),
    ]
}
