/// Measurement overrides of LLVM's optimizer and code generator, read once from the
/// environment (docs/compile-time.md, "Trying other pipelines"). They exist so pipeline
/// and code-generator choices can be compared with one build of Kern, in process, on
/// the real compile path; they are not a tuning interface for users.
///
/// - `KERN_LLVM_PASSES`: a new-pass-manager pipeline text (e.g. `default<O2>`) that
///   replaces Kern's own pipeline at -O1 and above.
/// - `KERN_CODEGEN_OPT`: the code generator's level, 0–3, instead of the compile's -O.
/// - `KERN_LLVM_OPTIONS`: LLVM command-line options (space-separated, e.g.
///   `-enable-epilogue-vectorization=false`), set once for the process when LLVM loads.
///
/// Each one set changes the code, so `identity` (part of the compile cache's key) names it.
import CLLVM
import Foundation

package struct LLVMTuning: Sendable, Equatable {
    package var passes: String?
    package var codegenLevel: Int?
    package var llvmOptions: [String]

    /// The overrides an environment gives (empty values are unset; a `KERN_CODEGEN_OPT`
    /// that is not 0–3 is ignored with a warning on standard error).
    package init(environment env: [String: String]) {
        func nonEmpty(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        passes = nonEmpty("KERN_LLVM_PASSES")
        codegenLevel = nil
        if let text = nonEmpty("KERN_CODEGEN_OPT") {
            if let level = Int(text), (0...3).contains(level) {
                codegenLevel = level
            } else {
                FileHandle.standardError.write(
                    Data("kern: warning: KERN_CODEGEN_OPT='\(text)' is not 0–3; ignored\n".utf8))
            }
        }
        llvmOptions = (nonEmpty("KERN_LLVM_OPTIONS") ?? "").split(separator: " ").map(String.init)
    }

    /// This process's overrides.
    package static let current = LLVMTuning(environment: ProcessInfo.processInfo.environment)

    /// "" when nothing is overridden, else one line naming every override (cache key).
    package var identity: String {
        var parts: [String] = []
        if let passes { parts.append("passes=\(passes)") }
        if let codegenLevel { parts.append("codegen=\(codegenLevel)") }
        if !llvmOptions.isEmpty {
            parts.append("llvm-options=\(llvmOptions.joined(separator: " "))")
        }
        return parts.joined(separator: ";")
    }

    /// Hands `llvmOptions` to LLVM, once per process (LLVM's options are process-wide).
    /// Called right after libLLVM is loaded.
    static let applied: Void = {
        let options = current.llvmOptions
        guard !options.isEmpty else { return }
        let copies = (["kern"] + options).map { strdup($0) }
        defer { for c in copies { free(c) } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        LLVMParseCommandLineOptions(Int32(pointers.count), pointers, nil)
    }()
}
