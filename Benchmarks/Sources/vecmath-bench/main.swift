// vecmath-bench: vectorized transcendentals (docs/vector-math.md). Times, on 2^20 Doubles:
// exp/log/sin/cos loops with scalar libm vs libmvec, Black-Scholes (Kernels/black_scholes.kern)
// in strict / balanced fast-math / no vector math, 1 thread and all threads, at 256- and
// 512-bit preferred vector width; then runs python/bench_vecmath_numba.py (Numba with and
// without fastmath=True, same formula, same size) if Benchmarks/.venv has Numba.
// Median of `reps` calls after one warm-up. Usage: .build/release/vecmath-bench [reps]
import Foundation
import Kern

let reps = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 21
let n = 1 << 20
let cores = ProcessInfo.processInfo.activeProcessorCount
let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let benchmarks = here.deletingLastPathComponent().deletingLastPathComponent()
let kernels = benchmarks.deletingLastPathComponent().appendingPathComponent("Kernels")

func median(_ body: () throws -> Void) rethrows -> Double {
    try body()
    var times: [Double] = []
    for _ in 0..<reps {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    return times.sorted()[times.count / 2]
}

func row(_ label: String, _ ms: Double) {
    print(label.padding(toLength: 62, withPad: " ", startingAt: 0) + String(format: "%8.3f ms", ms))
}

// Deterministic inputs (the Numba script builds the same ones).
var s = [Double](repeating: 0, count: n)
var k = s
var t = s
var x = s
for i in 0..<n {
    s[i] = 50 + Double(i % 1000) * 0.1
    k[i] = 40 + Double((i * 7) % 1000) * 0.12
    t[i] = 0.1 + Double((i * 13) % 1000) * 0.002
    x[i] = 0.001 + Double(i % 10_000) * 0.01
}

print("vecmath-bench: n = 2^20 Doubles, median of \(reps), \(cores) cores")
print("\n## exp / log / sin / cos loops, one thread, 512-bit vectors\n")
for name in ["exp", "log", "sin", "cos"] {
    let source =
        "func run(x: [Double], y: inout [Double]) { for i in 0..<x.count { y[i] = \(name)(x[i]) } }"
    var y = [Double](repeating: 0, count: n)
    for (label, options) in [
        ("scalar libm (--no-vector-math)", CompileOptions(fastMath: true, vectorMath: false)),
        ("strict", CompileOptions()),
        ("--fast-math (libmvec)", CompileOptions(fastMath: true)),
        ("--fast-math, 256-bit", CompileOptions(fastMath: true, preferredVectorWidth: 256)),
    ] {
        let f = try KernModule.compile(source: source, options: options).function(named: "run")
        row("\(name): \(label)", try median { try f(x, &y) })
    }
}

print("\n## Black-Scholes (Kernels/black_scholes.kern)\n")
let path = kernels.appendingPathComponent("black_scholes.kern").path
var call = [Double](repeating: 0, count: n)
var put = call
for (label, base) in [
    ("strict", CompileOptions(checked: false)),
    ("strict, --no-vector-math", CompileOptions(checked: false, vectorMath: false)),
    ("--fast-math", CompileOptions(checked: false, fastMath: true)),
    (
        "--fast-math --no-vector-math",
        CompileOptions(checked: false, fastMath: true, vectorMath: false)
    ),
    (
        "--fast-math, 256-bit",
        CompileOptions(checked: false, fastMath: true, preferredVectorWidth: 256)
    ),
] {
    for threads in [1, cores] {
        let f = try KernModule.compile(path: path, options: base).function(named: "blackScholes")
            .with(threads: threads)
        // Seven arguments: past the `&` overloads, so the outputs go as mutable buffers.
        let ms = try call.withUnsafeMutableBufferPointer { c in
            try put.withUnsafeMutableBufferPointer { p in
                try median { _ = try f.call([s, k, t, 0.02, 0.30, c, p]) }
            }
        }
        row("Kern \(label), \(threads) thread\(threads == 1 ? "" : "s")", ms)
    }
}
var checksum = 0.0
for i in 0..<n { checksum += call[i] + put[i] }
print(String(format: "checksum (last run) %.6f", checksum))

// The width also applies to loops without math: a memory-bound and two compute-bound
// kernels (row-major 1-D versions of Kernels/saxpy, matmul, mandelbrot), strict, 1 thread.
print("\n## Other loops, 256- vs 512-bit (strict, one thread)\n")
let others = """
    func saxpy(a: Float, x: [Float], y: inout [Float]) {
        for i in 0..<x.count { y[i] = a * x[i] + y[i] }
    }
    func matmul(a: [Float], b: [Float], c: inout [Float], n: Int) {
        for i in 0..<n {
            for j in 0..<n { c[i * n + j] = 0 }
            for k in 0..<n {
                let aik = a[i * n + k]
                for j in 0..<n { c[i * n + j] += aik * b[k * n + j] }
            }
        }
    }
    func mandelbrot(out: inout [Int32], w: Int, h: Int, maxIter: Int) {
        for row in 0..<h {
            for col in 0..<w {
                let cr = -2.0 + 3.0 * Double(col) / Double(w)
                let ci = -1.5 + 3.0 * Double(row) / Double(h)
                var zr = 0.0
                var zi = 0.0
                var k: Int32 = 0
                while zr * zr + zi * zi <= 4.0 && Int(k) < maxIter {
                    let t = zr * zr - zi * zi + cr
                    zi = 2.0 * zr * zi + ci
                    zr = t
                    k += 1
                }
                out[row * w + col] = k
            }
        }
    }
    """
let xs = (0..<(1 << 24)).map { Float($0 % 1000) * 0.001 }
var ys = xs
let mn = 512
let ma = (0..<(mn * mn)).map { Float($0 % 17) * 0.25 }
var mc = [Float](repeating: 0, count: mn * mn)
var pixels = [Int32](repeating: 0, count: 512 * 512)
for width in [512, 256, 512, 256] {
    let m = try KernModule.compile(
        source: others,
        options: CompileOptions(checked: false, threads: 1, preferredVectorWidth: width))
    let saxpy = try m.function(named: "saxpy")
    let matmul = try m.function(named: "matmul")
    let mandelbrot = try m.function(named: "mandelbrot")
    row("saxpy Float 2^24, \(width)-bit", try median { try saxpy(Float(2.5), xs, &ys) })
    row("matmul Float 512², \(width)-bit", try median { try matmul(ma, ma, &mc, mn) })
    row(
        "mandelbrot 512², 256 iterations, \(width)-bit",
        try median { try mandelbrot(&pixels, 512, 512, 256) })
}

let python = benchmarks.appendingPathComponent(".venv/bin/python").path
if FileManager.default.isExecutableFile(atPath: python) {
    print("\n## Numba (python/bench_vecmath_numba.py)\n")
    fflush(stdout)  // our rows first when piped (the child writes to the same stream)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [
        benchmarks.appendingPathComponent("python/bench_vecmath_numba.py").path, String(reps),
    ]
    try process.run()
    process.waitUntilExit()
} else {
    print("\n(no Benchmarks/.venv: `make -C Benchmarks venv` for the Numba rows)")
}
