import KernBasics
import KernSyntax
import Testing

@testable import KernSema

/// Error recovery (LANGUAGE.md §9): every independent error in one run, one
/// diagnostic per mistake, and no crash on malformed input.
@Suite struct RecoveryTests {
    @Test func reportsEveryIndependentError() {
        let run = sema(
            """
            func f(n: Int) -> Double {
                let a: Double = n
                let b = n + 1.5
                return a
            }
            func g() {
                let c: Int8 = 300
                undefinedCall()
            }
            """)
        #expect(run.program == nil)
        #expect(run.messages.count == 4, "\(run.messages)")
        #expect(
            run.messages.contains {
                $0.hasPrefix("2:21: cannot convert value of type 'Int' to specified type 'Double'")
            })
        #expect(run.messages.contains { $0.hasPrefix("3:15: binary operator '+'") })
        #expect(run.messages.contains { $0.hasPrefix("7:19: integer literal '300' overflows") })
        #expect(run.messages.contains { $0.hasPrefix("8:5: cannot find 'undefinedCall' in scope") })
    }

    @Test func diagnosticsSortedByPosition() {
        let run = sema("func b() { let x: Int = 1.5 }\nfunc a() { let y = q }")
        let lines = run.diagnostics.map { run.file.position(of: $0.range.start).line }
        #expect(lines == [1, 2])
    }

    /// Rejected programs, one `expectError` each: Rejections/RecoveryTests.txt.
    static let rejected = RejectCase.load("RecoveryTests")

    @Test(arguments: rejected) func rejects(_ c: RejectCase) { c.check() }

    @Test func errorsInsideArgumentsOfAFailedCall() {
        let run = sema(body("unknown(1 + true)"))
        #expect(run.messages.count == 2, "\(run.messages)")
    }

    /// Deleting any single character of valid programs must never crash the checker,
    /// and whatever it accepts has a type for every expression.
    @Test func crashFreeUnderSingleCharacterDeletions() {
        let programs = [
            """
            func dot(x: [Float], y: [Float]) -> Float {
                precondition(x.count == y.count, "length")
                var s: Float = 0
                for i in prange(x.count) { s += x[i] * y[i] }
                return s
            }
            func divmod(_ a: Int, _ b: Int) -> (Int, Int) { (a / b, a % b) }
            func main() {
                var h = [Int](repeating: 0, count: 8)
                var m = [[Double]](repeating: 1, rows: 2, cols: 3)
                let (q, r) = divmod(17, 5)
                for k in stride(from: 0, to: 8, by: 2) { h[k] += q - r; m[0, 1] = -2.5 }
                var t: Int8
                if q > 2 { t = -128 } else { t = Int8.max }
                print(t, Double.pi, m.shape(1), h[1] << 2, sqrt(2.0), min(q, r))
            }
            """
        ]
        var checked = 0
        for source in programs {
            let bytes = Array(source.utf8)
            for i in bytes.indices {
                var mutated = bytes
                mutated.remove(at: i)
                let file = SourceFile(
                    name: "m.kern", text: String(decoding: mutated, as: UTF8.self))
                let (ast, parseDiagnostics) = Parser.parse(file)
                guard !parseDiagnostics.contains(where: { $0.severity == .error }) else { continue }
                let (program, diagnostics) = Sema.check(ast, in: file)
                _ = DiagnosticRenderer().render(diagnostics, in: file)
                checked += 1
                if let program {
                    #expect(diagnostics.isEmpty)
                    #expect(program.exprTypes.count == ast.exprs.count)
                } else {
                    #expect(!diagnostics.isEmpty, "rejected without a diagnostic")
                }
            }
        }
        #expect(checked > 50)
    }
}
