import KernBasics
import Testing

@testable import KernSema

/// `(a..<b).reversed()`, `(a...b).reversed()`, `x.indices.reversed()` (issue 18.3).
@Suite struct ReversedLoopTests {
    @Test func reversedSequencesWrapTheForwardOne() throws {
        let run = expectAccepted(
            body(
                "for i in (0..<n).reversed() { }\nfor j in (Int8(1)...5).reversed() { let k: Int8 = j }\nfor k in x.indices.reversed() { }",
                params: "n: Int, x: [Double]"))
        let program = try #require(run.program)
        let sequences = program.loops.keys.sorted().compactMap { program.loops[$0]?.sequence }
        #expect(sequences.count == 3)
        guard sequences.count == 3 else { return }
        if case .reversed(.range(_, _, let inclusive)) = sequences[0] { #expect(!inclusive) } else {
            Issue.record("not a reversed half-open range: \(sequences[0])")
        }
        if case .reversed(.range(_, _, let inclusive)) = sequences[1] { #expect(inclusive) } else {
            Issue.record("not a reversed closed range: \(sequences[1])")
        }
        if case .reversed(.indices) = sequences[2] {} else {
            Issue.record("not reversed indices: \(sequences[2])")
        }
    }

    @Test func misusesAreExplained() {
        expectError(
            body("for i in stride(from: 0, to: 9, by: 3).reversed() { }"),
            "'reversed()' does not apply to stride(...)", at: "reversed",
            help: "stride(from: last, through: first, by: -step)")
        expectError(
            body("for i in prange((0..<8).reversed()) { }"),
            "'prange' iterations run in any order", at: "reversed")
        expectError(
            body("for i in (0..<8).reversed(2) { }"), "'reversed' takes no arguments", at: "2)")
        expectError(
            body("for i in (1.0..<2.0).reversed() { }"), "only integer ranges can be iterated",
            count: nil)
    }
}
