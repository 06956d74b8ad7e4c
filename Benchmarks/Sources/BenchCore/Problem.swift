/// The benchmark kernels and their problem sizes. The maths of each kernel is stated once,
/// in Benchmarks/README.md ("What is measured"); every peer implements exactly that.

/// One benchmark kernel. Raw values are the names used in file names, CSV and JSON.
public enum Kernel: String, CaseIterable, Sendable {
    case saxpy, dot, mandelbrot, nbody, jacobi2d, matmul
    case blackScholes = "black_scholes"
    case histogram

    /// Bytes a perfect implementation must move to or from memory (for memory-bound kernels
    /// only; nil when the kernel is compute-bound and a bandwidth fraction is meaningless).
    public func compulsoryBytes(_ s: Sizes) -> Double? {
        switch self {
        case .saxpy: return Double(3 * 4 * s.saxpyN)  // read x, read y, write y
        case .dot: return Double(2 * 8 * s.dotN)  // read x, read y
        case .jacobi2d: return Double(2 * 8 * s.jacobiN * s.jacobiN * s.jacobiSweeps)
        case .mandelbrot, .nbody, .matmul, .blackScholes, .histogram: return nil
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
        streamN: 1 << 20)

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
        }
    }
}

/// Scalar parameters shared by every implementation.
public enum Parameters {
    public static let saxpyA: Float = 2.5
    public static let riskFree = 0.02
    public static let volatility = 0.30
    public static let softening = 1e-6  // eps², added to r² in nbody
}

func pow2(_ n: Int) -> String {
    guard n > 0, n & (n - 1) == 0 else { return "\(n)" }
    return "2^\(n.trailingZeroBitCount)"
}
