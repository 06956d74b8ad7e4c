import Foundation

/// Runs the Numba and NumPy peers (python/bench_python.py, in the harness's venv) on the
/// inputs `Inputs.write(to:)` left in `directory`, then verifies their outputs.
public struct PythonPeers {
    public var python: String  // the venv's interpreter
    public var script: String
    public var directory: URL

    /// Writes the manifest the script reads: sizes, scalars, timing plan.
    public func writeManifest(_ s: Sizes, _ plan: TimingPlan, quick: Bool) throws {
        let manifest: [String: Any] = [
            "quick": quick, "warmups": plan.warmups, "repetitions": plan.repetitions,
            "saxpy_n": s.saxpyN, "saxpy_a": Double(Parameters.saxpyA), "dot_n": s.dotN,
            "mandel_width": s.mandelWidth, "mandel_height": s.mandelHeight,
            "mandel_iterations": s.mandelIterations, "nbody_n": s.nbodyN,
            "softening": Parameters.softening, "jacobi_n": s.jacobiN,
            "jacobi_sweeps": s.jacobiSweeps, "matmul_n": s.matmulN, "bs_n": s.blackScholesN,
            "rate": Parameters.riskFree, "volatility": Parameters.volatility,
            "hist_n": s.histogramN, "hist_bins": s.histogramBins,
        ]
        let data = try JSONSerialization.data(
            withJSONObject: manifest, options: [.sortedKeys, .prettyPrinted])
        try data.write(to: directory.appendingPathComponent("manifest.json"))
    }

    /// Runs one group of peers ("numba" or "numpy") and adds its measurements and metrics
    /// to `results`, verifying each output with `runner`.
    public func run(group: String, into results: Results, verifyingWith runner: InProcessRunner)
        throws
    {
        var env = ProcessInfo.processInfo.environment
        if group == "numpy" {  // these tune OpenBLAS for other machines; only NumPy sees the unset
            env["OPENBLAS_CORETYPE"] = nil
            env["OPENBLAS_L2_SIZE"] = nil
        }
        let (status, _) = try Shell.run(
            [python, script, "--peers", group, directory.path], environment: env)
        let resultURL = directory.appendingPathComponent("results-\(group).json")
        guard status == 0, let data = try? Data(contentsOf: resultURL),
            let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            throw SuiteError.failed("python peers '\(group)' failed (exit status \(status))")
        }
        for case let entry as [String: Any] in json["measurements"] as? [Any] ?? [] {
            guard let kname = entry["kernel"] as? String, let k = Kernel(rawValue: kname),
                let impl = entry["implementation"] as? String
            else { continue }
            var m = Measurement(
                kernel: k, implementation: impl, threads: entry["threads"] as? Int ?? 1,
                serialCounterpart: entry["serial"] as? String, status: .ok)
            m.note = entry["note"] as? String ?? ""
            if let why = entry["unavailable"] as? String {
                m.status = .unavailable(why)
            } else if let why = entry["error"] as? String {
                m.status = .failed(why)
            } else {
                m.timesMs = entry["times_ms"] as? [Double] ?? []
                let output = try loadOutput(entry)
                m.checksum = Check.checksum(output)
                m.status = runner.verify(k, impl, output)
            }
            results.add(m)
        }
        for case let entry as [String: Any] in json["metrics"] as? [Any] ?? [] {
            if let g = entry["group"] as? String, let n = entry["name"] as? String,
                let v = entry["value"] as? Double, let u = entry["unit"] as? String
            {
                results.metrics.append(Metric(group: g, name: n, value: v, unit: u))
            }
        }
        for (impl, version) in json["versions"] as? [String: String] ?? [:] {
            results.builds[impl] = version
        }
    }

    private func loadOutput(_ entry: [String: Any]) throws -> [Double] {
        guard let file = entry["output"] as? String, let dtype = entry["dtype"] as? String else {
            throw SuiteError.failed("no output recorded")
        }
        let url = directory.appendingPathComponent(file)
        defer { try? FileManager.default.removeItem(at: url) }
        switch dtype {
        case "float32": return try readRaw(Float.self, url).map(Double.init)
        case "float64": return try readRaw(Double.self, url)
        case "int32": return try readRaw(Int32.self, url).map(Double.init)
        case "int64": return try readRaw(Int64.self, url).map(Double.init)
        default: throw SuiteError.failed("unknown dtype \(dtype)")
        }
    }
}
