import KernBasics
import Testing

@testable import KernSyntax

/// Issue 18.4: C habits get one error each, at the operator (or `for (`), with the
/// Kern spelling quoted from the user's own text — and no misleading "remove the '+'".
@Suite struct CHabitTests {
    func only(_ source: String) -> (message: String, help: String?, at: String, length: Int)? {
        let (_, diagnostics, file) = parse(source)
        guard diagnostics.count == 1, let d = diagnostics.first else { return nil }
        let p = file.position(of: d.range.start)
        return (
            d.message, d.help, "\(p.line):\(p.column)",
            Int(d.range.end.offset - d.range.start.offset)
        )
    }

    @Test func postfixIncrementAndDecrement() throws {
        let inc = try #require(only("func f() {\n    i++\n}"))
        #expect(inc.message == "'++' is not available in Kern: use 'i += 1'")
        #expect(inc.help == "write 'i += 1' as a statement of its own")
        #expect(inc.at == "2:6")
        #expect(inc.length == 2, "the caret covers '++'")
        let dec = try #require(only("func f() {\n    m[i, j + 1]--\n}"))
        #expect(dec.message == "'--' is not available in Kern: use 'm[i, j + 1] -= 1'")
        #expect(dec.at == "2:16")
    }

    @Test func incrementInsideExpressionsAndPrefix() throws {
        let inner = try #require(only("func f() {\n    x = a[k++]\n}"))
        #expect(inner.message == "'++' is not available in Kern: use 'k += 1'")
        #expect(inner.at == "2:12")
        let prefix = try #require(only("func f() {\n    --count\n}"))
        #expect(prefix.message == "'--' is not available in Kern: use 'count -= 1'")
        #expect(prefix.at == "2:5")
        #expect(prefix.help?.contains("remove the '+'") != true)
    }

    @Test func spacedOperatorsAreStillOperators() {
        #expect(parse("func f() -> Int { a - -b }").diagnostics.isEmpty)
        #expect(parse("func f() -> Int { - -b }").diagnostics.isEmpty)
        #expect(parse("func f() -> Int { a + +b }").diagnostics.map(\.message) == ["unary '+' is not supported"])
    }

    @Test(arguments: [
        ("for (i = 0; i < n; i++) { }", "write 'for i in 0..<n { ... }'"),
        ("for (int i = 2; i <= n - 1; ++i) { }", "write 'for i in 2...n - 1 { ... }'"),
        ("for (i = n; i < 2 * n; i += 3) { }", "write 'for i in stride(from: n, to: 2 * n, by: 3) { ... }'"),
        ("for (;;) { }", "write 'while true { ... }' for an endless loop"),
        ("for (i = n; i > 0; i--) { }", "write 'for i in a..<b { ... }', or stride(from: a, to: b, by: step) for other steps"),
    ])
    func cStyleForLoops(source: String, help: String) throws {
        let d = try #require(only("func f() {\n    \(source)\n    let after = 1\n}"))
        #expect(d.message == "C-style 'for' loops are not available in Kern")
        #expect(d.help == help)
        #expect(d.at == "2:5")
    }
}
