import KernBasics
import KernSyntax
import Testing

@testable import KernSema

/// File-scope `let` constants (issue 18.1): values computed at compile time with Kern's
/// semantics, uses recorded as constants, and the diagnostics with their carets and helps.
@Suite struct FileConstantTests {
    /// The value recorded for the use `text` (an expression in `f`).
    func value(_ run: SemaRun, _ text: String) -> ConstantValue? {
        guard let program = run.program, let e = run.expr(text) else { return nil }
        return program.constants[e]
    }

    @Test func usesAreConstantsInTheirType() {
        let run = expectAccepted(
            """
            let n: Int32 = 1 << 4
            let k = n - 1
            let h: Float = 0.1
            func f() -> Int32 { let x = h * 2; return k }
            """)
        #expect(value(run, "k") == .integer(.int32, bits: 15))
        #expect(value(run, "h") == .floating(.float, Double(Float(0.1))))
        #expect(run.type(of: "h * 2") == .scalar(.float))
    }

    @Test func evaluationFollowsRunTimeSemantics() {
        let cases: [(String, ConstantValue)] = [
            ("Int8(127) + 1", .integer(.int8, bits: UInt64(bitPattern: -128))),
            ("UInt8(0) - 1", .integer(.uint8, bits: 255)),
            ("-9 / 4", .integer(.int64, bits: UInt64(bitPattern: -2))),
            ("Int.min / -1", .integer(.int64, bits: UInt64(bitPattern: Int64.min))),
            ("1 << 64", .integer(.int64, bits: 0)),
            ("-8 >> 100", .integer(.int64, bits: UInt64(bitPattern: -1))),
            ("UInt32(Double.nan)", .integer(.uint32, bits: 0)),
            ("Int32(-1e20)", .integer(.int32, bits: UInt64(bitPattern: Int64(Int32.min)))),
            ("UInt16(70000.5)", .integer(.uint16, bits: 65535)),
            ("Float(1) / 3", .floating(.float, Double(Float(1) / 3))),
            ("3 > 2 ? 1.5 : 2.5", .floating(.double, 1.5)),
        ]
        for (expression, expected) in cases {
            let run = expectAccepted("let C = \(expression)\nfunc f() { let y = C }")
            #expect(value(run, "C") == expected, "\(expression)")
        }
    }

    @Test func aCycleIsReportedOnceWithItsChain() {
        let run = expectError(
            "let a = b + 1\nlet b = c * 2\nlet c = a\nfunc f() -> Int { a }",
            "file-scope constant 'a' depends on itself: a → b → c → a", at: "a\nfunc",
            help: "does not use the others")
        #expect(run.diagnostics[0].notes.first?.message == "'a' declared here")
    }

    @Test func nonConstantInitializerPointsAtTheCulprit() {
        expectError(
            "func g() -> Int { 2 }\nlet n = 1 + g()", "must be known at compile time",
            at: "g()", occurrence: 2, help: "compute anything else inside a function")
        expectError("let r = Double.random(in: 0..<1)", "must be known at compile time", at: "Double.random")
    }

    @Test func fileScopeVarIsRejectedAtTheKeyword() {
        let run = expectError(
            "var total = 0\nfunc f() -> Int { total }", "'var' is not allowed at file scope",
            line: 1, column: 1, help: "use 'let' for a compile-time constant")
        #expect(run.diagnostics[0].range.end.offset == 3, "the caret covers 'var'")
    }

    @Test func duplicatesAndClashes() {
        expectError("let n = 1\nlet n = 2", "invalid redeclaration of 'n'", line: 2, column: 5)
        expectError(
            "let f = 1\nfunc f() {}", "invalid redeclaration of 'f'", line: 1, column: 5,
            help: "cannot share a name")
        expectError("let sqrt = 2.0", "that is a built-in name", line: 1, column: 5)
    }

    @Test func localsShadowFileConstants() {
        let run = expectAccepted("let n = 5\nfunc f() -> Int { let n = 2.5; return Int(n) }")
        // The only `n` expression is the use in `Int(n)`: the local Double, not the constant.
        #expect(run.type(of: "n") == .scalar(.double))
        if let program = run.program, let e = run.expr("n") {
            #expect(program.constants[e] == nil)
        }
    }

    @Test func assigningAFileConstantIsAnError() {
        expectError(
            "let n = 5\nfunc f() { n += 1 }", "'n' is a file-scope 'let' constant", at: "n +=",
            help: "var myn = n")
    }

    @Test func arraysAndMissingValuesAreRejected() {
        expectError("let a: [Double] = 1", "must have a scalar type", line: 1, column: 8)
        expectError("let a: Int", "needs a value", line: 1, column: 5, help: "let a = value")
    }

    @Test func fileConstantsAreAffineInPrangeIndices() {
        // A file constant in a prange index is loop invariant to the race checker.
        expectAccepted(
            """
            let W = 4
            func f(a: inout [Double]) {
                for i in prange(8) { for j in 0..<W { a[i * W + j] = 1 } }
            }
            """)
    }
}
