import Foundation

/// Deterministic inputs for every kernel, generated once per run and shared by all
/// implementations: in-process peers read these arrays, the Python peers read the raw
/// little-endian files `write(to:)` leaves in a temporary directory.
public final class Inputs {
    public let sizes: Sizes
    public let saxpyX: [Float], saxpyY: [Float]
    public let dotX: [Double], dotY: [Double]
    public let positions: [Double], masses: [Double]  // n×3 interleaved, n
    public let grid: [Double]  // jacobiN², row-major
    public let matA: [Float], matB: [Float]
    public let spot: [Double], strike: [Double], expiry: [Double]
    public let samples: [Double]  // histogram values in [0, 1)
    public let kmeansPoints: [Double], kmeansCentres: [Double]  // n×d, k×d in [0, 1)

    public init(sizes s: Sizes) {
        sizes = s
        var g = SplitMix64(seed: 0x6B65_726E)  // "kern"
        saxpyX = (0..<s.saxpyN).map { _ in Float(g.uniform(-1, 1)) }
        saxpyY = (0..<s.saxpyN).map { _ in Float(g.uniform(-1, 1)) }
        dotX = (0..<s.dotN).map { _ in g.uniform(0, 1) }
        dotY = (0..<s.dotN).map { _ in g.uniform(0, 1) }
        positions = (0..<3 * s.nbodyN).map { _ in g.uniform(0, 1) }
        masses = (0..<s.nbodyN).map { _ in g.uniform(0.5, 1.5) }
        grid = (0..<s.jacobiN * s.jacobiN).map { _ in g.uniform(0, 1) }
        matA = (0..<s.matmulN * s.matmulN).map { _ in Float(g.uniform(-1, 1)) }
        matB = (0..<s.matmulN * s.matmulN).map { _ in Float(g.uniform(-1, 1)) }
        spot = (0..<s.blackScholesN).map { _ in g.uniform(5, 30) }
        strike = (0..<s.blackScholesN).map { _ in g.uniform(1, 100) }
        expiry = (0..<s.blackScholesN).map { _ in g.uniform(0.25, 10) }
        samples = (0..<s.histogramN).map { _ in g.uniform(0, 1) }
        // Drawn last, so adding them left every earlier input unchanged.
        kmeansPoints = (0..<s.kmeans.n * s.kmeans.d).map { _ in g.uniform(0, 1) }
        kmeansCentres = (0..<s.kmeans.k * s.kmeans.d).map { _ in g.uniform(0, 1) }
    }

    /// The stencil kernels' n×n start grid: a fixed pattern in [0, 1) (the same for every
    /// implementation; not random so that Benchmarks/stencil/ can rebuild it in any language).
    public func stencilGrid(_ n: Int) -> [Double] {
        (0..<n * n).map { Double(((($0 / n) * 7 + ($0 % n) * 13) % 101)) / 100 }
    }

    /// Writes every input array as raw binary `<name>.bin` into `directory`.
    public func write(to directory: URL) throws {
        try writeRaw(saxpyX, directory, "saxpy_x")
        try writeRaw(saxpyY, directory, "saxpy_y")
        try writeRaw(dotX, directory, "dot_x")
        try writeRaw(dotY, directory, "dot_y")
        try writeRaw(positions, directory, "nbody_pos")
        try writeRaw(masses, directory, "nbody_mass")
        try writeRaw(grid, directory, "jacobi_grid")
        try writeRaw(matA, directory, "matmul_a")
        try writeRaw(matB, directory, "matmul_b")
        try writeRaw(spot, directory, "bs_spot")
        try writeRaw(strike, directory, "bs_strike")
        try writeRaw(expiry, directory, "bs_expiry")
        try writeRaw(samples, directory, "hist_x")
        try writeRaw(kmeansPoints, directory, "kmeans_points")
        try writeRaw(kmeansCentres, directory, "kmeans_centres")
    }
}

/// Writes an array's bytes to `<dir>/<name>.bin`.
func writeRaw<T>(_ a: [T], _ dir: URL, _ name: String) throws {
    let data = a.withUnsafeBytes { Data($0) }
    try data.write(to: dir.appendingPathComponent(name + ".bin"))
}

/// Reads `<path>` as a raw array of `T` (the Python peers' outputs).
func readRaw<T>(_ type: T.Type, _ url: URL) throws -> [T] {
    let data = try Data(contentsOf: url)
    let count = data.count / MemoryLayout<T>.stride
    return data.withUnsafeBytes { raw in Array(raw.bindMemory(to: T.self).prefix(count)) }
}

/// SplitMix64: tiny, fast, and fully specified, so inputs are identical on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [lo, hi) with 53 random bits.
    mutating func uniform(_ lo: Double, _ hi: Double) -> Double {
        lo + (hi - lo) * Double(next() >> 11) * 0x1p-53
    }
}

/// Overwrites `destination` with `source` in place (no reallocation, so a later write by
/// a kernel never triggers a copy-on-write inside the timed region).
public func overwrite<T>(_ destination: inout [T], with source: [T]) {
    precondition(destination.count == source.count)
    destination.withUnsafeMutableBufferPointer { d in
        source.withUnsafeBufferPointer { s in
            d.baseAddress!.update(from: s.baseAddress!, count: s.count)
        }
    }
}
