import Foundation
import Testing

@testable import Kern

/// Checked vs unchecked on the kernels whose checks are hoisted or proven (run with
/// `KERN_MEASURE=1 swift test --filter BoundsCheckCost`). One thread, so thread
/// scheduling does not blur the comparison; the minimum of 15 calls of each, since a
/// shared machine only ever makes a call slower. Target: checked ≤ 1.10 × unchecked.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["KERN_MEASURE"] == "1"))
struct BoundsCheckCostMeasurement {
    static let kernels = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Kernels")

    func function(_ file: String, _ name: String, checked: Bool) throws -> KernFunction {
        let m = try KernModule.compile(
            file: Self.kernels.appendingPathComponent(file),
            options: CompileOptions(checked: checked, threads: 1))
        return try #require(m[name])
    }

    /// Minimum seconds of `body` over 15 calls after one warm-up.
    func compare(_ label: String, _ run: (KernFunction) throws -> Void, file: String, name: String)
        throws
    {
        let checkedFunction = try function(file, name, checked: true)
        let uncheckedFunction = try function(file, name, checked: false)
        let checked = try fastestSeconds(of: 15) { try run(checkedFunction) }
        let unchecked = try fastestSeconds(of: 15) { try run(uncheckedFunction) }
        let ratio = checked / unchecked
        print(
            String(
                format: "%@: checked %.2f ms, unchecked %.2f ms, ratio %.2f", label, checked * 1e3,
                unchecked * 1e3, ratio))
        #expect(ratio <= 1.10, "\(label): checked costs \(ratio)× unchecked")
    }

    @Test func heat1d() throws {
        var u = [Double](repeating: 0, count: 1 << 20)
        var scratch = u
        u[u.count / 2] = 100
        try compare(
            "heat1d", { f in try f(&u, &scratch, 20, 0.25) }, file: "heat1d.kern", name: "simulate")
    }

    @Test func logsumexp() throws {
        let x = try Tensor<Double>(shape: [512, 2048], repeating: 0.5)
        var out = [Double](repeating: 0, count: 512)
        try compare("logsumexp", { f in try f(x, &out) }, file: "logsumexp.kern", name: "logsumexp")
    }

    @Test func jacobi2d() throws {
        let a = try Tensor<Double>(shape: [1024, 1024], repeating: 1)
        let b = try Tensor<Double>(shape: [1024, 1024], repeating: 1)
        try compare("jacobi2d", { f in try f(a, b) }, file: "jacobi2d.kern", name: "jacobiSweep")
    }

    @Test func matmul() throws {
        let a = try Tensor<Float>(shape: [256, 256], repeating: 1)
        let b = try Tensor<Float>(shape: [256, 256], repeating: 0.5)
        let c = try Tensor<Float>(shape: [256, 256], repeating: 0)
        try compare("matmul", { f in try f(a, b, c) }, file: "matmul.kern", name: "matmul")
    }
}
