/// The benchmark kernels and their problem sizes. The maths of each kernel is stated once,
/// in Benchmarks/README.md ("What is measured"); every peer implements exactly that.

/// One benchmark kernel. Raw values are the names used in file names, CSV and JSON.
public enum Kernel: String, CaseIterable, Sendable {
    case saxpy, dot, mandelbrot, nbody, jacobi2d, matmul
    case blackScholes = "black_scholes"
    case histogram
    /// The time-stepped Jacobi stencil (issue 16.4): jacobi2d's sweeps, many small or
    /// cache-sized ones, where a parallel loop's schedule decides which core's cache holds
    /// which rows (OpenMP peers: schedule(static)).
    case stencilSmall = "stencil_small"
    case stencilMedium = "stencil_medium"
    case stencilLarge = "stencil_large"
    /// Branchy kernels for SPMD (issue 16): the assignment step of k-means (each point to
    /// its nearest centre, d known only at run time) and Julia-set escape counts.
    case kmeans, julia

    /// Grid side and steps (two sweeps each) of a stencil kernel; nil for the others.
    public func stencil(_ s: Sizes) -> (n: Int, steps: Int)? {
        switch self {
        case .stencilSmall: return s.stencilSmall
        case .stencilMedium: return s.stencilMedium
        case .stencilLarge: return s.stencilLarge
        case .saxpy, .dot, .mandelbrot, .nbody, .jacobi2d, .matmul, .blackScholes, .histogram,
            .kmeans, .julia:
            return nil
        }
    }

    /// Bytes a perfect implementation must move to or from memory (for memory-bound kernels
    /// only; nil when the kernel is compute-bound and a bandwidth fraction is meaningless).
    public func compulsoryBytes(_ s: Sizes) -> Double? {
        switch self {
        case .saxpy: return Double(3 * 4 * s.saxpyN)  // read x, read y, write y
        case .dot: return Double(2 * 8 * s.dotN)  // read x, read y
        case .jacobi2d: return Double(2 * 8 * s.jacobiN * s.jacobiN * s.jacobiSweeps)
        case .stencilSmall, .stencilMedium, .stencilLarge:
            return nil  // cache-resident (small) or cache-reusing: bandwidth says little
        case .mandelbrot, .nbody, .matmul, .blackScholes, .histogram, .kmeans, .julia:
            return nil
        }
    }
}

/// Problem sizes; `.full` is the benchmark, `.quick` a small correctness-only run for CI.
public struct Sizes: Sendable {
    public var saxpyN: Int, dotN: Int
    public var mandelWidth: Int, mandelHeight: Int, mandelIterations: Int
    public var nbodyN: Int
    public var jacobiN: Int, jacobiSweeps: Int
    public var matmulN: Int
    public var blackScholesN: Int
    public var histogramN: Int, histogramBins: Int
    public var streamN: Int
    /// Stencil kernels: (grid side, steps of two sweeps). The full sizes keep each under
    /// ~0.2 s at 1 thread; Benchmarks/stencil/ runs the longer versions standalone.
    public var stencilSmall: (n: Int, steps: Int) = (250, 2000)
    public var stencilMedium: (n: Int, steps: Int) = (1300, 50)
    public var stencilLarge: (n: Int, steps: Int) = (2000, 20)
    /// k-means assignment: points, centres, dimensions.
    public var kmeans: (n: Int, k: Int, d: Int) = (200_000, 16, 8)
    /// Julia set: width, height, iterations (c = -0.8 + 0.156i).
    public var julia: (width: Int, height: Int, iterations: Int) = (1024, 1024, 256)

    public static let full = Sizes(
        saxpyN: 1 << 24, dotN: 1 << 24,
        mandelWidth: 1024, mandelHeight: 1024, mandelIterations: 256,
        nbodyN: 4096, jacobiN: 2048, jacobiSweeps: 10, matmulN: 512,
        blackScholesN: 1 << 20, histogramN: 1 << 24, histogramBins: 256,
        streamN: 1 << 25)

    public static let quick = Sizes(
        saxpyN: 1 << 16, dotN: 1 << 16,
        mandelWidth: 128, mandelHeight: 96, mandelIterations: 256,
        nbodyN: 256, jacobiN: 130, jacobiSweeps: 4, matmulN: 64,
        blackScholesN: 1 << 12, histogramN: 1 << 16, histogramBins: 256,
        streamN: 1 << 20, stencilSmall: (34, 20), stencilMedium: (66, 4), stencilLarge: (130, 2),
        kmeans: (4099, 5, 3), julia: (128, 96, 256))

    /// One-line description of a kernel's size, for tables.
    public func describe(_ k: Kernel) -> String {
        switch k {
        case .saxpy: return "Float, n=\(pow2(saxpyN))"
        case .dot: return "Double, n=\(pow2(dotN))"
        case .mandelbrot: return "\(mandelWidth)×\(mandelHeight), \(mandelIterations) it"
        case .nbody: return "\(nbodyN) bodies"
        case .jacobi2d: return "\(jacobiN)², \(jacobiSweeps) sweeps"
        case .matmul: return "\(matmulN)² Float"
        case .blackScholes: return "\(pow2(blackScholesN)) options"
        case .histogram: return "\(pow2(histogramN)) → \(histogramBins) bins"
        case .stencilSmall, .stencilMedium, .stencilLarge:
            let (n, steps) = k.stencil(self)!  // these three always have one
            return "\(n)², \(steps) steps × 2 sweeps"
        case .kmeans: return "\(kmeans.n) points × \(kmeans.k) centres × \(kmeans.d) dims"
        case .julia: return "\(julia.width)×\(julia.height), \(julia.iterations) it"
        }
    }
}

/// Scalar parameters shared by every implementation.
public enum Parameters {
    public static let saxpyA: Float = 2.5
    public static let riskFree = 0.02
    public static let volatility = 0.30
    public static let softening = 1e-6  // eps², added to r² in nbody
    public static let juliaC = (re: -0.8, im: 0.156)
}

func pow2(_ n: Int) -> String {
    guard n > 0, n & (n - 1) == 0 else { return "\(n)" }
    return "2^\(n.trailingZeroBitCount)"
}
