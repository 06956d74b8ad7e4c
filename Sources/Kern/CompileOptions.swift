/// Options of a compilation (API and CLI: LANGUAGE.md §10).
///
/// In: what the user asks for. Out: the settings the pipeline stages read (IRGen's
/// bounds checks, the KernIR pipeline, LLVM's optimization level, fast-math and target)
/// and the default thread count put in every call's context.

public struct CompileOptions: Sendable, Hashable {
    /// LLVM optimization level, 0...3.
    public var optimizationLevel: Int
    /// Array bounds checks (`--unchecked` turns them off). Division by zero and
    /// preconditions are checked in every mode.
    public var checked: Bool
    /// Allow reassociation and other fast-math transformations.
    public var fastMath: Bool
    /// Target CPU and features for LLVM; nil = the host's.
    public var targetCPU: String?
    public var targetFeatures: String?
    /// Worker threads for `prange` loops when a call does not say; nil = all cores.
    public var threads: Int?

    public init(
        optimizationLevel: Int = 3, checked: Bool = true, fastMath: Bool = false,
        targetCPU: String? = nil, targetFeatures: String? = nil, threads: Int? = nil
    ) {
        self.optimizationLevel = min(max(optimizationLevel, 0), 3)
        self.checked = checked
        self.fastMath = fastMath
        self.targetCPU = targetCPU
        self.targetFeatures = targetFeatures
        self.threads = threads
    }
}
