import BenchCore
import Foundation

/// Idiomatic Swift: `[T]` arrays, indices, `-O` (bounds and overflow checks on), the
/// default (baseline x86-64) target CPU. Serial; the maths as in `KernelSuite`.
public final class SwiftArraySuite: KernelSuite {
    public let name = "Swift [T] -O"
    public let threads = 1
    public init() {}

    public func saxpy(a: Float, x: [Float], y: inout [Float]) {
        for i in 0..<x.count { y[i] = a * x[i] + y[i] }
    }

    public func dot(x: [Double], y: [Double]) -> Double {
        var s = 0.0
        for i in 0..<x.count { s += x[i] * y[i] }
        return s
    }

    public func mandelbrot(width: Int, height: Int, maxIterations: Int32, counts: inout [Int32]) {
        for row in 0..<height {
            let ci = -1.5 + 3.0 * Double(row) / Double(height)
            for col in 0..<width {
                let cr = -2.0 + 3.0 * Double(col) / Double(width)
                counts[row * width + col] = Self.escapeCount(
                    zr: 0, zi: 0, cr: cr, ci: ci, maxIterations: maxIterations)
            }
        }
    }

    public func nbody(positions p: [Double], masses: [Double], accelerations acc: inout [Double]) {
        let n = masses.count
        for i in 0..<n {
            let xi = p[3 * i]
            let yi = p[3 * i + 1]
            let zi = p[3 * i + 2]
            var ax = 0.0
            var ay = 0.0
            var az = 0.0
            for j in 0..<n {
                let dx = p[3 * j] - xi
                let dy = p[3 * j + 1] - yi
                let dz = p[3 * j + 2] - zi
                let r2 = dx * dx + dy * dy + dz * dz + Parameters.softening
                let f = masses[j] * (1.0 / (r2 * r2.squareRoot()))
                ax += f * dx
                ay += f * dy
                az += f * dz
            }
            acc[3 * i] = ax
            acc[3 * i + 1] = ay
            acc[3 * i + 2] = az
        }
    }

    public func jacobi2d(n: Int, sweeps: Int, a: inout [Double], b: inout [Double]) {
        for s in 0..<sweeps {
            if s % 2 == 0 { Self.sweep(n, from: a, to: &b) } else { Self.sweep(n, from: b, to: &a) }
        }
    }

    static func sweep(_ n: Int, from src: [Double], to dst: inout [Double]) {
        for i in 1..<n - 1 {
            for j in 1..<n - 1 {
                dst[i * n + j] =
                    0.25
                    * (src[(i - 1) * n + j] + src[(i + 1) * n + j]
                        + src[i * n + j - 1] + src[i * n + j + 1])
            }
        }
    }

    public func matmul(n: Int, a: [Float], b: [Float], c: inout [Float]) {
        for i in 0..<n {
            for j in 0..<n { c[i * n + j] = 0 }
            for k in 0..<n {
                let aik = a[i * n + k]
                for j in 0..<n { c[i * n + j] += aik * b[k * n + j] }
            }
        }
    }

    public func blackScholes(
        spot: [Double], strike: [Double], expiry: [Double], rate r: Double, volatility v: Double,
        call: inout [Double], put: inout [Double]
    ) {
        func cnd(_ x: Double) -> Double { 0.5 * (1.0 + erf(x / 2.0.squareRoot())) }
        for i in 0..<spot.count {
            let sqrtT = expiry[i].squareRoot()
            let d1 = (log(spot[i] / strike[i]) + (r + 0.5 * v * v) * expiry[i]) / (v * sqrtT)
            let d2 = d1 - v * sqrtT
            let disc = strike[i] * exp(-r * expiry[i])
            call[i] = spot[i] * cnd(d1) - disc * cnd(d2)
            put[i] = disc * cnd(-d2) - spot[i] * cnd(-d1)
        }
    }

    public func histogram(samples: [Double], counts: inout [Int]) {
        let bins = counts.count
        for j in 0..<bins { counts[j] = 0 }
        for x in samples {
            let bin = Int(x * Double(bins))
            if bin >= 0 && bin < bins { counts[bin] += 1 }
        }
    }

    public func trivial(_ x: Int) -> Int { x + 1 }

    public func kmeansAssign(d: Int, points: [Double], centres: [Double], assign: inout [Int32]) {
        let k = centres.count / d
        for i in 0..<assign.count {
            var best = 0
            var bestDist = Double.infinity
            for c in 0..<k {
                var dist = 0.0
                for j in 0..<d {
                    let diff = points[i * d + j] - centres[c * d + j]
                    dist += diff * diff
                }
                if dist < bestDist {
                    bestDist = dist
                    best = c
                }
            }
            assign[i] = Int32(best)
        }
    }

    public func julia(width: Int, height: Int, maxIterations: Int32, counts: inout [Int32]) {
        let (cr, ci) = Parameters.juliaC
        for row in 0..<height {
            let y = -1.2 + 2.4 * Double(row) / Double(height)
            for col in 0..<width {
                let x = -1.6 + 3.2 * Double(col) / Double(width)
                counts[row * width + col] = Self.escapeCount(
                    zr: x, zi: y, cr: cr, ci: ci, maxIterations: maxIterations)
            }
        }
    }

    /// Iterations of z ← z² + c from z0 until |z| > 2, at most `maxIterations`: the escape
    /// count of Mandelbrot (z0 = 0, c = the pixel) and of Julia (z0 = the pixel, c fixed).
    @inline(__always)
    static func escapeCount(
        zr zr0: Double, zi zi0: Double, cr: Double, ci: Double, maxIterations: Int32
    ) -> Int32 {
        var (zr, zi) = (zr0, zi0)
        var k: Int32 = 0
        while k < maxIterations && zr * zr + zi * zi <= 4.0 {
            let t = zr * zr - zi * zi + cr
            zi = 2.0 * zr * zi + ci
            zr = t
            k += 1
        }
        return k
    }
}
