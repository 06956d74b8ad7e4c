/// Calls inside nested closures (issue 13: "a single-expression closure around a call
/// fails to type-check … until `_ =` is added").
///
/// The failing form — a call as the only expression of a closure passed to a generic
/// `withUnsafe…<R>`, itself the only expression of a closure returning Void — is a Swift
/// 6.3 type-checker limit, not Kern's: the same code with a plain Swift function that
/// returns a value fails too (R is bound to both Void and the result type). Extra
/// Void-returning `callAsFunction` overloads make it compile but make every ordinary
/// call ambiguous (`@_disfavoredOverload` brings the error back), so Kern keeps one result
/// type and documents the two ways to write it; this test keeps both compiling.
import Testing

@testable import Kern

@Suite struct CallInClosureTests {
    private func measure(_ body: () throws -> Void) rethrows { try body() }

    @Test func nestedClosuresWithDiscardedResult() throws {
        let module = try KernModule.compile(
            source: """
                func relax(u: inout [[Double]]) {
                    for i in 0..<u.count { for j in 0..<u[0].count { u[i][j] += 1.0 } }
                }
                """)
        let relax = try module.function(named: "relax")
        var grid = [Double](repeating: 0, count: 6)
        // `_ =` makes the inner closure return Void.
        try measure {
            try grid.withUnsafeMutableBufferPointer { buffer in
                _ = try relax(KernArrayView(buffer, shape: [2, 3]))
            }
        }
        // Or the inner closure states its type.
        try measure {
            try grid.withUnsafeMutableBufferPointer { buffer -> Void in
                try relax(KernArrayView(buffer, shape: [2, 3]))
            }
        }
        #expect(grid == [Double](repeating: 2, count: 6))
    }
}
