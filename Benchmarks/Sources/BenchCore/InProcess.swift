import Foundation

/// Times every kernel of one in-process `KernelSuite` on the shared inputs and checks
/// its outputs against the reference outputs (the first suite to run a kernel sets them).
public final class InProcessRunner {
    let inputs: Inputs
    let plan: TimingPlan
    /// Reference output per kernel, as Doubles, from the first suite that ran it.
    public private(set) var references: [Kernel: (suite: String, output: [Double])] = [:]

    public init(inputs: Inputs, plan: TimingPlan) {
        self.inputs = inputs
        self.plan = plan
    }

    /// Runs one kernel on one suite: warm-up, timed repetitions, verification (`plan`:
    /// the runner's own unless given, e.g. one round's share of the repetitions).
    public func run(_ k: Kernel, on suite: KernelSuite, plan: TimingPlan? = nil) -> Measurement {
        var m = Measurement(
            kernel: k, implementation: suite.name, threads: suite.threads,
            serialCounterpart: suite.serialCounterpart, status: .ok)
        if let why = suite.unavailableReason {
            m.status = .unavailable(why)
            return m
        }
        do {
            let (times, output) = try time(k, suite, plan ?? self.plan)
            m.timesMs = times
            m.checksum = Check.checksum(output)
            m.status = verify(k, suite.name, output)
        } catch SuiteError.notImplemented {
            m.status = .unavailable("not implemented")
        } catch {
            m.status = .failed("\(error)")
        }
        return m
    }

    /// Verifies an output, or records it as the reference if it is the first.
    public func verify(_ k: Kernel, _ suite: String, _ output: [Double]) -> Status {
        guard let ref = references[k] else {
            references[k] = (suite, output)
            return .ok
        }
        if let why = Check.mismatch(k, output: output, reference: ref.output) {
            return .mismatch("vs \(ref.suite): \(why)")
        }
        return .ok
    }

    private func time(_ k: Kernel, _ s: KernelSuite, _ plan: TimingPlan) throws -> (
        [Double], [Double]
    ) {
        let z = inputs.sizes
        let i = inputs
        switch k {
        case .saxpy:
            var y = i.saxpyY
            let t = try measure(plan, reset: { overwrite(&y, with: i.saxpyY) }) {
                try s.saxpy(a: Parameters.saxpyA, x: i.saxpyX, y: &y)
            }
            return (t, y.map(Double.init))
        case .dot:
            var result = 0.0
            let t = try measure(plan) { result = try s.dot(x: i.dotX, y: i.dotY) }
            return (t, [result])
        case .mandelbrot:
            var counts = [Int32](repeating: -1, count: z.mandelWidth * z.mandelHeight)
            let t = try measure(plan) {
                try s.mandelbrot(
                    width: z.mandelWidth, height: z.mandelHeight,
                    maxIterations: Int32(z.mandelIterations), counts: &counts)
            }
            return (t, counts.map(Double.init))
        case .nbody:
            var acc = [Double](repeating: .nan, count: 3 * z.nbodyN)
            let t = try measure(plan) {
                try s.nbody(positions: i.positions, masses: i.masses, accelerations: &acc)
            }
            return (t, acc)
        case .jacobi2d:
            var a = i.grid
            var b = i.grid
            let t = try measure(
                plan,
                reset: {
                    overwrite(&a, with: i.grid)
                    overwrite(&b, with: i.grid)
                }
            ) {
                try s.jacobi2d(n: z.jacobiN, sweeps: z.jacobiSweeps, a: &a, b: &b)
            }
            return (t, a)
        case .stencilSmall, .stencilMedium, .stencilLarge:
            let (n, steps) = k.stencil(z)!  // these three always have one
            let grid = i.stencilGrid(n)
            var a = grid
            var b = grid
            let t = try measure(
                plan,
                reset: {
                    overwrite(&a, with: grid)
                    overwrite(&b, with: grid)
                }
            ) {
                try s.jacobi2d(n: n, sweeps: 2 * steps, a: &a, b: &b)
            }
            return (t, a)
        case .matmul:
            var c = [Float](repeating: .nan, count: z.matmulN * z.matmulN)
            let t = try measure(plan) { try s.matmul(n: z.matmulN, a: i.matA, b: i.matB, c: &c) }
            return (t, c.map(Double.init))
        case .blackScholes:
            var call = [Double](repeating: .nan, count: z.blackScholesN)
            var put = call
            let t = try measure(plan) {
                try s.blackScholes(
                    spot: i.spot, strike: i.strike, expiry: i.expiry, rate: Parameters.riskFree,
                    volatility: Parameters.volatility, call: &call, put: &put)
            }
            return (t, call + put)
        case .histogram:
            var counts = [Int](repeating: -1, count: z.histogramBins)
            let t = try measure(plan) { try s.histogram(samples: i.samples, counts: &counts) }
            return (t, counts.map(Double.init))
        case .kmeans:
            var assign = [Int32](repeating: -1, count: z.kmeans.n)
            let t = try measure(plan) {
                try s.kmeansAssign(
                    d: z.kmeans.d, points: i.kmeansPoints, centres: i.kmeansCentres,
                    assign: &assign)
            }
            return (t, assign.map(Double.init))
        case .julia:
            var counts = [Int32](repeating: -1, count: z.julia.width * z.julia.height)
            let t = try measure(plan) {
                try s.julia(
                    width: z.julia.width, height: z.julia.height,
                    maxIterations: Int32(z.julia.iterations), counts: &counts)
            }
            return (t, counts.map(Double.init))
        }
    }

    /// Call overhead of `trivial` in ns per call (median of 5 batches), or nil.
    public func callOverhead(_ s: KernelSuite, calls: Int) -> Double? {
        guard s.unavailableReason == nil, (try? s.trivial(1)) == 2 else { return nil }
        var sink = 0
        let t = try? measure(TimingPlan(warmups: 1, repetitions: 5)) {
            for j in 0..<calls { sink &+= try s.trivial(j) }
        }
        blackHole(sink)
        return t.map { median($0) * 1e6 / Double(calls) }
    }

    /// Launch overhead of an empty parallel loop in µs per launch (median of 5 batches).
    public func parallelLaunchOverhead(_ s: KernelSuite, launches: Int) -> Double? {
        guard s.unavailableReason == nil else { return nil }
        var out = [Int](repeating: 0, count: max(1, s.threads))
        guard (try? s.emptyParallel(out: &out)) != nil else { return nil }
        let t = try? measure(TimingPlan(warmups: 1, repetitions: 5)) {
            for _ in 0..<launches { try s.emptyParallel(out: &out) }
        }
        return t.map { median($0) * 1e3 / Double(launches) }
    }
}

/// Consumes a value so the optimizer cannot delete the loop that computed it.
@inline(never) func blackHole(_ x: Int) { _ = x }
