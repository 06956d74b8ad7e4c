import BenchCore
import Foundation
import Kern

/// Kern (JIT) behind the `KernelSuite` seam: one instance per compile mode and thread
/// count. `prepare` compiles ../Kernels/*.kern (the driver times it as Kern's compile
/// latency); each kernel method calls the compiled function on the driver's arrays —
/// rank-2 data as `KernArrayView`s over the same storage, so nothing is copied.
public final class KernSuite: KernelSuite {
    public enum Mode: String, Sendable { case checked, unchecked }

    public let mode: Mode
    public let threads: Int
    public let name: String
    public let serialCounterpart: String?

    /// Where the Kern versions of the kernels live.
    public static let kernelsDirectory: String = {
        // Benchmarks/Sources/KernPeer/KernSuite.swift → Kernels/
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Kernels").path
    }()

    private var functions: [String: KernFunction] = [:]

    /// `threads` is Kern's worker count (1 gives the serial baseline the speedup
    /// column divides by).
    public init(mode: Mode, threads: Int, serialCounterpart: String? = nil) {
        self.mode = mode
        self.threads = threads
        self.serialCounterpart = serialCounterpart
        self.name = "Kern \(mode.rawValue)" + (threads == 1 ? " 1 thread" : "")
    }

    public func prepare(sizes: Sizes) throws {
        var options = CompileOptions()
        options.checked = mode == .checked
        options.threads = threads
        let files = [
            "saxpy", "dot", "mandelbrot", "nbody", "jacobi2d", "matmul", "black_scholes",
            "histogram", "overhead",
        ]
        for file in files {
            let module = try KernModule.compile(
                path: Self.kernelsDirectory + "/\(file).kern", options: options)
            for f in module.functions { functions[f.name] = f.with(seed: 0, threads: threads) }
        }
    }

    private func function(_ name: String) throws -> KernFunction {
        guard let f = functions[name] else { throw SuiteError.failed("Kern: no function \(name)") }
        return f
    }

    public func saxpy(a: Float, x: [Float], y: inout [Float]) throws {
        try function("saxpy")(a, x, &y)
    }

    public func dot(x: [Double], y: [Double]) throws -> Double {
        try function("dot")(x, y).as(Double.self)
    }

    public func mandelbrot(width: Int, height: Int, maxIterations: Int32, counts: inout [Int32]) throws {
        let f = try function("mandelbrot")
        try counts.withUnsafeMutableBufferPointer { buffer in
            var view = try KernArrayView(buffer, shape: [height, width])
            try f(&view, Int(maxIterations))
        }
    }

    public func nbody(positions: [Double], masses: [Double], accelerations: inout [Double]) throws {
        let f = try function("accelerations")
        let n = masses.count
        try positions.withUnsafeBufferPointer { pos in
            try accelerations.withUnsafeMutableBufferPointer { acc in
                var out = try KernArrayView(acc, shape: [n, 3])
                try f(try KernArrayView(pos, shape: [n, 3]), masses, &out)
            }
        }
    }

    public func jacobi2d(n: Int, sweeps: Int, a: inout [Double], b: inout [Double]) throws {
        let f = try function("jacobi2d")
        try a.withUnsafeMutableBufferPointer { pa in
            try b.withUnsafeMutableBufferPointer { pb in
                var va = try KernArrayView(pa, shape: [n, n])
                var vb = try KernArrayView(pb, shape: [n, n])
                try f(&va, &vb, sweeps)
            }
        }
    }

    public func matmul(n: Int, a: [Float], b: [Float], c: inout [Float]) throws {
        let f = try function("matmul")
        try a.withUnsafeBufferPointer { pa in
            try b.withUnsafeBufferPointer { pb in
                try c.withUnsafeMutableBufferPointer { pc in
                    var vc = try KernArrayView(pc, shape: [n, n])
                    try f(try KernArrayView(pa, shape: [n, n]), try KernArrayView(pb, shape: [n, n]), &vc)
                }
            }
        }
    }

    public func blackScholes(
        spot: [Double], strike: [Double], expiry: [Double], rate: Double, volatility: Double,
        call: inout [Double], put: inout [Double]
    ) throws {
        // Seven arguments: past the `&` overloads, so the outputs go as mutable buffers.
        let f = try function("blackScholes")
        try call.withUnsafeMutableBufferPointer { c in
            try put.withUnsafeMutableBufferPointer { p in
                _ = try f.call([spot, strike, expiry, rate, volatility, c, p])
            }
        }
    }

    public func histogram(samples: [Double], counts: inout [Int]) throws {
        try function("histogram")(samples, 0.0, 1.0, &counts)
    }

    public func trivial(_ x: Int) throws -> Int {
        try function("trivial")(x).as(Int.self)
    }

    public func emptyParallel(out: inout [Int]) throws {
        try function("emptyParallel")(&out)
    }
}
