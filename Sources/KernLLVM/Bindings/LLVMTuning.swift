/// Measurement overrides of LLVM's optimizer and code generator, read once from the
/// environment (docs/compile-time.md, "Trying other pipelines"). They exist so pipeline
/// and code-generator choices can be compared with one build of Kern, in process, on
/// the real compile path; they are not a tuning interface for users.
///
/// - `KERN_LLVM_PASSES`: a new-pass-manager pipeline text (e.g. `default<O2>`) that
///   replaces Kern's own pipeline at -O1 and above.
/// - `KERN_CODEGEN_OPT`: the code generator's level, 0–3, instead of the compile's -O.
///
/// LLVM's own command-line options (`cl::opt`) are deliberately not reachable: LLVM ends
/// the process on an option it does not know, which must never happen to a host app.
///
/// Each one set changes the code, so `identity` (part of the compile cache's key) names it.
import CLLVM
import Foundation

package struct LLVMTuning: Sendable, Equatable {
    package var passes: String?
    package var codegenLevel: Int?
    /// A `KERN_CODEGEN_OPT` that is not 0–3, as written: every compile then throws.
    package var invalidCodegenLevel: String?

    /// The overrides an environment gives (empty values are unset).
    package init(environment env: [String: String]) {
        func nonEmpty(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        passes = nonEmpty("KERN_LLVM_PASSES")
        codegenLevel = nil
        if let text = nonEmpty("KERN_CODEGEN_OPT") {
            if let level = Int(text), (0...3).contains(level) {
                codegenLevel = level
            } else {
                invalidCodegenLevel = text
            }
        }
    }

    /// The code generator's level: the override, else `level`; throws for a
    /// `KERN_CODEGEN_OPT` that is not 0–3 (bad environment is an error, never ignored).
    package func codegenLevel(or level: Int) throws -> Int {
        if let invalidCodegenLevel {
            throw LLVMError(
                "KERN_CODEGEN_OPT='\(invalidCodegenLevel)' is not a code generator level: use 0, 1, 2 or 3, or unset it")
        }
        return codegenLevel ?? level
    }

    /// This process's overrides.
    package static let current = LLVMTuning(environment: ProcessInfo.processInfo.environment)

    /// "" when nothing is overridden, else one line naming every override (cache key).
    package var identity: String {
        var parts: [String] = []
        if let passes { parts.append("passes=\(passes)") }
        if let codegenLevel { parts.append("codegen=\(codegenLevel)") }
        return parts.joined(separator: ";")
    }
}
