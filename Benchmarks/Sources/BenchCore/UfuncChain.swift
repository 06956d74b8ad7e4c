import Foundation

/// The `@vectorize` chain of issue 17, its own section of the report: `sqrt(x*x + y*y) *
/// exp(-z)` over n Doubles written as three elementwise functions (sq, add, damp), Kern
/// called from Swift against Numba `@vectorize` (cpu and `target='parallel'`) and NumPy,
/// at 1 and 2 threads.
///
/// In: `ChainSuite`s (in process; Kern's is in KernPeer) and python/bench_ufunc_chain.py
/// (Numba, NumPy; own process, same input formula). Out: `ChainRow`s in
/// `Results.chainRows`, every output checked against a plain Swift loop: in process
/// element by element, the Python peers by their checksum (the script itself compares
/// every element of its outputs with NumPy's).
///
/// Inputs are a formula, not the random generator, so both processes build them
/// bit-identically without a file: x = (i mod 1000)·0.001, y = (i mod 777)·0.002,
/// z = (i mod 13)·0.05.
public struct ChainInputs {
    public let n: Int
    public let x: [Double]
    public let y: [Double]
    public let z: [Double]
    /// `sqrt(x*x + y*y) * exp(-z)`, a plain serial Swift loop (Foundation's libm).
    public let reference: [Double]

    public init(n: Int) {
        self.n = n
        x = (0..<n).map { Double($0 % 1000) * 0.001 }
        y = (0..<n).map { Double($0 % 777) * 0.002 }
        z = (0..<n).map { Double($0 % 13) * 0.05 }
        var r = [Double](repeating: 0, count: n)
        for i in 0..<n { r[i] = (x[i] * x[i] + y[i] * y[i]).squareRoot() * Foundation.exp(-z[i]) }
        reference = r
    }

    /// Relative tolerance (max |out − ref| / max |ref|): vector exp/sqrt are within a few
    /// ulp of libm.
    public static let tolerance = 1e-12
}

/// One timed way of computing the chain.
public struct ChainImplementation {
    public var name: String
    public var threads: Int
    /// Computes the chain once (timed).
    public var call: () throws -> Void
    /// The last call's output, copied (untimed, for verification).
    public var output: () throws -> [Double]
    public init(
        name: String, threads: Int, call: @escaping () throws -> Void,
        output: @escaping () throws -> [Double]
    ) {
        self.name = name
        self.threads = threads
        self.call = call
        self.output = output
    }
}

/// An in-process implementer of the chain (Kern: KernPeer/KernChainSuite.swift).
public protocol ChainSuite {
    func implementations(_ inputs: ChainInputs) throws -> [ChainImplementation]
}

/// One row of the chain table.
public struct ChainRow: Sendable {
    public var implementation: String
    public var threads: Int
    public var timesMs: [Double] = []
    public var checksum: Double?
    public var status: Status
    public var medianMs: Double? { timesMs.isEmpty ? nil : median(timesMs) }
}

/// Runs the chain section of a run.
public struct ChainRunner {
    public var plan: TimingPlan
    public var quick: Bool
    public var python: String
    public var script = "python/bench_ufunc_chain.py"

    public init(plan: TimingPlan, quick: Bool, python: String) {
        self.plan = plan
        self.quick = quick
        self.python = python
    }

    public var n: Int { quick ? 1 << 16 : 1 << 24 }

    public func run(_ suites: [ChainSuite], runPython: Bool) -> [ChainRow] {
        Progress.say("ufunc chain: generating 3 × 2^\(n.trailingZeroBitCount) Doubles")
        let inputs = ChainInputs(n: n)
        let refSum = inputs.reference.reduce(0, +)
        var rows: [ChainRow] = []
        for suite in suites {
            do {
                for impl in try suite.implementations(inputs) {
                    rows.append(time(impl, inputs))
                    report(rows[rows.count - 1])
                    usleep(300_000)
                }
            } catch {
                rows.append(
                    ChainRow(implementation: "\(suite)", threads: 1, status: .failed("\(error)")))
            }
        }
        if runPython {
            for row in pythonRows(referenceChecksum: refSum) {
                rows.append(row)
                report(row)
            }
        }
        return rows
    }

    private func time(_ impl: ChainImplementation, _ inputs: ChainInputs) -> ChainRow {
        var row = ChainRow(implementation: impl.name, threads: impl.threads, status: .ok)
        do {
            row.timesMs = try measure(plan) { try impl.call() }
            let out = try impl.output()
            row.checksum = out.reduce(0, +)
            row.status = Self.verify(out, inputs.reference)
        } catch {
            row.status = .failed("\(error)")
        }
        return row
    }

    static func verify(_ out: [Double], _ ref: [Double]) -> Status {
        guard out.count == ref.count else {
            return .mismatch("\(out.count) elements, expected \(ref.count)")
        }
        var worst = 0.0
        var scale = 0.0
        for i in 0..<ref.count {
            worst = max(worst, abs(out[i] - ref[i]))
            scale = max(scale, abs(ref[i]))
        }
        let rel = scale > 0 ? worst / scale : worst
        // A NaN anywhere fails too (comparisons with NaN are false).
        return rel <= ChainInputs.tolerance
            ? .ok : .mismatch(String(format: "max relative difference %.3g", rel))
    }

    /// Runs the Numba and NumPy peers; their checksums must match the Swift reference's.
    private func pythonRows(referenceChecksum: Double) -> [ChainRow] {
        let json = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kern-chain-\(getpid()).json")
        defer { try? FileManager.default.removeItem(at: json) }
        Progress.say("running the ufunc chain's Numba and NumPy peers")
        guard
            let (status, _) = try? Shell.run([
                python, script, "--n", "\(n)", "--reps", "\(plan.repetitions)", "--warmups",
                "\(plan.warmups)", "--json", json.path,
            ]), status == 0, let data = try? Data(contentsOf: json),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let entries = object["rows"] as? [[String: Any]]
        else {
            return [
                ChainRow(
                    implementation: "Numba / NumPy", threads: 1,
                    status: .failed("python/bench_ufunc_chain.py failed"))
            ]
        }
        return entries.map { e in
            var row = ChainRow(
                implementation: e["implementation"] as? String ?? "?",
                threads: e["threads"] as? Int ?? 1, status: .ok)
            row.timesMs = e["times_ms"] as? [Double] ?? []
            row.checksum = e["checksum"] as? Double
            let sum = row.checksum ?? .nan
            let selfCheck = e["max_rel_vs_numpy"] as? Double ?? .nan
            if !(abs(sum - referenceChecksum) <= 1e-9 * abs(referenceChecksum)) {
                row.status = .mismatch(
                    String(format: "checksum %.9g, reference %.9g", sum, referenceChecksum))
            } else if !(selfCheck <= ChainInputs.tolerance) {
                row.status = .mismatch(
                    String(format: "max relative difference to NumPy %.3g", selfCheck))
            }
            return row
        }
    }

    private func report(_ row: ChainRow) {
        let what = "ufunc chain · \(row.implementation), \(row.threads) thread(s)"
        switch row.status {
        case .ok:
            Progress.say(what + String(format: ": %.3f ms (median)", row.medianMs ?? .nan))
        case .unavailable(let why): Progress.say(what + ": n/a (\(why))")
        case .mismatch(let why): Progress.say(what + ": MISMATCH \(why)")
        case .failed(let why): Progress.say(what + ": FAILED \(why)")
        }
    }
}

extension Report {
    /// The chain's own table (Markdown), after the kernels' tables.
    public func chainSection() -> String {
        guard !r.chainRows.isEmpty else { return "" }
        let numpy = r.chainRows.first { $0.implementation == "NumPy" && $0.status == .ok }?
            .medianMs
        var s = "\n## @vectorize chain: sqrt(x*x + y*y) * exp(-z), three elementwise functions\n\n"
        s +=
            "2^\(r.chainN.trailingZeroBitCount) Doubles; Kern called from Swift (KernPeer/KernChainSuite.swift), Numba and NumPy from python/bench_ufunc_chain.py; outputs checked against a serial Swift loop.\n\n"
        s += "| implementation | threads | median (ms) | min (ms) | ÷ NumPy | status |\n"
        s += "|---|---:|---:|---:|---:|---|\n"
        for row in r.chainRows {
            let median = row.medianMs.map(fmt) ?? "n/a"
            let minimum = row.timesMs.min().map(fmt) ?? "n/a"
            let ratio = numpy.flatMap { n in row.medianMs.map { String(format: "%.2f", $0 / n) } }
            let status: String
            switch row.status {
            case .ok: status = "ok"
            case .unavailable(let why): status = "n/a (\(why))"
            case .mismatch(let why): status = "**MISMATCH** \(why)"
            case .failed(let why): status = "**FAILED** \(why)"
            }
            s +=
                "| \(row.implementation) | \(row.threads) | \(median) | \(minimum) | \(ratio ?? "n/a") | \(status) |\n"
        }
        return s
    }
}
