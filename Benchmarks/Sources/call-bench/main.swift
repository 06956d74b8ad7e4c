// call-bench: the cost of one call of a Kern function from Swift, three ways — the typed
// wrapper KernPlugin generates (`Kernels.trivial(x:)`: a direct C call of the compiled
// entry, argument checks included), the dynamic path (`try f(x)`: checks + libffi) and a
// plain Swift function the optimizer may not inline. Median of 21 batches of `--calls`
// calls (default 10^6), after a warm-up batch, in thread CPU time; release build
// (`make call-bench` in Benchmarks/).
import Foundation
import Kern

@inline(never) func plainTrivial(_ x: Int) -> Int { x &+ 1 }

@inline(never) func plainSaxpy(_ a: Float, _ x: [Float], _ y: inout [Float]) {
    for i in 0..<x.count { y[i] = a * x[i] + y[i] }
}

/// This thread's CPU time: preemption by other processes (a shared 2-core machine) does
/// not count, so batches measure the calls, not the scheduler.
func nanoseconds() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
}

/// Median ns per call of `body(i)` over 21 batches of `calls` calls.
func measure(_ calls: Int, _ body: (Int) throws -> Int) rethrows -> Double {
    var sink = 0
    for i in 0..<calls { sink &+= try body(i) }  // warm-up (and the one-time compile)
    var times: [Double] = []
    for _ in 0..<21 {
        let start = nanoseconds()
        for i in 0..<calls { sink &+= try body(i) }
        times.append(Double(nanoseconds() - start) / Double(calls))
    }
    if sink == 42 { print("") }  // keeps the results alive
    return times.sorted()[times.count / 2]
}

var calls = 1_000_000
if let k = CommandLine.arguments.firstIndex(of: "--calls"), k + 1 < CommandLine.arguments.count,
    let n = Int(CommandLine.arguments[k + 1]), n > 0
{
    calls = n
}
do {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("calls.kern")
    let module = try KernModule.compile(
        source: try String(contentsOf: url, encoding: .utf8), fileName: url.path)
    let trivial = try module.function(named: "trivial")
    let saxpy = try module.function(named: "saxpy")

    let x = [Float](repeating: 1, count: 16)
    var y = [Float](repeating: 2, count: 16)
    let rows: [(String, Double)] = [
        ("trivial(x): plain Swift, not inlined", measure(calls) { plainTrivial($0) }),
        (
            "trivial(x): Kernels.trivial(x:) (typed wrapper, direct call)",
            try measure(calls) {
                try Kernels.trivial(x: $0)
            }
        ),
        (
            "trivial(x): KernFunction (dynamic: checks + libffi)",
            try measure(calls) {
                try trivial($0).as(Int.self)
            }
        ),
        (
            "saxpy, 16 Floats: plain Swift, not inlined",
            measure(calls) { _ in
                plainSaxpy(2, x, &y)
                return 0
            }
        ),
        (
            "saxpy, 16 Floats: Kernels.saxpy (typed wrapper)",
            try measure(calls) { _ in
                try Kernels.saxpy(a: 2, x: x, y: &y)
                return 0
            }
        ),
        (
            "saxpy, 16 Floats: KernFunction (dynamic)",
            try measure(calls) { _ in
                _ = try saxpy(Float(2), x, &y)
                return 0
            }
        ),
    ]
    print("call-bench: median of 21 batches of \(calls) calls, thread CPU time, ns per call")
    for (name, ns) in rows { print(String(format: "%8.2f ns  %@", ns, name)) }
} catch {
    print("call-bench: \(error)")
    exit(1)
}
