import Foundation

/// A C peer library (CPeers/peers.c built by CPeers/Makefile), loaded with dlopen so that
/// gcc and clang builds, serial and OpenMP, live side by side in one process.
public final class CLibrarySuite: KernelSuite {
    public let name: String
    public let threads: Int
    public let serialCounterpart: String?
    public private(set) var unavailableReason: String?
    public private(set) var build = ""

    typealias Saxpy =
        @convention(c) (Int64, Float, UnsafePointer<Float>?, UnsafeMutablePointer<Float>?) -> Void
    typealias Dot = @convention(c) (Int64, UnsafePointer<Double>?, UnsafePointer<Double>?) -> Double
    typealias Mandelbrot =
        @convention(c) (Int64, Int64, Int32, UnsafeMutablePointer<Int32>?) -> Void
    typealias NBody =
        @convention(c) (
            Int64, UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?
        ) -> Void
    typealias Jacobi =
        @convention(c) (Int64, Int64, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?)
        -> Void
    typealias Matmul =
        @convention(c) (
            Int64, UnsafePointer<Float>?, UnsafePointer<Float>?, UnsafeMutablePointer<Float>?
        ) -> Void
    typealias BlackScholes =
        @convention(c) (
            Int64, UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?, Double,
            Double,
            UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?
        ) -> Void
    typealias Histogram =
        @convention(c) (Int64, UnsafePointer<Double>?, Int64, UnsafeMutablePointer<Int64>?) -> Void
    typealias KMeans =
        @convention(c) (
            Int64, Int64, Int64, UnsafePointer<Double>?, UnsafePointer<Double>?,
            UnsafeMutablePointer<Int32>?
        ) -> Void
    typealias Julia =
        @convention(c) (Int64, Int64, Int32, Double, Double, UnsafeMutablePointer<Int32>?) -> Void
    typealias Trivial = @convention(c) (Int64) -> Int64
    typealias EmptyParallel = @convention(c) (Int64, UnsafeMutablePointer<Int64>?) -> Void
    typealias Triad =
        @convention(c) (
            Int64, UnsafeMutablePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?,
            Double
        ) -> Void
    typealias SetThreads = @convention(c) (Int32) -> Void
    typealias MaxThreads = @convention(c) () -> Int32
    typealias Build = @convention(c) () -> UnsafePointer<CChar>?

    private var handle: UnsafeMutableRawPointer?
    private var fSaxpy: Saxpy!, fDot: Dot!, fMandelbrot: Mandelbrot!, fNBody: NBody!
    private var fJacobi: Jacobi!, fMatmul: Matmul!, fBlackScholes: BlackScholes!
    private var fHistogram: Histogram!, fTrivial: Trivial!, fEmpty: EmptyParallel!
    private var fTriad: Triad!, fSetThreads: SetThreads!
    private var fKMeans: KMeans!, fJulia: Julia!

    /// Loads `path`; `threads` > 1 requests an OpenMP build and sets its thread count.
    public init(name: String, path: String, threads: Int, serialCounterpart: String? = nil) {
        self.name = name
        self.threads = threads
        self.serialCounterpart = serialCounterpart
        guard FileManager.default.fileExists(atPath: path) else {
            unavailableReason = "not built: \(URL(fileURLWithPath: path).lastPathComponent)"
            return
        }
        guard let h = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            unavailableReason = "dlopen failed: " + String(cString: dlerror())
            return
        }
        handle = h
        func sym<T>(_ s: String, _: T.Type) -> T? {
            dlsym(h, s).map { unsafeBitCast($0, to: T.self) }
        }
        guard let saxpy = sym("saxpy", Saxpy.self), let dot = sym("dot", Dot.self),
            let mandel = sym("mandelbrot", Mandelbrot.self),
            let nbody = sym("nbody_acc", NBody.self),
            let jacobi = sym("jacobi2d", Jacobi.self), let matmul = sym("matmul", Matmul.self),
            let bs = sym("black_scholes", BlackScholes.self),
            let hist = sym("histogram", Histogram.self),
            let kmeans = sym("kmeans_assign", KMeans.self), let julia = sym("julia", Julia.self),
            let trivial = sym("trivial", Trivial.self),
            let empty = sym("empty_parallel", EmptyParallel.self),
            let triad = sym("stream_triad", Triad.self),
            let setThreads = sym("peers_set_threads", SetThreads.self),
            let maxThreads = sym("peers_max_threads", MaxThreads.self),
            let build = sym("peers_build", Build.self)
        else {
            unavailableReason = "missing symbol in \(path)"
            return
        }
        (fSaxpy, fDot, fMandelbrot, fNBody, fJacobi, fMatmul) = (
            saxpy, dot, mandel, nbody, jacobi, matmul
        )
        (fBlackScholes, fHistogram, fTrivial, fEmpty, fTriad, fSetThreads) = (
            bs, hist, trivial, empty, triad, setThreads
        )
        (fKMeans, fJulia) = (kmeans, julia)
        self.build = build().map { String(cString: $0) } ?? ""
        setThreads(Int32(threads))
        if maxThreads() != Int32(threads) {
            unavailableReason = "library runs \(maxThreads()) threads, wanted \(threads)"
        }
    }

    public func saxpy(a: Float, x: [Float], y: inout [Float]) {
        y.withUnsafeMutableBufferPointer { yp in fSaxpy(Int64(x.count), a, x, yp.baseAddress) }
    }
    public func dot(x: [Double], y: [Double]) -> Double { fDot(Int64(x.count), x, y) }
    public func mandelbrot(width: Int, height: Int, maxIterations: Int32, counts: inout [Int32]) {
        counts.withUnsafeMutableBufferPointer {
            fMandelbrot(Int64(width), Int64(height), maxIterations, $0.baseAddress)
        }
    }
    public func nbody(positions: [Double], masses: [Double], accelerations: inout [Double]) {
        accelerations.withUnsafeMutableBufferPointer {
            fNBody(Int64(masses.count), positions, masses, $0.baseAddress)
        }
    }
    public func jacobi2d(n: Int, sweeps: Int, a: inout [Double], b: inout [Double]) {
        a.withUnsafeMutableBufferPointer { ap in
            b.withUnsafeMutableBufferPointer { bp in
                fJacobi(Int64(n), Int64(sweeps), ap.baseAddress, bp.baseAddress)
            }
        }
    }
    public func matmul(n: Int, a: [Float], b: [Float], c: inout [Float]) {
        c.withUnsafeMutableBufferPointer { fMatmul(Int64(n), a, b, $0.baseAddress) }
    }
    public func blackScholes(
        spot: [Double], strike: [Double], expiry: [Double], rate: Double, volatility: Double,
        call: inout [Double], put: inout [Double]
    ) {
        call.withUnsafeMutableBufferPointer { cp in
            put.withUnsafeMutableBufferPointer { pp in
                fBlackScholes(
                    Int64(spot.count), spot, strike, expiry, rate, volatility, cp.baseAddress,
                    pp.baseAddress)
            }
        }
    }
    public func histogram(samples: [Double], counts: inout [Int]) {
        counts.withUnsafeMutableBufferPointer { cp in
            cp.withMemoryRebound(to: Int64.self) {
                fHistogram(Int64(samples.count), samples, Int64(cp.count), $0.baseAddress)
            }
        }
    }
    public func kmeansAssign(
        d: Int, points: [Double], centres: [Double], assign: inout [Int32]
    ) {
        assign.withUnsafeMutableBufferPointer { ap in
            fKMeans(
                Int64(ap.count), Int64(centres.count / d), Int64(d), points, centres,
                ap.baseAddress)
        }
    }
    public func julia(width: Int, height: Int, maxIterations: Int32, counts: inout [Int32]) {
        counts.withUnsafeMutableBufferPointer {
            fJulia(
                Int64(width), Int64(height), maxIterations, Parameters.juliaC.re,
                Parameters.juliaC.im, $0.baseAddress)
        }
    }
    /// Sets the OpenMP thread count (no effect on serial builds).
    public func setThreads(_ t: Int) { fSetThreads?(Int32(t)) }

    public func trivial(_ x: Int) -> Int { Int(fTrivial(Int64(x))) }
    public func emptyParallel(out: inout [Int]) {
        out.withUnsafeMutableBufferPointer { op in
            op.withMemoryRebound(to: Int64.self) { fEmpty(Int64(op.count), $0.baseAddress) }
        }
    }

    /// STREAM triad a = b + s·c with this library's thread count; returns the best rate
    /// in GB/s over `repetitions` (STREAM's convention: 24 bytes per element, no
    /// write-allocate traffic counted) and the median.
    public func streamTriad(n: Int, repetitions: Int) -> (best: Double, median: Double) {
        var a = [Double](repeating: 0, count: n)
        let b = [Double](repeating: 1, count: n)
        let c = [Double](repeating: 2, count: n)
        let times = a.withUnsafeMutableBufferPointer { ap in
            measure(TimingPlan(warmups: 2, repetitions: repetitions)) {
                fTriad(Int64(n), ap.baseAddress, b, c, 3.0)
            }
        }
        let bytes = Double(24 * n)
        return (bytes / (times.min()! * 1e-3) / 1e9, bytes / (median(times) * 1e-3) / 1e9)
    }
}
