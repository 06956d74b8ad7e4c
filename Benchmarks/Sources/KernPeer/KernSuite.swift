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
        // Compiled up front: the timed calls must not include a first call's compile.
        options.lazyCompile = false
        options.checked = mode == .checked
        options.threads = threads
        let files = [
            "saxpy", "dot", "mandelbrot", "nbody", "jacobi2d", "matmul", "black_scholes",
            "histogram", "overhead", "random", "kmeans", "julia",
        ]
        for file in files {
            let module = try KernModule.compile(
                path: Self.kernelsDirectory + "/\(file).kern", options: options)
            for f in module.functions { functions[f.name] = f.with(seed: 0, threads: threads) }
        }
    }

    /// Kern's own figures, measured once (by the checked suite): compile latency per kernel
    /// file (source → callable at O3, in process, LLVM already initialised) and the cost
    /// of a call through libffi vs a typed `@convention(c)` call of the same entry point.
    public func extraMetrics(quick: Bool) -> [Metric] {
        guard mode == .checked else { return [] }
        var metrics: [Metric] = []
        let reps = quick ? 3 : 15
        for file in ["saxpy", "dot", "black_scholes", "mandelbrot", "nbody"] {
            let path = Self.kernelsDirectory + "/\(file).kern"
            guard let whole = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            // The kernels alone (the file without its demo `main`), then the whole file.
            let kernelOnly = whole.components(separatedBy: "\nfunc main()").first ?? whole
            for (label, source) in [("kernels only", kernelOnly), ("whole file", whole)] {
                var times: [Double] = []
                for _ in 0..<reps {
                    let start = DispatchTime.now().uptimeNanoseconds
                    guard
                        (try? KernModule.compile(
                            source: source, fileName: path,
                            options: CompileOptions(lazyCompile: false))) != nil
                    else {
                        break
                    }
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
                }
                guard !times.isEmpty else { continue }
                let lines = source.split(separator: "\n").count
                metrics.append(
                    Metric(
                        group: "Kern compile (source → callable, O3)",
                        name: "\(file).kern, \(label) (\(lines) lines), median of \(times.count)",
                        value: times.sorted()[times.count / 2], unit: "ms"))
            }
        }
        for (name, label) in [
            ("fillUniform", "Double.random(in: 0..<1)"), ("fillNormal", "randomNormal()"),
        ] {
            guard let fill = functions[name] else { continue }
            var out = [Double](repeating: 0, count: quick ? 1 << 16 : 1 << 24)
            for threads in [1, ProcessInfo.processInfo.activeProcessorCount] {
                let f = fill.with(seed: 1, threads: threads)
                var times: [Double] = []
                for _ in 0..<(quick ? 3 : 11) {
                    let start = DispatchTime.now().uptimeNanoseconds
                    guard (try? f(&out)) != nil else { break }
                    times.append(
                        Double(DispatchTime.now().uptimeNanoseconds - start) / Double(out.count))
                }
                guard !times.isEmpty else { continue }
                metrics.append(
                    Metric(
                        group:
                            "random numbers (fill 2^\(out.count.trailingZeroBitCount) Doubles in a prange)",
                        name:
                            "Kern: \(label), \(threads) thread\(threads == 1 ? "" : "s"), median of \(times.count)",
                        value: times.sorted()[times.count / 2], unit: "ns/value"))
            }
        }
        metrics += DeterminismCost.metrics(quick: quick)
        if let trivial = functions["trivial"] {
            let calls = quick ? 10_000 : 1_000_000
            metrics.append(
                Metric(
                    group: "call overhead",
                    name: "Kern: trivial(x) via libffi, argument checks included (best of 5 runs)",
                    value: Self.nanosecondsPerCall(calls) { i in _ = try? trivial(i) },
                    unit: "ns/call"))
            metrics.append(
                Metric(
                    group: "call overhead",
                    name:
                        "Kern: Kernels.trivial(x:), the typed wrapper KernPlugin generates (direct call, checks and errors included; best of 5 runs)",
                    value: Self.nanosecondsPerCall(calls) { i in _ = try? Kernels.trivial(x: i) },
                    unit: "ns/call"))
            typealias Entry =
                @convention(c) (UnsafeMutableRawPointer?, Int64, UnsafeMutableRawPointer?) -> Int32
            guard let address = try? trivial.entryPoint else { return metrics }
            let entry = unsafeBitCast(address, to: Entry.self)
            let context = UnsafeMutableRawPointer.allocate(byteCount: 256, alignment: 64)
            context.initializeMemory(as: UInt8.self, repeating: 0, count: 256)
            var result: Int64 = 0
            metrics.append(
                Metric(
                    group: "call overhead",
                    name: "Kern: trivial(x) via a typed @convention(c) call (best of 5 runs)",
                    value: Self.nanosecondsPerCall(calls) { i in
                        _ = entry(context, Int64(i), &result)
                    },
                    unit: "ns/call"))
            context.deallocate()
        }
        return metrics
    }

    private static func nanosecondsPerCall(_ calls: Int, _ body: (Int) -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            for i in 0..<calls { body(i) }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / Double(calls))
        }
        return best
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

    public func mandelbrot(width: Int, height: Int, maxIterations: Int32, counts: inout [Int32])
        throws
    {
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
                    try f(
                        try KernArrayView(pa, shape: [n, n]), try KernArrayView(pb, shape: [n, n]),
                        &vc)
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

    public func kmeansAssign(d: Int, points: [Double], centres: [Double], assign: inout [Int32])
        throws
    {
        let f = try function("kmeansAssign")
        try points.withUnsafeBufferPointer { p in
            try centres.withUnsafeBufferPointer { c in
                try f(
                    try KernArrayView(p, shape: [p.count / d, d]),
                    try KernArrayView(c, shape: [c.count / d, d]), &assign)
            }
        }
    }

    public func julia(width: Int, height: Int, maxIterations: Int32, counts: inout [Int32])
        throws
    {
        let f = try function("julia")
        try counts.withUnsafeMutableBufferPointer { buffer in
            var view = try KernArrayView(buffer, shape: [height, width])
            try f(&view, Int(maxIterations), Parameters.juliaC.re, Parameters.juliaC.im)
        }
    }

    /// Looked up once: the overhead loops time the call, not a dictionary lookup.
    private lazy var trivialFunction = functions["trivial"]
    private lazy var emptyParallelFunction = functions["emptyParallel"]

    public func trivial(_ x: Int) throws -> Int {
        guard let f = trivialFunction else { throw SuiteError.failed("Kern: no function trivial") }
        return try f(x).as(Int.self)
    }

    public func emptyParallel(out: inout [Int]) throws {
        guard let f = emptyParallelFunction else {
            throw SuiteError.failed("Kern: no function emptyParallel")
        }
        try f(&out)
    }
}
