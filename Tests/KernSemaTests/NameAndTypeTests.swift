import KernBasics
import Testing

@testable import KernSema

/// Name resolution, scoping, strict typing and operators (LANGUAGE.md §2, §4).
@Suite struct NameAndTypeTests {
    @Test func functionsVisibleInAnyOrderAndRecursive() {
        let run = expectAccepted(
            """
            func a(n: Int) -> Int { b(n: n) }
            func b(n: Int) -> Int { if n <= 0 { return 0 }; return a(n: n - 1) }
            """)
        #expect(run.call(of: "b(n: n)") == .function(1))
    }

    @Test func shadowingInInnerBlock() {
        let run = expectAccepted(
            body("let x = 1\nif true {\n    let x = 2.5\n    print(x)\n}\nprint(x)"))
        guard let program = run.program else { return }
        let xs = program.locals.ids.filter { program.locals[$0].name == "x" }
        #expect(xs.count == 2)
        #expect(program.locals[xs[1]].type == .scalar(.double))
    }

    /// Rejected programs, one `expectError` each: Rejections/NameAndTypeTests.txt.
    static let rejected = RejectCase.load("NameAndTypeTests")

    @Test(arguments: rejected) func rejects(_ c: RejectCase) { c.check() }

    @Test func conversionsAccepted() {
        let run = expectAccepted(
            body(
                "let y = Double(n) + d\nlet z = Int32(d)\nlet w = UInt8(7)",
                params: "n: Int, d: Double"))
        #expect(run.call(of: "Double(n)") == .conversion(.double))
        #expect(run.constant(of: "7") == .integer(.uint8, bits: 7))
    }

    @Test func bitwiseOnIntegers() {
        expectAccepted(
            body(
                "let r = (a & b) | (a ^ ~b)\nlet s = a << 3\nlet t = a >> k",
                params: "a: UInt32, b: UInt32, k: Int8"))
        expectError(
            body("let r = a & b", params: "a: Float, b: Float"),
            "binary operator '&' cannot be applied", at: "& b")
    }

    @Test func shiftKeepsLeftType() {
        let run = expectAccepted(body("let s = a << k", params: "a: UInt16, k: Int"))
        #expect(run.type(of: "a << k") == .scalar(.uint16))
    }

    @Test func logicalOperatorsNeedBool() {
        expectAccepted(body("let r = a && !b || a", params: "a: Bool, b: Bool"))
        expectError(
            body("let r = a && n", params: "a: Bool, n: Int"),
            "operator '&&' needs Bool operands, but the right operand has type 'Int'", at: "&& n",
            help: "n != 0")
    }

    @Test func comparisonsYieldBool() {
        let run = expectAccepted(body("let r = a < b", params: "a: Float, b: Float"))
        #expect(run.type(of: "a < b") == .scalar(.bool))
    }

    @Test func ternaryArmsSameType() {
        let run = expectAccepted(body("let r = c ? x : 0", params: "c: Bool, x: Float"))
        #expect(run.type(of: "0") == .scalar(.float))
        expectError(
            body("let r = c ? x : n", params: "c: Bool, x: Float, n: Int"),
            "result values in '? :' expression have mismatching types 'Float' and 'Int'", at: "n\n")
    }

    @Test func attributesAccepted() {
        let run = expectAccepted(
            "@vectorize func f(x: Float) -> Float { x * 2 }\n@inline(never) func g() {}")
        #expect(run.program?.functions[0].isVectorize == true)
        #expect(run.program?.functions[1].inline == "never")
    }

    @Test func int64AliasResolves() {
        let run = expectAccepted(body("let a: Int64 = 1\nlet b: Int = a"))
        #expect(run.program?.locals[run.local("a")!].type == .scalar(.int64))
    }

}
