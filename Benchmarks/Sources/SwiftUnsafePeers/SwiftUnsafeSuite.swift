import BenchCore
import Foundation

/// Unsafe-pointer Swift built with `-Ounchecked`: the fastest Swift a careful user writes
/// by hand. Arrays are reached through `withUnsafe(Mutable)BufferPointer`; serial.
/// This file is shared (symlinked) by SwiftUnsafeNativePeers, built with
/// `-target-cpu native`; `suiteLabel` (Label.swift) tells the two apart.
public final class SwiftUnsafeSuite: KernelSuite {
    public let name = suiteLabel
    public let threads = 1
    public init() {}

    public func saxpy(a: Float, x: [Float], y: inout [Float]) {
        x.withUnsafeBufferPointer { xb in
            y.withUnsafeMutableBufferPointer { yb in
                let xp = xb.baseAddress!
                let yp = yb.baseAddress!
                for i in 0..<xb.count { yp[i] = a * xp[i] + yp[i] }
            }
        }
    }

    public func dot(x: [Double], y: [Double]) -> Double {
        x.withUnsafeBufferPointer { xb in
            y.withUnsafeBufferPointer { yb in
                let xp = xb.baseAddress!
                let yp = yb.baseAddress!
                var s = 0.0
                for i in 0..<xb.count { s += xp[i] * yp[i] }
                return s
            }
        }
    }

    public func mandelbrot(width: Int, height: Int, maxIterations: Int32, counts: inout [Int32]) {
        Self.grid(&counts, width: width, height: height, x: (-2.0, 3.0), y: (-1.5, 3.0)) { cr, ci in
            Self.escapeCount(zr: 0, zi: 0, cr: cr, ci: ci, maxIterations: maxIterations)
        }
    }

    public func kmeansAssign(d: Int, points: [Double], centres: [Double], assign: inout [Int32]) {
        let k = centres.count / d
        let n = assign.count
        Self.withBases(points, centres, &assign) { p, cs, out in
            for i in 0..<n {
                var best = 0
                var bestDist = Double.infinity
                for c in 0..<k {
                    var dist = 0.0
                    for j in 0..<d {
                        let diff = p[i &* d &+ j] - cs[c &* d &+ j]
                        dist += diff * diff
                    }
                    if dist < bestDist {
                        bestDist = dist
                        best = c
                    }
                }
                out[i] = Int32(truncatingIfNeeded: best)
            }
        }
    }

    public func julia(width: Int, height: Int, maxIterations: Int32, counts: inout [Int32]) {
        let (cr, ci) = Parameters.juliaC
        Self.grid(&counts, width: width, height: height, x: (-1.6, 3.2), y: (-1.2, 2.4)) { x, y in
            Self.escapeCount(zr: x, zi: y, cr: cr, ci: ci, maxIterations: maxIterations)
        }
    }

    public func nbody(positions: [Double], masses: [Double], accelerations: inout [Double]) {
        let n = masses.count
        Self.withBases(positions, masses, &accelerations) { p, m, acc in
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
                    let f = m[j] * (1.0 / (r2 * r2.squareRoot()))
                    ax += f * dx
                    ay += f * dy
                    az += f * dz
                }
                acc[3 * i] = ax
                acc[3 * i + 1] = ay
                acc[3 * i + 2] = az
            }
        }
    }

    public func jacobi2d(n: Int, sweeps: Int, a: inout [Double], b: inout [Double]) {
        a.withUnsafeMutableBufferPointer { ab in
            b.withUnsafeMutableBufferPointer { bb in
                for s in 0..<sweeps {
                    let src = UnsafePointer(s % 2 == 0 ? ab.baseAddress! : bb.baseAddress!)
                    let dst = s % 2 == 0 ? bb.baseAddress! : ab.baseAddress!
                    for i in 1..<n - 1 {
                        for j in 1..<n - 1 {
                            dst[i * n + j] =
                                0.25
                                * (src[(i - 1) * n + j] + src[(i + 1) * n + j]
                                    + src[i * n + j - 1] + src[i * n + j + 1])
                        }
                    }
                }
            }
        }
    }

    public func matmul(n: Int, a: [Float], b: [Float], c: inout [Float]) {
        Self.withBases(a, b, &c) { pa, pb, pc in
            for i in 0..<n {
                let row = pc + i * n
                row.update(repeating: 0, count: n)
                for k in 0..<n {
                    let aik = pa[i * n + k]
                    let brow = pb + k * n
                    for j in 0..<n { row[j] += aik * brow[j] }
                }
            }
        }
    }

    public func blackScholes(
        spot: [Double], strike: [Double], expiry: [Double], rate r: Double, volatility v: Double,
        call: inout [Double], put: inout [Double]
    ) {
        let n = spot.count
        let sqrt2 = 2.0.squareRoot()
        spot.withUnsafeBufferPointer { sb in
            strike.withUnsafeBufferPointer { kb in
                expiry.withUnsafeBufferPointer { tb in
                    call.withUnsafeMutableBufferPointer { cb in
                        put.withUnsafeMutableBufferPointer { pb in
                            let s = sb.baseAddress!
                            let k = kb.baseAddress!
                            let t = tb.baseAddress!
                            let c = cb.baseAddress!
                            let p = pb.baseAddress!
                            for i in 0..<n {
                                let sqrtT = t[i].squareRoot()
                                let d1 = (log(s[i] / k[i]) + (r + 0.5 * v * v) * t[i]) / (v * sqrtT)
                                let d2 = d1 - v * sqrtT
                                let disc = k[i] * exp(-r * t[i])
                                c[i] =
                                    s[i] * (0.5 * (1.0 + erf(d1 / sqrt2)))
                                    - disc * (0.5 * (1.0 + erf(d2 / sqrt2)))
                                p[i] =
                                    disc * (0.5 * (1.0 + erf(-d2 / sqrt2)))
                                    - s[i] * (0.5 * (1.0 + erf(-d1 / sqrt2)))
                            }
                        }
                    }
                }
            }
        }
    }

    public func histogram(samples: [Double], counts: inout [Int]) {
        let bins = counts.count
        samples.withUnsafeBufferPointer { xb in
            counts.withUnsafeMutableBufferPointer { cb in
                let x = xb.baseAddress!
                let h = cb.baseAddress!
                h.update(repeating: 0, count: bins)
                let scale = Double(bins)
                for i in 0..<xb.count {
                    let bin = Int(x[i] * scale)
                    if bin >= 0 && bin < bins { h[bin] &+= 1 }
                }
            }
        }
    }

    public func trivial(_ x: Int) -> Int { x &+ 1 }

    /// The base addresses of `a` and `b` (read) and `c` (written), for the kernels that
    /// read two arrays and write a third (the pointers are valid only inside `body`).
    @inline(__always)
    static func withBases<A, B, C>(
        _ a: [A], _ b: [B], _ c: inout [C],
        _ body: (UnsafePointer<A>, UnsafePointer<B>, UnsafeMutablePointer<C>) -> Void
    ) {
        a.withUnsafeBufferPointer { ab in
            b.withUnsafeBufferPointer { bb in
                c.withUnsafeMutableBufferPointer { cb in
                    body(ab.baseAddress!, bb.baseAddress!, cb.baseAddress!)
                }
            }
        }
    }

    /// Mandelbrot's and Julia's image: `counts[row * width + col] = pixel(x, y)` with
    /// x = x.start + x.span · col / width and y = y.start + y.span · row / height (y once
    /// per row).
    @inline(__always)
    static func grid(
        _ counts: inout [Int32], width: Int, height: Int, x: (start: Double, span: Double),
        y: (start: Double, span: Double), _ pixel: (_ x: Double, _ y: Double) -> Int32
    ) {
        counts.withUnsafeMutableBufferPointer { cb in
            let out = cb.baseAddress!
            for row in 0..<height {
                let py = y.start + y.span * Double(row) / Double(height)
                for col in 0..<width {
                    let px = x.start + x.span * Double(col) / Double(width)
                    out[row &* width &+ col] = pixel(px, py)
                }
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
            k &+= 1
        }
        return k
    }
}
