/// Options of a compilation (API and CLI: LANGUAGE.md §10).
///
/// In: what the user asks for. Out: the settings the pipeline stages read (IRGen's
/// bounds checks, the KernIR pipeline, LLVM's optimization level, fast-math, vector
/// math and target) and the default thread count put in every call's context.
internal import KernLLVM

/// Floating-point freedom: `.strict` (IEEE, default), `.balanced` (`--fast-math`:
/// reassociation and contraction, NaN/inf still honoured) or `.aggressive` (also assumes
/// no NaN/inf; warns at `isNaN`/`isInfinite`/`isFinite`). See docs/vector-math.md.
/// The host API's own type (the back end has its twin), so clients see no LLVM module.
public enum FastMathLevel: String, Sendable, Hashable, CaseIterable {
    case strict, balanced, aggressive

    /// The back end's level.
    var codegen: KernLLVM.FastMathLevel {
        switch self {
        case .strict: .strict
        case .balanced: .balanced
        case .aggressive: .aggressive
        }
    }
}

public struct CompileOptions: Sendable, Hashable {
    /// LLVM optimization level, 0...3.
    public var optimizationLevel: Int
    /// Array bounds checks (`--unchecked` turns them off). Division by zero and
    /// preconditions are checked in every mode.
    public var checked: Bool
    /// Floating-point freedom (default strict IEEE).
    public var fastMathLevel: FastMathLevel
    /// Target CPU and features for LLVM; nil = the host's.
    public var targetCPU: String?
    public var targetFeatures: String?
    /// Worker threads for `prange` loops when a call does not say; nil = all cores.
    public var threads: Int?
    /// Loops calling exp, log, sin, pow, erf, … use SIMD variants from glibc's libmvec
    /// (in strict mode only those within 2 ulp of libm). `--no-vector-math` turns it off.
    public var vectorMath: Bool
    /// Preferred SIMD width in bits (256 or 512); nil = the measured default (512).
    public var preferredVectorWidth: Int?

    /// Balanced fast-math on/off (`--fast-math`).
    public var fastMath: Bool {
        get { fastMathLevel != .strict }
        set { fastMathLevel = newValue ? .balanced : .strict }
    }

    public init(
        optimizationLevel: Int = 3, checked: Bool = true, fastMath: Bool = false,
        targetCPU: String? = nil, targetFeatures: String? = nil, threads: Int? = nil,
        fastMathLevel: FastMathLevel? = nil, vectorMath: Bool = true,
        preferredVectorWidth: Int? = nil
    ) {
        self.optimizationLevel = min(max(optimizationLevel, 0), 3)
        self.checked = checked
        self.fastMathLevel = fastMathLevel ?? (fastMath ? .balanced : .strict)
        self.targetCPU = targetCPU
        self.targetFeatures = targetFeatures
        self.threads = threads
        self.vectorMath = vectorMath
        self.preferredVectorWidth = preferredVectorWidth
    }
}

extension CompileOptions {
    /// What the LLVM back end reads; `optimizationRemarks` for reports only.
    /// `runsInProcess`: false when the code is only emitted (build, report), so the target
    /// may be another CPU.
    func codegenOptions(optimizationRemarks: Bool = false, runsInProcess: Bool = true)
        -> CodegenOptions
    {
        CodegenOptions(
            optimizationLevel: optimizationLevel, targetCPU: targetCPU,
            targetFeatures: targetFeatures, fastMathLevel: fastMathLevel.codegen,
            vectorMath: vectorMath, preferredVectorWidth: preferredVectorWidth,
            optimizationRemarks: optimizationRemarks, runsInProcess: runsInProcess)
    }
}
