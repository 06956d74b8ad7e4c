import KernBasics
import Testing

@testable import KernSema

/// `for` loops and their `ForLoopInfo` (LANGUAGE.md §4, §5, §7).
@Suite struct LoopTests {
    func loop(_ run: SemaRun, _ index: Int = 0) -> ForLoopInfo? {
        guard let program = run.program else { return nil }
        let ids = program.loops.keys.sorted()
        return index < ids.count ? program.loops[ids[index]] : nil
    }

    @Test func halfOpenAndClosedRanges() {
        let run = expectAccepted(
            body("for i in 0..<n { print(i) }\nfor j in 1...n { print(j) }", params: "n: Int32"))
        guard let program = run.program, let l0 = loop(run, 0), let l1 = loop(run, 1) else {
            return
        }
        #expect(program.locals[l0.variable].type == .scalar(.int32))
        #expect(program.locals[l0.variable].kind == .loopVariable)
        if case .range(let lower?, _, let inclusive) = l0.sequence {
            #expect(!inclusive)
            #expect(program.constants[lower] == .integer(.int32, bits: 0))
        } else {
            Issue.record("expected a range")
        }
        if case .range(_, _, let inclusive) = l1.sequence { #expect(inclusive) }
        #expect(!l0.isParallel)
    }

    @Test func strides() {
        let run = expectAccepted(
            body(
                "for i in stride(from: 10, to: 0, by: -2) { print(i) }\nfor j in stride(from: 0, through: 9, by: 3) { print(j) }"
            ))
        guard let l0 = loop(run, 0), let l1 = loop(run, 1) else { return }
        if case .stride(_, _, let by, let inclusive) = l0.sequence {
            #expect(!inclusive)
            #expect(run.program?.constants[by] == .integer(.int64, bits: UInt64(bitPattern: -2)))
        } else {
            Issue.record("expected a stride")
        }
        if case .stride(_, _, _, let inclusive) = l1.sequence { #expect(inclusive) }
    }

    @Test func indicesAndPrangeForms() {
        let run = expectAccepted(
            body(
                "for i in x.indices { print(i) }\nfor i in prange(n) { print(i) }\nfor i in prange(2..<n) { print(i) }\nfor i in prange(x.indices) { print(i) }",
                params: "x: [Float], n: Int"))
        guard let l0 = loop(run, 0), let l1 = loop(run, 1), let l2 = loop(run, 2),
            let l3 = loop(run, 3)
        else { return }
        if case .indices = l0.sequence {} else { Issue.record("expected indices") }
        if case .range(nil, _, false) = l1.sequence {
        } else {
            Issue.record("expected prange(n) as 0..<n")
        }
        if case .range(_?, _, false) = l2.sequence {} else { Issue.record("expected a range") }
        if case .indices = l3.sequence {} else { Issue.record("expected indices") }
        #expect(!l0.isParallel && l1.isParallel && l2.isParallel && l3.isParallel)
    }

    @Test func floatingStrideAllowed() {
        let run = expectAccepted(
            body(
                "for x in stride(from: 0.0, to: 1.0, by: 0.25) { print(x) }\nfor y in stride(from: 1, to: 0, by: f) { print(y) }",
                params: "f: Float"))
        #expect(run.program?.locals[run.local("x")!].type == .scalar(.double))
        #expect(run.program?.locals[run.local("y")!].type == .scalar(.float))
    }

    /// Rejected programs, one `expectError` each: Rejections/LoopTests.txt.
    static let rejected = RejectCase.load("LoopTests")

    @Test(arguments: rejected) func rejects(_ c: RejectCase) { c.check() }

    @Test func literalBoundTakesOtherType() {
        let run = expectAccepted(body("for i in 0..<n { }", params: "n: UInt8"))
        #expect(run.constant(of: "0") == .integer(.uint8, bits: 0))
    }

}
