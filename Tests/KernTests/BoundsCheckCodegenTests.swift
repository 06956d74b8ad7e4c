import Foundation
import Testing

@testable import Kern

/// The bounds checks of the benchmark kernels must not stop LLVM from vectorizing their
/// inner loops: `hoist-bounds-checks` versions them behind one range test, and
/// ArrayAliasing's `noalias` removes the runtime alias checks.
@Suite struct BoundsCheckCodegenTests {
    static let kernels = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Kernels")

    /// The LLVM IR of one function of a kernel file compiled with bounds checks.
    func definition(_ function: String, in file: String) throws -> String {
        let m = try KernModule.compile(file: Self.kernels.appendingPathComponent(file))
        let ir = m.llvmIR
        let start = try #require(ir.range(of: "@\(function)("), "no \(function) in \(file)")
        let rest = ir[start.upperBound...]
        let end = rest.range(of: "\ndefine ")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    @Test func checkedMatmulInnerLoopVectorizes() throws {
        // Kernels/matmul.kern's preconditions prove every check: nothing is left to fail.
        let body = try definition("kern_tramp_matmul.prange0", in: "matmul.kern")
        #expect(body.contains("x float>"), "the checked j loop was not vectorized")
        #expect(!body.contains("found.conflict"), "runtime alias checks remain")
        #expect(!body.contains("kern_rt_fail"), "a check the preconditions prove was kept")
    }

    @Test func matmulWithoutPreconditionsIsVersionedAndVectorizes() throws {
        let source = """
            func mm(a: [[Float]], b: [[Float]], c: inout [[Float]]) {
                for i in prange(a.shape(0)) {
                    for k in 0..<a.shape(1) {
                        let aik = a[i, k]
                        for j in 0..<b.shape(1) {
                            c[i, j] = c[i, j] + aik * b[k, j]
                        }
                    }
                }
            }
            """
        let ir = try KernModule.compile(source: source).llvmIR
        let start = try #require(ir.range(of: "@kern_tramp_mm.prange0("))
        let rest = ir[start.upperBound...]
        let body = rest[..<(rest.range(of: "\ndefine ")?.lowerBound ?? rest.endIndex)]
        #expect(body.contains("x float>"), "the versioned j loop was not vectorized")
        #expect(body.contains("kern_rt_fail"), "the checked fallback loop must still report errors")
    }

    @Test func checkedJacobiInnerLoopVectorizes() throws {
        let body = try definition("kern_tramp_jacobiSweep.prange0", in: "jacobi2d.kern")
        #expect(body.contains("x double>"), "the checked stencil loop was not vectorized")
        #expect(!body.contains("found.conflict"), "runtime alias checks remain")
    }

    @Test func checkedHeatStepVectorizes() throws {
        let body = try definition("kern_tramp_heatStep.prange0", in: "heat1d.kern")
        #expect(body.contains("x double>"), "the checked heat1d loop was not vectorized")
    }

    /// Numba's default error model checks an integer division inside the floating-point
    /// loop and so blocks vectorization (nbody: 67 ms → 15 ms without it). Kern's
    /// `check.divisor` on a loop-invariant divisor leaves the loop (it is unswitched), so
    /// the loop still vectorizes.
    @Test func invariantDivisionCheckDoesNotBlockVectorization() throws {
        let source = """
            func scale(x: inout [Double], m: Int) {
                for i in 0..<x.count {
                    x[i] = x[i] * Double(m / 3 + 1) / Double(100 / m)
                }
            }
            """
        let ir = try KernModule.compile(source: source).llvmIR
        #expect(
            ir.contains("fdiv <"), "the loop with an invariant integer division was not vectorized")
        let f = try #require(try KernModule.compile(source: source)["scale"])
        var x = [1.0, 2.0, 3.0]
        #expect(throws: KernError.self) { try f(&x, 0) }  // the division check still fires
    }
}
