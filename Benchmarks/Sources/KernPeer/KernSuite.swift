import BenchCore

// ╔══════════════════════════════════════════════════════════════════════════════════╗
// ║ KERN-SEAM — the one place Kern plugs into the benchmark.                          ║
// ║                                                                                   ║
// ║ To wire Kern in:                                                                  ║
// ║  1. Package.swift: add `.package(path: "..")` and `.product(name: "Kern",         ║
// ║     package: "main")` (the main package's name) to the KernPeer target.           ║
// ║  2. Here: `import Kern`; in `prepare(sizes:)` compile the corpus                  ║
// ║     (`KernSuite.kernelsDirectory`, i.e. ../Kernels/*.kern) with                   ║
// ║     checked/unchecked options and keep the compiled functions; the driver         ║
// ║     times `prepare` and reports it as Kern's compile latency.                     ║
// ║  3. Implement each `KernelSuite` method by calling the compiled function on the   ║
// ║     arrays given (flat, row-major; wrap rank-2 data as Tensor views, no copies    ║
// ║     inside the timed call if the API allows). Throw on a Kern runtime error.      ║
// ║     `trivial` (x + 1) and `emptyParallel` (prange over out.count writing          ║
// ║     out[i] = i) measure call and prange-launch overhead.                          ║
// ║  4. Delete `unavailableReason` below (or return nil).                             ║
// ║ The driver verifies every output against C; a mismatch fails the run.             ║
// ╚══════════════════════════════════════════════════════════════════════════════════╝

/// Kern (JIT) behind the `KernelSuite` seam: one instance per compile mode.
public final class KernSuite: KernelSuite {
    public enum Mode: String, Sendable { case checked, unchecked }

    public let mode: Mode
    public let threads: Int
    public let name: String
    public let serialCounterpart: String?

    /// Where the Kern versions of the kernels live (the lead's corpus).
    public static let kernelsDirectory = "../Kernels"

    /// `threads` is Kern's worker count (all cores by default; 1 gives the serial
    /// baseline the speedup column divides by).
    public init(mode: Mode, threads: Int, serialCounterpart: String? = nil) {
        self.mode = mode
        self.threads = threads
        self.serialCounterpart = serialCounterpart
        self.name = "Kern \(mode.rawValue)" + (threads == 1 ? " 1 thread" : "")
    }

    /// Placeholder: Kern is not wired yet, so the driver skips this suite and prints
    /// "n/a (Kern not wired yet)". Never report numbers from here until it is real.
    public var unavailableReason: String? { "Kern not wired yet" }

    public func prepare(sizes: Sizes) throws {
        // KERN-SEAM: compile KernSuite.kernelsDirectory's files here (mode, threads).
    }
    // KERN-SEAM: implement saxpy, dot, mandelbrot, nbody, jacobi2d, matmul, blackScholes,
    // histogram, trivial and emptyParallel (signatures and maths in
    // Sources/BenchCore/KernelSuite.swift); unimplemented ones are shown as n/a.
    // The corpus functions they call (../Kernels, as of 05:15 UTC; same maths as the peers):
    //   saxpy.kern          saxpy(a:x:y:)                     [Float]
    //   dot.kern            dot(x:y:) -> Double
    //   mandelbrot.kern     mandelbrot(out:maxIter:)          out: [[Int32]] height×width
    //   nbody.kern          accelerations(pos:mass:acc:)      pos/acc: [[Double]] n×3
    //   jacobi2d.kern       jacobi2d(a:b:sweeps:)             [[Double]] n×n
    //   matmul.kern         matmul(a:b:c:)                    [[Float]] n×n
    //   black_scholes.kern  blackScholes(s:k:t:r:v:call:put:)
    //   histogram.kern      histogram(x:lo:hi:bins:)          pass lo: 0, hi: 1
    //   overhead.kern       trivial(x:), emptyParallel(out:)
    // The harness's arrays are flat and row-major, so rank-2 parameters need Tensor views
    // of the same storage (shape [rows, cols]).
}
