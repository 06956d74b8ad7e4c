import KernBasics
import KernCompiler
import KernIR
import Testing

/// How IRGen lowers `@vectorize` calls (LowerElementwise.swift): a new result array is
/// allocated without a fill pass (the loop writes every element), a local array still
/// is filled, and the host's variants take the out array as their last, inout parameter.
struct ElementwiseLoweringTests {
    static let source = """
        @vectorize
        func hyp(x: Double, y: Double) -> Double { sqrt(x * x + y * y) }

        func both(x: [Double], y: [Double]) -> [Double] {
            var zeros = [Double](repeating: 0, count: x.count)
            hyp(x, y, out: &zeros)
            return hyp(x, y)
        }
        """

    @Test func resultsAreNotFilledAndVariantsWriteOut() throws {
        let c = try StagedCompiler(stopAfter: .lower).compile(
            SourceFile(name: "e.kern", text: Self.source))
        let module = try #require(c.lowered)
        let text = printModule(module)
        // `both`: the local array is filled (its elements are read before written in
        // general), the elementwise result is not.
        let bothText = try #require(
            text.components(separatedBy: "func @").first { $0.hasPrefix("both(") })
        #expect(bothText.contains("fill %"))
        #expect(bothText.contains("uninitialized"))
        // The host's variants: every parameter an array of the variant's rank, then `out`.
        for rank in 1...3 {
            let id = try #require(module.function(named: "hyp.elementwise\(rank)"))
            let v = module.functions[id]
            #expect(v.returnType == .void && v.isExported)
            #expect(v.params.map(\.name) == ["x", "y", "out"])
            #expect(v.params.map(\.isInout) == [false, false, true])
            #expect(v.params.allSatisfy { $0.type == .array(.double, rank: rank) })
        }
        // The printed form parses back (the IR text format knows `uninitialized`).
        #expect(printModule(try parseModule(text)) == text)
    }
}
