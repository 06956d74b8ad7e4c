/// Where Kern keeps files between processes, and whether it may: one rule shared by the
/// compile cache (Kern's CompileCache.swift) and the remembered `llvm-config` answer
/// (KernLLVM's LLVMConfigAnswers.swift), so `KERN_CACHE_DIR` and `KERN_CACHE=off` govern
/// both.
package enum CacheLocation {
    /// `$KERN_CACHE_DIR`, else `$XDG_CACHE_HOME/kern`, else `$HOME/.cache/kern`; nil when
    /// none of them is set (empty counts as unset).
    package static func directory(environment env: [String: String]) -> String? {
        func nonEmpty(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        return nonEmpty("KERN_CACHE_DIR")
            ?? nonEmpty("XDG_CACHE_HOME").map { $0 + "/kern" }
            ?? nonEmpty("HOME").map { $0 + "/.cache/kern" }
    }

    /// False with `KERN_CACHE=off` (or `0`, `false`, `no`, any case).
    package static func enabled(environment env: [String: String]) -> Bool {
        !["off", "0", "false", "no"].contains((env["KERN_CACHE"] ?? "").lowercased())
    }
}
