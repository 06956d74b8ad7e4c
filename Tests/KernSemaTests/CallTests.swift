import KernBasics
import Testing

@testable import KernSema

/// Calls, labels, inout rules, and the built-ins of LANGUAGE.md §3, §8.
@Suite struct CallTests {
    static let bump = "func bump(_ x: inout Int, by n: Int) { x += n }\n"

    @Test func labelsOptionalButMustMatch() {
        expectAccepted(
            "func g(a: Int, b: Int) -> Int { a + b }\nfunc f() -> Int { g(1, 2) + g(a: 1, b: 2) + g(1, b: 2) }"
        )
        expectError(
            "func g(a: Int, b: Int) -> Int { a + b }\nfunc f() -> Int { g(a: 1, c: 2) }",
            "incorrect argument label in call (have 'c:', expected 'b:')", line: 2, column: 27,
            help: "'b:'")
    }

    /// Rejected programs, one `expectError` each: Rejections/CallTests.txt.
    static let rejected = RejectCase.load("CallTests")

    @Test(arguments: rejected) func rejects(_ c: RejectCase) { c.check() }

    @Test func argumentCount() {
        expectError(
            "func g(a: Int) {}\nfunc f() { g(1, 2) }", "extra argument in call to 'g'", at: "g(1")
        expectError(
            "func g(a: Int, b: Int) {}\nfunc f() { g(1) }",
            "missing argument for parameter 'b' in call", at: "g(1")
    }

    @Test func inoutNeedsAmpersand() {
        expectAccepted(Self.bump + "func f() { var c = 0\nbump(&c, by: 2) }")
        expectError(
            Self.bump + "func f() { var c = 0\nbump(c, by: 2) }",
            "passing value of type 'Int' to an inout parameter requires explicit '&'", at: "c, by",
            help: "&c")
    }

    @Test func inoutNeedsMutableVariable() {
        expectError(
            Self.bump + "func f() { let c = 0\nbump(&c, by: 2) }",
            "cannot pass immutable value as inout argument: 'c' is a 'let' constant", at: "c, by",
            help: "'var'")
        expectError(
            Self.bump + "func f(p: Int) { bump(&p, by: 2) }",
            "'p' is a parameter that is not inout", at: "p, by", help: "inout")
    }

    @Test func inoutParameterCanBePassedOn() {
        expectAccepted(Self.bump + "func f(p: inout Int) { bump(&p, by: 2) }")
    }

    @Test func ampersandElsewhere() {
        expectError(
            body("var c = 0\nlet d = &c"),
            "'&' may only be used to pass an argument to an inout parameter", at: "&c",
            help: "remove")
        expectError(
            "func g(a: Int) {}\nfunc f() { var c = 0\ng(a: &c) }",
            "'&' used with non-inout argument of type 'Int'", at: "&c")
    }

    @Test func inoutArrays() {
        let g = "func g(a: inout [Double]) { a[0] = 1 }\n"
        expectAccepted(
            g
                + "func f(x: inout [Double]) { var t = [Double](repeating: 0, count: 3)\ng(a: &t)\ng(a: &x) }"
        )
        expectError(
            g + "func f(x: [Double]) { g(a: &x) }", "cannot pass immutable value as inout argument",
            at: "x) }", help: "inout")
        expectError(
            g + "func f(x: inout [Double]) { g(a: x) }", "requires explicit '&'", at: "x) }")
        expectError(
            g + "func f(x: inout [Float]) { g(a: &x) }",
            "cannot convert value of type '[Float]' to expected argument type 'inout [Double]'",
            at: "x) }")
    }

    @Test func mathBuiltins() {
        let run = expectAccepted(
            body(
                "let a = sqrt(x) + pow(x, 2) + fma(x, x, 1)\nlet m = min(n, 3)\nlet k = abs(-n)",
                params: "x: Float, n: Int32"))
        #expect(run.call(of: "sqrt(x)") == .math(.sqrt))
        #expect(run.type(of: "pow(x, 2)") == .scalar(.float))
        #expect(run.constant(of: "2") == .floating(.float, 2))
        #expect(run.type(of: "min(n, 3)") == .scalar(.int32))
    }

    @Test func mathLiteralsDefaultToDouble() {
        let run = expectAccepted(body("let a = sqrt(2)\nlet b = max(1, 2)"))
        #expect(run.type(of: "sqrt(2)") == .scalar(.double))
        #expect(run.type(of: "max(1, 2)") == .scalar(.int64))
    }

    @Test func propertiesAndConstants() {
        let run = expectAccepted(
            body(
                "let a = x.isNaN || x.isInfinite || x.isFinite\nlet p = Float.pi\nlet m = Int8.min\nlet u = UInt16.max\nlet e = Double.ulpOfOne\nlet g = Double.greatestFiniteMagnitude",
                params: "x: Float"))
        #expect(run.member(of: "Float.pi") == .constant(.floating(.float, Double(Float.pi))))
        #expect(
            run.member(of: "Int8.min") == .constant(.integer(.int8, bits: UInt64(bitPattern: -128))))
        #expect(run.member(of: "UInt16.max") == .constant(.integer(.uint16, bits: 65535)))
        #expect(run.member(of: "x.isNaN") == .property(.isNaN))
        #expect(run.type(of: "Int8.min") == .scalar(.int8))
    }

    @Test func unknownConstant() {
        expectError(body("let a = Int.pi"), "type 'Int' has no member 'pi'", at: "pi")
        expectError(
            body("let a = n.isNaN", params: "n: Int"), "value of type 'Int' has no member 'isNaN'",
            at: "isNaN")
    }

    @Test func countAndShape() {
        let run = expectAccepted(
            body("let a = m.count + m.shape(1) + x.count", params: "m: [[Double]], x: [Float]"))
        #expect(run.call(of: "m.shape(1)") == .shape)
        #expect(run.constant(of: "1") == .integer(.int64, bits: 1))
        #expect(run.member(of: "m.count") == .count)
    }

    @Test func shapeDimensionChecked() {
        expectError(
            body("let a = x.shape(1)", params: "x: [Float]"),
            "the dimension of 'shape' must be an integer literal in 0..<1", at: "1)")
        expectError(
            body("let a = x.shape(d)", params: "x: [Float], d: Int"), "integer literal in 0..<1",
            at: "d)")
    }

    @Test func allocation() {
        let run = expectAccepted(
            body(
                "var a = [Double](repeating: 0, count: n)\nvar m = [[Float]](repeating: 1, rows: 2, cols: n)\nvar t = [[[Int32]]](repeating: 0, d0: 2, d1: 3, d2: 4)",
                params: "n: Int"))
        #expect(run.call(of: "[Double](repeating: 0, count: n)") == .allocArray(.double, rank: 1))
        guard let program = run.program else { return }
        #expect(program.locals[run.local("m")!].type == .array(.float, rank: 2))
        #expect(program.locals[run.local("t")!].isLocalArray)
        #expect(program.locals[run.local("a")!].isLocalArray)
    }

    @Test func printAndPrecondition() {
        let run = expectAccepted(
            "func g() -> (Int, Double) { (1, 2.0) }\nfunc f(n: Int) { print(\"n =\", n, 2.5, g())\nprecondition(n > 0)\nprecondition(n < 9, \"too big\") }"
        )
        #expect(run.call(of: "precondition(n > 0)") == .precondition)
        #expect(run.type(of: "\"n =\"") == .string)
    }

}
