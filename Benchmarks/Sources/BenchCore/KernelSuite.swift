/// The seam every in-process implementation plugs into: C (dlopened), Swift, and Kern.
///
/// The driver owns the inputs and the clock: it calls each method once per timed
/// repetition, with outputs reset (untimed) beforehand, and verifies the outputs against
/// the reference. Arrays are flat and row-major; n×3 arrays are interleaved (x0 y0 z0 x1 …).
/// A method a suite does not implement throws `SuiteError.notImplemented` (the default).
public protocol KernelSuite: AnyObject {
    /// Column label in the results, e.g. "C gcc OpenMP".
    var name: String { get }
    /// Worker threads the suite uses (1 for serial code).
    var threads: Int { get }
    /// The serial suite this one is the parallel version of (for the speedup column).
    var serialCounterpart: String? { get }
    /// nil when the suite can run; otherwise why not (printed in the table as "n/a (…)").
    var unavailableReason: String? { get }
    /// One-time setup before any kernel runs (e.g. JIT compilation); timed and reported.
    func prepare(sizes: Sizes) throws
    /// Measurements of the suite's own (compile latency, call paths), reported as metrics.
    func extraMetrics(quick: Bool) -> [Metric]

    /// y[i] = a * x[i] + y[i]
    func saxpy(a: Float, x: [Float], y: inout [Float]) throws
    /// Σ x[i] * y[i]
    func dot(x: [Double], y: [Double]) throws -> Double
    /// counts is height×width; pixel (row, col) has c = (-2 + 3col/width) + i(-1.5 + 3row/height)
    func mandelbrot(width: Int, height: Int, maxIterations: Int32, counts: inout [Int32]) throws
    /// acc_i = Σ_j m_j (p_j - p_i) / (|p_j - p_i|² + eps²)^(3/2), G = 1, eps² = 1e-6
    func nbody(positions: [Double], masses: [Double], accelerations: inout [Double]) throws
    /// `sweeps` 5-point averages on the interior of n×n grids, ping-ponging a→b→a…;
    /// b starts as a copy of a (same boundary). With even `sweeps` the result is in a.
    func jacobi2d(n: Int, sweeps: Int, a: inout [Double], b: inout [Double]) throws
    /// c = a·b for n×n Float matrices, naive i,k,j loops.
    func matmul(n: Int, a: [Float], b: [Float], c: inout [Float]) throws
    /// European call and put prices; CDF(x) = 0.5 (1 + erf(x / √2)).
    func blackScholes(
        spot: [Double], strike: [Double], expiry: [Double], rate: Double, volatility: Double,
        call: inout [Double], put: inout [Double]) throws
    /// counts[Int(x * bins)] += 1 for x in [0, 1); counts is zeroed by the kernel.
    func histogram(samples: [Double], counts: inout [Int]) throws
    /// assign[i] = the c in 0..<k minimising Σ_j (points[i,j] - centres[c,j])² (j in
    /// order, no FMA); ties go to the lowest c. points is n×d, centres k×d, d = `d`.
    func kmeansAssign(d: Int, points: [Double], centres: [Double], assign: inout [Int32]) throws
    /// counts is height×width; pixel (row, col) starts at z = (-1.6 + 3.2col/width) +
    /// i(-1.2 + 2.4row/height) and iterates z ← z² + c (c = Parameters.juliaC) while |z|² ≤ 4.
    func julia(width: Int, height: Int, maxIterations: Int32, counts: inout [Int32]) throws

    /// A trivial kernel, x + 1, to measure call overhead.
    func trivial(_ x: Int) throws -> Int
    /// An (almost) empty parallel loop: out[i] = i over out.count = threads iterations,
    /// to measure the launch overhead of a parallel region.
    func emptyParallel(out: inout [Int]) throws
}

public enum SuiteError: Error, CustomStringConvertible {
    case notImplemented
    case failed(String)
    public var description: String {
        switch self {
        case .notImplemented: return "not implemented"
        case .failed(let why): return why
        }
    }
}

extension KernelSuite {
    public var serialCounterpart: String? { nil }
    public var unavailableReason: String? { nil }
    public func prepare(sizes: Sizes) throws {}
    public func extraMetrics(quick: Bool) -> [Metric] { [] }
    public func saxpy(a: Float, x: [Float], y: inout [Float]) throws {
        throw SuiteError.notImplemented
    }
    public func dot(x: [Double], y: [Double]) throws -> Double { throw SuiteError.notImplemented }
    public func mandelbrot(width: Int, height: Int, maxIterations: Int32, counts: inout [Int32])
        throws
    { throw SuiteError.notImplemented }
    public func nbody(positions: [Double], masses: [Double], accelerations: inout [Double])
        throws
    { throw SuiteError.notImplemented }
    public func jacobi2d(n: Int, sweeps: Int, a: inout [Double], b: inout [Double]) throws {
        throw SuiteError.notImplemented
    }
    public func matmul(n: Int, a: [Float], b: [Float], c: inout [Float]) throws {
        throw SuiteError.notImplemented
    }
    public func blackScholes(
        spot: [Double], strike: [Double], expiry: [Double], rate: Double, volatility: Double,
        call: inout [Double], put: inout [Double]
    ) throws { throw SuiteError.notImplemented }
    public func histogram(samples: [Double], counts: inout [Int]) throws {
        throw SuiteError.notImplemented
    }
    public func kmeansAssign(d: Int, points: [Double], centres: [Double], assign: inout [Int32])
        throws
    { throw SuiteError.notImplemented }
    public func julia(width: Int, height: Int, maxIterations: Int32, counts: inout [Int32])
        throws
    { throw SuiteError.notImplemented }
    public func trivial(_ x: Int) throws -> Int { throw SuiteError.notImplemented }
    public func emptyParallel(out: inout [Int]) throws { throw SuiteError.notImplemented }
}
