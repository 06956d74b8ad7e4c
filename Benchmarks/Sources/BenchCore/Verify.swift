/// Checks one implementation's output against the reference implementation's.
///
/// Outputs are compared element by element (stronger than a checksum; the checksum, the
/// plain sum of the output, is still reported). Tolerances are relative to the largest
/// magnitude in the reference, and allow for what legitimately differs between peers:
/// FMA contraction (gcc contracts by default, clang within expressions, Swift and Numba
/// never), reassociated reductions (OpenMP, BLAS), and libm differences.
public enum Check {
    /// Maximum allowed |out - ref| / max|ref|, or for mandelbrot, julia and kmeans the
    /// allowed fraction of pixels (points) whose count (centre) differs. Stated in README.md.
    public static func tolerance(_ k: Kernel) -> Double {
        switch k {
        case .saxpy: return 1e-6
        case .dot: return 1e-10
        case .mandelbrot: return 1e-3  // chaotic near the set's boundary under FMA
        case .nbody: return 1e-9
        case .jacobi2d, .stencilSmall, .stencilMedium, .stencilLarge: return 1e-12
        case .matmul: return 1e-4
        case .blackScholes: return 1e-9
        case .histogram: return 0  // integer counts: exact
        case .julia: return 1e-3  // as mandelbrot
        case .kmeans: return 1e-4  // FMA (gcc) may flip a point between two near-equal centres
        }
    }

    public static func checksum(_ xs: [Double]) -> Double { xs.reduce(0, +) }

    /// nil if `output` matches `reference` within the kernel's tolerance; else why not.
    public static func mismatch(_ k: Kernel, output: [Double], reference: [Double]) -> String? {
        guard output.count == reference.count else {
            return "length \(output.count), expected \(reference.count)"
        }
        let tol = tolerance(k)
        if k == .mandelbrot || k == .julia || k == .kmeans {
            let differing = zip(output, reference).filter { $0 != $1 }.count
            let fraction = Double(differing) / Double(max(1, reference.count))
            return fraction <= tol
                ? nil : "\(differing) pixels differ (\(fraction) > \(tol))"
        }
        let scale = reference.reduce(0) { max($0, abs($1)) }
        var worst = 0.0
        var at = 0
        for i in reference.indices {
            let d = abs(output[i] - reference[i])
            if !(d <= worst) {
                worst = d
                at = i
            }  // also catches NaN
        }
        let rel = scale > 0 ? worst / scale : worst
        if rel <= tol { return nil }
        return "element \(at): \(output[at]) vs \(reference[at]) (rel. error \(rel) > \(tol))"
    }
}
