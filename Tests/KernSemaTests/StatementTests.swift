import KernBasics
import Testing

@testable import KernSema

/// Bindings, assignments, definite initialization, return analysis and tuples
/// (LANGUAGE.md §3, §4).
@Suite struct StatementTests {
    @Test func deferredInitThroughIfElse() {
        expectAccepted(
            body("var x: Int\nif c { x = 1 } else { x = 2 }\nprint(x)", params: "c: Bool"))
    }

    /// Rejected programs, one `expectError` each: Rejections/StatementTests.txt.
    static let rejected = RejectCase.load("StatementTests")

    @Test(arguments: rejected) func rejects(_ c: RejectCase) { c.check() }

    @Test func deferredInitAfterReturningBranch() {
        expectAccepted(
            body("var x: Int\nif c { return } else { x = 2 }\nprint(x)", params: "c: Bool"))
    }

    @Test func letAssignedOnce() {
        expectAccepted(
            body("let x: Int\nif c { x = 1 } else { x = 2 }\nprint(x)", params: "c: Bool"))
        expectError(
            body("let x: Int\nx = 1\nx = 2"), "immutable value 'x' may only be initialized once",
            at: "x = 2")
        expectError(
            body("let x: Int\nfor i in 0..<3 { x = i }"),
            "immutable value 'x' may only be initialized once",
            at: "x = i")
    }

    @Test func assignToLet() {
        expectError(
            body("let x = 1\nx = 2"), "cannot assign to value: 'x' is a 'let' constant",
            at: "x = 2", help: "'var'")
        expectError(
            body("n += 1", params: "n: Int"), "'n' is a parameter that is not inout", at: "n +=",
            help: "inout")
    }

    @Test func varArrayMustBeAllocated() {
        expectError(
            body("var a = x", params: "x: [Double]"), "a 'var' array must be a new local array",
            at: "a = x")
        expectAccepted(
            body(
                "let a = x\nlet r = m[0]\nprint(a[0] + r[1])", params: "x: [Double], m: [[Double]]")
        )
    }

    @Test func compoundOperatorTypes() {
        expectAccepted(body("var x: UInt8 = 1\nx <<= 2\nx |= 4\nx %= 3\nvar d = 1.0\nd /= 2"))
        expectError(
            body("var d = 1.0\nd %= 2"),
            "binary operator '%=' cannot be applied to two 'Double' operands", at: "%=")
        expectError(
            body("var d = 1.0\nd += n", params: "n: Int"),
            "binary operator '+=' cannot be applied to operands of type 'Double' and 'Int'",
            at: "+=")
    }

    @Test func missingReturnAtFuncKeyword() {
        expectError(
            "func f(c: Bool) -> Int {\n    if c { return 1 }\n}",
            "missing return in global function expected to return 'Int'", line: 1, column: 1)
        expectError(
            "@inline(never) func f(c: Bool) -> Int {\n    if c { return 1 }\n}",
            "missing return", line: 1, column: 16)
    }

    @Test func returnOnAllPaths() {
        expectAccepted(
            "func f(c: Bool) -> Int {\n if c { return 1 } else if !c { return 2 } else { return 3 }\n}"
        )
        expectAccepted("func f() -> Int {\n while true { }\n}")
        expectAccepted("func f() -> Int {\n return 1\n print(2)\n}")
    }

    @Test func singleExpressionBody() {
        let run = expectAccepted("func sq(x: Double) -> Double { x * x }")
        #expect(run.type(of: "x * x") == .scalar(.double))
        expectError(
            "func f(x: Int) -> Double { x }",
            "cannot convert return expression of type 'Int' to return type 'Double'", line: 1,
            column: 28)
    }

    @Test func returnValueChecks() {
        expectError(
            "func f() { return 1 }", "unexpected non-void return value in void function", line: 1,
            column: 19)
        expectError(
            "func f() -> Int {\n return\n}", "non-void function should return a value", line: 2,
            column: 2)
    }

    @Test func tuples() {
        let run = expectAccepted(
            """
            func divmod(_ a: Int, _ b: Int) -> (Int, Int) { return (a / b, a % b) }
            func f() -> Int {
                let (q, r) = divmod(17, 5)
                let t = divmod(9, 2)
                return q + r + t.0 + t.1
            }
            """)
        guard let program = run.program else { return }
        #expect(program.functions[0].returnType == .tuple([.int64, .int64]))
        #expect(program.locals[run.local("t")!].type == .tuple([.int64, .int64]))
        #expect(run.type(of: "t.1") == .scalar(.int64))
        let bindingsWithTwo = program.declaredLocals.values.filter { $0.count == 2 }
        #expect(bindingsWithTwo.count == 1)
    }

    @Test func tupleLiteralTypedByReturnType() {
        let run = expectAccepted("func f() -> (Float, UInt8) { return (1, 2) }")
        #expect(run.constant(of: "1") == .floating(.float, 1))
        #expect(run.constant(of: "2") == .integer(.uint8, bits: 2))
    }

    @Test func declaredLocalsFilled() {
        let run = expectAccepted(body("var a = 1\nlet b: Float = 2"))
        guard let program = run.program else { return }
        #expect(program.declaredLocals.count == 2)
        let a = run.local("a")!
        #expect(program.locals[a].kind == .varBinding && program.locals[a].isMutable)
    }

    @Test func paramLocals() {
        let run = expectAccepted("func f(a: Int, b: inout [Double]) { b[a] = 1 }")
        guard let program = run.program else { return }
        #expect(program.paramLocals[0].count == 2)
        let b = program.paramLocals[0][1]
        #expect(program.locals[b].isInout && program.locals[b].kind == .param(index: 1))
    }

    @Test func subscripts() {
        let run = expectAccepted(
            body(
                "let a = m[i, j] + m[i][j] + m[k][0]\nlet r = m[i]",
                params: "m: [[Float]], i: Int, j: Int, k: Int32"))
        #expect(run.type(of: "m[i]") == .array(.float, rank: 1))
        #expect(run.type(of: "m[i, j]") == .scalar(.float))
    }

}

@Suite struct ViewTests {
    @Test func rowViewIsReadOnly() {
        expectError(
            body("let r = m[0]\nr[1] = 2", params: "m: inout [[Double]]"),
            "cannot assign through subscript: 'r' is a 'let' constant", at: "r[1]",
            help: "read-only view")
    }

    @Test func rowViewPassedToArrayParameter() {
        expectAccepted(
            "func s(_ v: [Double]) -> Double { v[0] }\nfunc f(m: [[Double]]) -> Double { s(m[1]) }")
    }
}

@Suite struct DiscardTests {
    @Test func letUnderscoreDiscards() {
        let run = expectAccepted("func g() -> Int { 1 }\nfunc f() { let _ = g()\ng() }")
        #expect(run.program?.declaredLocals.count == 1)
    }

    @Test func assignToUnderscoreRejected() {
        expectError(
            "func g() -> Int { 1 }\nfunc f() { _ = g() }", "assignment to '_' is not supported",
            line: 2, column: 12, help: "statement")
    }
}
