import Foundation

/// Renders `Results` as Markdown (results/latest.md) and CSV (results/latest.csv).
public struct Report {
    public let r: Results
    public init(_ r: Results) { self.r = r }

    // MARK: derived numbers

    public func ratio(_ m: Measurement) -> Double? {
        guard m.status == .ok, let t = m.medianMs, let c = r.bestSerialC(m.kernel) else {
            return nil
        }
        return t / c
    }

    public func speedup(_ m: Measurement) -> Double? {
        guard m.status == .ok, let serial = m.serialCounterpart, let t = m.medianMs,
            let s = r.find(m.kernel, serial), s.status == .ok, let ts = s.medianMs
        else { return nil }
        return ts / t
    }

    /// Achieved GB/s and its fraction of STREAM triad at the same thread count.
    public func bandwidth(_ m: Measurement) -> (gbps: Double, fraction: Double)? {
        guard m.status == .ok, let bytes = m.kernel.compulsoryBytes(r.sizes), let t = m.medianMs
        else { return nil }
        let gbps = bytes / (t * 1e-3) / 1e9
        let triad = m.threads > 1 ? r.triad2 : r.triad1
        return (gbps, gbps / triad)
    }

    // MARK: Markdown

    public func markdown(timing plan: TimingPlan, rounds: Int = 1) -> String {
        let roundsText =
            rounds > 1
            ? "the in-process implementations (C, Swift, Kern) in \(rounds) rounds, each running every one of them in turn (\(plan.warmups) warm-up call(s) before each timed call), the Python peers in one block after \(plan.warmups)"
            : "\(plan.warmups) warm-up call(s) before each implementation's repetitions"
        var s = "# Kern benchmark results\n\n"
        s +=
            "Measured \(r.machine.date) on \(r.machine.cpu), \(r.machine.cores) cores, \(r.machine.os)"
        s +=
            r.quick
            ? " — **quick run: small sizes, correctness only, timings meaningless**.\n" : ".\n"
        s +=
            "Median of \(plan.repetitions) timed repetitions, in one process per language, on identical inputs; \(roundsText).\n"
        s += "STREAM triad (C, gcc OpenMP build, \(pow2(r.sizes.streamN)) doubles): "
        s += String(
            format: "**%.1f GB/s with 1 thread, %.1f GB/s with 2 threads**.\n", r.triad1, r.triad2)
        s += String(
            format:
                "Other processes used %.0f%% of the machine's CPU during the run (load average %.2f at start)",
            100 * r.othersCPU, r.loadAtStart)
        s +=
            r.othersCPU > 0.05
            ? " — **the machine was not quiet: parallel speedups and small differences are unreliable**.\n\n"
            : ".\n\n"

        s += "## Median time (ms)\n\n"
        s += table(cell: { m in
            m.medianMs.map { fmt($0) } ?? "n/a"
        })
        s +=
            "\n## Ratio to the best serial C (gcc or clang, -O3 -march=native; lower is better)\n\n"
        s += table(cell: { m in ratio(m).map { String(format: "%.2f×", $0) } ?? "–" })
        s += geomeanSection()
        s += "\n## Parallel speedup (serial counterpart's median ÷ parallel median)\n\n"
        s += table(
            rows: { m in m.serialCounterpart != nil },
            cell: { m in
                speedup(m).map { String(format: "%.2f×", $0) } ?? "–"
            })
        s +=
            "\n## Memory-bound kernels: achieved bandwidth (fraction of STREAM triad at the same thread count)\n\n"
        let memKernels = Kernel.allCases.filter { $0.compulsoryBytes(r.sizes) != nil }
        s += table(
            kernels: memKernels,
            cell: { m in
                bandwidth(m).map {
                    String(format: "%.1f GB/s (%.0f%%)", $0.gbps, 100 * $0.fraction)
                } ?? "–"
            })
        s +=
            "\nBytes counted: saxpy 12 B/element, dot 16 B/element, jacobi2d 16 B/point/sweep (one read, one write; ideal caching).\n"
        s += overheads()
        s += chainSection()
        s += builds()
        s += verification()
        return s
    }

    private func table(
        kernels: [Kernel] = Kernel.allCases, rows keep: (Measurement) -> Bool = { _ in true },
        cell: (Measurement) -> String
    ) -> String {
        var s =
            "| implementation | "
            + kernels.map { "\($0.rawValue)<br>\(r.sizes.describe($0))" }.joined(separator: " | ")
            + " | notes |\n"
        s += "|---|" + kernels.map { _ in "---:|" }.joined() + "---|\n"
        for impl in r.implementations {
            let ms = kernels.compactMap { r.find($0, impl) }
            guard let first = ms.first, keep(first) else { continue }
            var notes: [String] = []
            var cells: [String] = []
            for k in kernels {
                guard let m = r.find(k, impl) else {
                    cells.append("–")
                    continue
                }
                switch m.status {
                case .ok: cells.append(cell(m))
                case .unavailable(let why):
                    cells.append("n/a")
                    if !notes.contains("n/a (\(why))") { notes.append("n/a (\(why))") }
                case .mismatch: cells.append("**MISMATCH**")
                case .failed: cells.append("**FAILED**")
                }
                if !m.note.isEmpty, !notes.contains("\(k.rawValue): \(m.note)") {
                    notes.append("\(k.rawValue): \(m.note)")
                }
            }
            s +=
                "| \(impl) | " + cells.joined(separator: " | ") + " | "
                + notes.joined(separator: "; ") + " |\n"
        }
        return s
    }

    /// The kernels whose geometric mean is the headline at 1 thread (issue 16's target:
    /// ≤ 0.60× the best serial C with bounds checks on).
    public static let geomeanKernels: [Kernel] = [
        .saxpy, .dot, .mandelbrot, .nbody, .jacobi2d, .matmul, .blackScholes, .histogram,
    ]

    /// Geometric mean of `impl`'s ratios to the best serial C over `geomeanKernels`, or
    /// nil unless every one of them ran and verified.
    public func geomean(_ impl: String) -> Double? {
        var logSum = 0.0
        for k in Self.geomeanKernels {
            guard let m = r.find(k, impl), let x = ratio(m) else { return nil }
            logSum += log(x)
        }
        return exp(logSum / Double(Self.geomeanKernels.count))
    }

    /// One line per serial (1-thread) implementation that ran all `geomeanKernels`.
    private func geomeanSection() -> String {
        let rows = r.implementations.compactMap { impl -> String? in
            let serial = Self.geomeanKernels.allSatisfy { r.find($0, impl)?.threads == 1 }
            guard serial, let g = geomean(impl) else { return nil }
            return "| \(impl) | " + String(format: "%.2f×", g) + " |\n"
        }
        guard !rows.isEmpty else { return "" }
        let names = Self.geomeanKernels.map(\.rawValue).joined(separator: ", ")
        return
            "\n### Geometric mean at 1 thread (\(names))\n\n| implementation | geomean ratio |\n|---|---:|\n"
            + rows.joined()
    }

    private func overheads() -> String {
        guard !r.metrics.isEmpty else { return "" }
        var s =
            "\n## Overheads and compile latency\n\n| measurement | what | value |\n|---|---|---:|\n"
        for m in r.metrics {
            s += "| \(m.group) | \(m.name) | \(fmt(m.value)) \(m.unit) |\n"
        }
        return s
    }

    private func builds() -> String {
        var s = "\n## Builds\n\n"
        for impl in r.implementations {
            if let b = r.builds[impl] { s += "- **\(impl)**: \(b)\n" }
        }
        s += "- Swift: \(r.machine.swiftVersion)\n"
        return s
    }

    private func verification() -> String {
        var s = "\n## Verification\n\n"
        s +=
            "Every output is compared element by element with the reference (the first implementation to run: C gcc); "
        s += "tolerance = max |out − ref| / max |ref|"
        s +=
            " — "
            + Kernel.allCases.map {
                "\($0.rawValue) \(Check.tolerance($0) == 0 ? "exact" : String(format: "%.0e", Check.tolerance($0)))"
            }.joined(separator: ", ")
        s += " (mandelbrot, julia: fraction of pixels whose count differs;"
        s += " kmeans: of points whose centre differs).\n\n"
        let failures = r.failures
        if failures.isEmpty {
            // Kernel outputs and the chain section's outputs (checked against their own serial
            // Swift loop) are counted apart, so a `--chain-only` run does not claim "All 0".
            let kernels = r.measurements.filter { $0.status == .ok }.count
            let chain = r.chainRows.filter { $0.status == .ok }.count
            var parts: [String] = []
            if kernels > 0 { parts.append("\(kernels) kernel outputs") }
            if chain > 0 { parts.append("\(chain) chain outputs") }
            let measured = parts.joined(separator: " and ")
            s += parts.isEmpty ? "No output was measured.\n" : "All \(measured) measured match.\n"
        } else {
            for m in failures {
                switch m.status {
                case .mismatch(let why), .failed(let why):
                    s += "- **\(m.kernel.rawValue) / \(m.implementation)**: \(why)\n"
                case .ok, .unavailable: break
                }
            }
        }
        return s
    }

    // MARK: CSV

    public func csv() -> String {
        var s =
            "kernel,size,implementation,threads,median_ms,min_ms,repetitions,ratio_to_best_serial_c,parallel_speedup,gb_per_s,stream_triad_fraction,checksum,status,detail\n"
        for impl in r.implementations {
            for k in Kernel.allCases {
                guard let m = r.find(k, impl) else { continue }
                let bw = bandwidth(m)
                let (status, detail): (String, String) = {
                    switch m.status {
                    case .ok: return ("ok", m.note)
                    case .unavailable(let w): return ("n/a", w)
                    case .mismatch(let w): return ("mismatch", w)
                    case .failed(let w): return ("failed", w)
                    }
                }()
                let fields: [String] = [
                    k.rawValue, r.sizes.describe(k), impl, "\(m.threads)",
                    opt(m.medianMs), opt(m.minMs), "\(m.timesMs.count)", opt(ratio(m)),
                    opt(speedup(m)),
                    opt(bw?.gbps), opt(bw?.fraction),
                    m.checksum.map { String(format: "%.17g", $0) } ?? "",
                    status, detail,
                ]
                s += fields.map(csvField).joined(separator: ",") + "\n"
            }
        }
        return s
    }
}

func fmt(_ x: Double) -> String {
    if x >= 100 { return String(format: "%.0f", x) }
    if x >= 10 { return String(format: "%.1f", x) }
    if x >= 1 { return String(format: "%.2f", x) }
    return String(format: "%.3g", x)
}

func opt(_ x: Double?) -> String { x.map { String(format: "%.6g", $0) } ?? "" }

func csvField(_ s: String) -> String {
    s.contains(",") || s.contains("\"")
        ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
}
