import KernBasics
import Testing

@testable import KernSema

/// A user function named like a built-in replaces it in the whole file (decisions.md):
/// a warning says so, at the function's name (issue 15.6).
@Suite struct BuiltinShadowingTests {
    @Test(arguments: ["sqrt", "print", "min", "atomicAdd", "Double", "Int64"])
    func userFunctionHidingABuiltinWarns(name: String) {
        let run = sema("func \(name)(x: Int) -> Int { x }\nfunc f() -> Int { \(name)(x: 2) }")
        #expect(run.program != nil, "\(run.messages)")
        let warnings = run.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.count == 1, "\(run.messages)")
        if let w = warnings.first {
            #expect(w.message == "function '\(name)' hides the built-in '\(name)'")
            #expect(run.file.position(of: w.range.start) == SourcePos(line: 1, column: 6))
            #expect(w.help?.contains("rename") == true)
        }
    }

    @Test func ordinaryNamesDoNotWarn() {
        let run = sema(
            "func square(x: Int) -> Int { x * x }\nfunc sqrtOf(x: Double) -> Double { sqrt(x) }")
        #expect(run.program != nil)
        #expect(run.diagnostics.isEmpty, "\(run.messages)")
    }
}
