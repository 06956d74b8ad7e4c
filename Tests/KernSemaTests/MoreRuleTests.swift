import KernBasics
import Testing

@testable import KernSema

/// Smaller rules and corner cases not covered by the per-area suites.
@Suite struct MoreRuleTests {
    @Test func repeatBodyInitializes() {
        expectAccepted(body("var x: Int\nrepeat { x = 1 } while false\nprint(x)"))
    }

    @Test func repeatConditionSeesBodyAssignments() {
        expectAccepted(body("var x: Int\nrepeat { x = 2 } while x < 1"))
    }

    /// Rejected programs, one `expectError` each: Rejections/MoreRuleTests.txt.
    static let rejected = RejectCase.load("MoreRuleTests")

    @Test(arguments: rejected) func rejects(_ c: RejectCase) { c.check() }

    @Test func varTuplePatternIsMutable() {
        let run = expectAccepted(
            "func g() -> (Int, Double) { (1, 2) }\nfunc f() { var (a, b) = g()\na += 1\nb *= 2 }")
        #expect(run.program?.locals[run.local("b")!].type == .scalar(.double))
    }

    @Test func boolEquality() {
        expectAccepted(body("let e = a == b && a != true", params: "a: Bool, b: Bool"))
    }

    @Test func randomAndAtomicBuiltinsAreTyped() {
        let run = expectAccepted(
            body(
                "let r = Double.random(in: 0..<1)\nlet f: Float = Float.random(in: -1..<1)\n"
                    + "let k = UInt8.random(in: 1..<7)\nlet z = randomNormal()\n"
                    + "var a = [Int](repeating: 0, count: 2)\natomicAdd(&a[k % 2], 1)\nprint(r, f, z)"
            ))
        let kinds = Set((run.program?.calls.values).map(Array.init) ?? [])
        #expect(kinds.contains(.random(.double)))
        #expect(kinds.contains(.random(.float)))
        #expect(kinds.contains(.random(.uint8)))
        #expect(kinds.contains(.randomNormal))
        #expect(kinds.contains(.atomicAdd))
    }

    @Test func randomNeedsAHalfOpenRangeOfItsType() {
        expectError(
            body("let r = Double.random(in: 0...1)"), "needs a half-open range", at: "0...1")
        expectError(body("let k = Int.random(in: 0.5..<1)"), "cannot convert", at: "0.5")
        expectError(
            body("let b = Bool.random(in: 0..<1)"), "'Bool.random' is not supported", at: "random")
    }

    @Test func atomicAddNeedsAWritableNumericElement() {
        expectError(
            "func f(a: [Double]) { atomicAdd(&a[0], 1) }", "read-only array parameter", at: "a[0]")
        expectError(body("var s = 0\natomicAdd(&s, 1)"), "must be an array element", at: "&s")
    }

    @Test func strideLiteralsTakeTypedBound() {
        let run = expectAccepted(
            body("for i in stride(from: 0, to: n, by: 2) { print(i) }", params: "n: Int16"))
        #expect(run.constant(of: "2") == .integer(.int16, bits: 2))
    }

    @Test func userFunctionWinsOverBuiltinName() {
        let run = sema("func sqrt(_ x: Int) -> Int { x }\nfunc f() -> Int { sqrt(4) }")
        // Accepted, with a warning (BuiltinShadowingTests).
        #expect(run.diagnostics.map(\.severity) == [.warning])
        #expect(run.call(of: "sqrt(4)") == .function(0))
    }

    @Test func referencesTable() {
        let run = expectAccepted(
            "func g(a: Int) -> Int { a }\nfunc f() -> Int { let k = 3\nreturn g(a: k) + Int(2.5) }")
        guard let program = run.program else { return }
        #expect(program.references[run.expr("g")!] == .function(0))
        #expect(program.references[run.expr("Int")!] == .type(.scalar(.int64)))
        if case .local(let id)? = program.references[run.expr("k")!] {
            #expect(program.locals[id].name == "k" && program.locals[id].function == 1)
        } else {
            Issue.record("k is not a local reference")
        }
    }
}
