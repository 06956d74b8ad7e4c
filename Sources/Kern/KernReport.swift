/// `KernReport`: what the compiler did with every loop of a module (`kernelc report`).
///
/// Per function, per loop (at the position of its `for`/`while`/`repeat` keyword): its
/// kind, whether it runs on the thread pool, the reductions Kern found, whether LLVM
/// vectorized it (width and interleave) or why not (LLVM's own remarks), and how many
/// bounds checks were removed, hoisted or kept. Codable, so `--json` is this type as is.
/// Built by KernReport+Build.swift; rendered as text by KernReport+Text.swift. Only the
/// compiler builds reports (memberwise initializers, internal); clients read or decode them.
import Foundation

/// What the compiler did with every loop of a module: parallelism, reductions,
/// vectorization and bounds checks, per function (`kernelc report`; `--json` is this type).
public struct KernReport: Sendable, Hashable, Codable {
    /// The source file's name as given.
    public var file: String
    /// The LLVM optimization level, 0...3.
    public var optimizationLevel: Int
    /// Whether bounds checks were on (`--unchecked` turns them off).
    public var checked: Bool
    /// Whether floating-point math was relaxed (a fast-math level other than strict).
    public var fastMath: Bool
    /// False below -O2: LLVM's vectorizers did not run, so there is nothing to report
    /// about vectorization.
    public var optimized: Bool
    /// Every function of the source, in source order.
    public var functions: [FunctionReport]

    /// A report with these fields (the compiler builds them: `KernModule.report`).

    /// The function with that name, or nil.
    public func function(named name: String) -> FunctionReport? {
        functions.first { $0.name == name }
    }

    /// Every loop of every function, in source order.
    public var loops: [LoopReport] { functions.flatMap(\.loops) }
}

/// The loops of one Kern function.
public struct FunctionReport: Sendable, Hashable, Codable {
    /// The function's name.
    public var name: String
    /// Position of the `func` keyword.
    public var line: Int
    /// Column of the `func` keyword.
    public var column: Int
    /// Loops in source order (outer before inner); `depth` gives the nesting.
    public var loops: [LoopReport]

    /// A function's report with these fields.
}

/// One loop: where it is, what kind, and what the compiler did with it.
public struct LoopReport: Sendable, Hashable, Codable {
    /// The loop statement.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A serial `for` loop.
        case `for`
        /// A `for … in prange(…)` loop.
        case prange
        /// A `while` loop.
        case `while`
        /// A `repeat … while` loop.
        case `repeat`
    }

    /// Position of the loop's keyword (`for`, `while`, `repeat`).
    public var line: Int
    /// Column of the loop's keyword.
    public var column: Int
    /// Which loop statement it is.
    public var kind: Kind
    /// 0 for a loop at the top of its function, 1 inside one loop, …
    public var depth: Int
    /// Runs its iterations on the thread pool (an outermost `prange` of its function;
    /// a `prange` nested in another runs serially inside the outer one's worker).
    public var parallel: Bool
    /// The reductions of a `prange` loop.
    public var reductions: [ReductionReport]
    /// Whether LLVM vectorized the loop, and how or why not.
    public var vectorization: VectorizationReport
    /// Bounds checks of this loop's own body (nested loops count separately); nil for
    /// `while`/`repeat` loops, which the bounds-check passes do not summarize.
    public var boundsChecks: BoundsCheckReport?
    /// LLVM's remarks about this loop, as LLVM wrote them.
    public var remarks: [LoopRemark]
    /// For a `prange`: whether its body runs as SIMD lanes ("SPMD: 8 lanes, masked
    /// while") or why not ("not SPMD: has reductions"); nil for other loops.
    public var spmd: String?
    /// For a serial loop around an innermost loop that updates elements in place (the
    /// matmul's `k` loop): "unrolled and jammed: 4 iterations per pass of the inner loop" or why not
    /// (the `unroll-and-jam` pass); nil for other loops and with `--no-unroll-jam`.
    public var unrollAndJam: String? = nil

    /// A loop's report with these fields.

    /// "line:column".
    public var position: String { "\(line):\(column)" }
}

/// One reduction of a `prange` loop (`s += x[i]`), combined deterministically.
public struct ReductionReport: Sendable, Hashable, Codable {
    /// The variable reduced into (for array reductions, "array").
    public var variable: String
    /// Kern's operator: `+`, `*`, `&`, `|`, `^`, `min`, `max`.
    public var op: String
    /// An array updated with `+=` at computed indices (a histogram).
    public var isArray = false

    /// A reduction's report with these fields.
}

/// What LLVM's loop vectorizer did with a loop.
public struct VectorizationReport: Sendable, Hashable, Codable {
    /// The outcome, from LLVM's remarks.
    public enum Status: String, Sendable, Hashable, Codable {
        /// LLVM vectorized the loop (`width`, `interleave`).
        case vectorized
        /// LLVM tried and did not (`reasons`).
        case notVectorized
        /// LLVM unrolled the loop completely; no loop is left to vectorize.
        case fullyUnrolled
        /// Compiled below -O2: the vectorizers did not run.
        case notOptimized
        /// LLVM said nothing about the loop: an outer loop (only innermost loops are
        /// vectorized), or a loop optimized away (`reasons` says which).
        case noRemark
    }
    /// The outcome.
    public var status: Status
    /// Elements per vector operation (vectorized loops).
    public var width: Int?
    /// Vector operations in flight per iteration (vectorized loops).
    public var interleave: Int?
    /// Why not, in LLVM's words (without its "loop not vectorized: " prefix).
    public var reasons: [String] = []

    /// A vectorization report with these fields.

    /// Whether `status` is `.vectorized`.
    public var isVectorized: Bool { status == .vectorized }
}

/// What happened to the array bounds checks of a loop's body.
public struct BoundsCheckReport: Sendable, Hashable, Codable {
    /// Proved safe and deleted.
    public var removed: Int
    /// Replaced by one range check before the loop.
    public var hoisted: Int
    /// Still checked on every iteration.
    public var kept: Int

    /// A bounds-check report with these counts.
}

/// One LLVM remark attached to a loop.
public struct LoopRemark: Sendable, Hashable, Codable {
    /// `passed`, `missed` or `analysis`.
    public var kind: String
    /// The LLVM pass (`loop-vectorize`, `loop-unroll`).
    public var pass: String
    /// The remark's text.
    public var message: String
    /// The LLVM function the remark was about (loops of inlined functions appear in
    /// their callers, outlined `prange` bodies in `kern_fn_<f>.prangeN`).
    public var llvmFunction: String
    /// Where LLVM placed the remark: the loop's keyword, or the instruction that
    /// caused it (0:0 when LLVM knew no position).
    public var line: Int
    /// Column of `line` (0 when LLVM knew no position).
    public var column: Int

    /// A remark with these fields.
}
