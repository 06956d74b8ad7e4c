/// Options of a compilation: the one options type every stage reads (API and CLI:
/// LANGUAGE.md §10; docs/architecture.md).
///
/// In: what the user asks for. Out: the settings the stages read — the KernIR pipeline
/// (`checked`, `verifyEach`, `dumpAfter`), LLVM (optimization level, fast-math, vector
/// math, target, remarks) and the default thread count put in every call's context.
/// No stage has an options type of its own that mirrors these fields.
public struct CompileOptions: Sendable, Hashable {
    /// LLVM optimization level, 0...3.
    public var optimizationLevel: Int
    /// Array bounds checks (`--unchecked` turns them off). Division by zero and
    /// preconditions are checked in every mode. Enforced once, by the KernIR pass
    /// `remove-bounds-checks`: IRGen always emits the checks.
    public var checked: Bool
    /// Floating-point freedom (default strict IEEE).
    public var fastMathLevel: FastMathLevel
    /// Target CPU and features for LLVM; nil = the host's. `"native"` (as in clang's
    /// `-march=native`) means the same and is stored as nil.
    public var targetCPU: String? {
        didSet { targetCPU = Self.hostIfNative(targetCPU) }  // (no second didSet)
    }
    /// The CPU name that means "this machine's", as nil does.
    public static let nativeCPU = "native"
    /// `cpu`, or nil for `nativeCPU` (both the initializer and `targetCPU`'s setter).
    private static func hostIfNative(_ cpu: String?) -> String? { cpu == nativeCPU ? nil : cpu }
    /// nil: the host's features (or, with `targetCPU` set, that CPU's own).
    public var targetFeatures: String?
    /// Worker threads for `prange` loops when a call does not say; nil = all cores.
    public var threads: Int?
    /// Loops calling exp, log, sin, pow, erf, … use SIMD variants from glibc's libmvec
    /// (in strict mode only those within 2 ulp of libm). `--no-vector-math` turns it off.
    public var vectorMath: Bool
    /// Preferred SIMD width in bits (256 or 512); nil = the measured default (512).
    public var preferredVectorWidth: Int?
    /// Emit source locations in the LLVM IR and collect LLVM's loop optimization remarks
    /// (for reports; off for normal compiles, which then carry no debug metadata).
    public var optimizationRemarks: Bool
    /// Run the Kern IR verifier on the pipeline's input and after every pass
    /// (`--verify-each`). nil = on in debug builds of Kern, off in release builds.
    public var verifyEach: Bool?
    /// Print the Kern IR after the pass with this name (`--dump-after PASS`): a name of
    /// `pipelinePassNames` (`"input"` = the pipeline's input) or `"all"` for every pass.
    public var dumpAfter: String?
    /// Use the persistent compile cache (README "Compile cache"; `KERN_CACHE=off` turns it
    /// off for the whole process) and reuse a module compiled from the same source with
    /// the same options that is still alive in this process. Not part of any cache key.
    public var compileCache: Bool
    /// Lazy compilation: compile only these functions (by name) and what they call; the
    /// module's callable functions are then these alone. nil (the default): every
    /// function, all compiled up front. `kernelc run` passes `["main"]`. Part of the
    /// cache key (an entry holds only the code compiled).
    public var entryPoints: Set<String>?
    /// Compile each function on its first call (with the functions it calls), not all at
    /// `KernModule.compile`: the default. The front end and the Kern IR passes still run
    /// on the whole file at `compile`, so every compile error is thrown there; LLVM only
    /// sees a function when it is first called (or its `KernFunction.entryPoint` is
    /// read). false: every function is compiled up front (`kernelc run` and the tools).
    /// Not part of any cache key: each lazy compile is keyed by the one function it
    /// compiles, exactly like a compile with `entryPoints` set to that function.
    public var lazyCompile: Bool

    /// Shared libraries whose symbols `@extern(c)` functions may bind to, besides the
    /// process's (paths or names `dlopen` finds; `kernelc run --link`). Loaded globally
    /// when a program declaring C functions is compiled. Not part of the cache key: object
    /// code names symbols, and the check runs before the cache is consulted.
    public var libraries: [String] = []

    /// Run branchy `prange` bodies as SIMD lanes (SPMD; docs/decisions.md, "SPMD prange
    /// bodies"). `--no-spmd` turns it off, e.g. to compare.
    public var spmd: Bool

    /// Unroll-and-jam loops like the matmul's `k` loop (the `unroll-and-jam` pass,
    /// docs/decisions.md, "Unroll-and-jam"; results are bitwise the same either way).
    /// `--no-unroll-jam` turns it off, e.g. to compare.
    public var unrollAndJam: Bool = true

    /// Balanced fast-math on/off (`--fast-math`).
    public var fastMath: Bool {
        get { fastMathLevel != .strict }
        set { fastMathLevel = newValue ? .balanced : .strict }
    }

    /// Options with these values; the defaults are `kernelc`'s: -O3, bounds checks on,
    /// strict IEEE math, this machine's CPU, all cores, vector math on. The optimization
    /// level is clamped to 0...3.
    public init(
        optimizationLevel: Int = 3, checked: Bool = true, fastMath: Bool = false,
        targetCPU: String? = nil, targetFeatures: String? = nil, threads: Int? = nil,
        fastMathLevel: FastMathLevel? = nil, vectorMath: Bool = true,
        preferredVectorWidth: Int? = nil, optimizationRemarks: Bool = false,
        verifyEach: Bool? = nil, dumpAfter: String? = nil, compileCache: Bool = true,
        entryPoints: Set<String>? = nil, spmd: Bool = true, lazyCompile: Bool = true
    ) {
        self.lazyCompile = lazyCompile
        self.compileCache = compileCache
        self.entryPoints = entryPoints
        self.spmd = spmd
        self.optimizationLevel = min(max(optimizationLevel, 0), 3)
        self.checked = checked
        self.fastMathLevel = fastMathLevel ?? (fastMath ? .balanced : .strict)
        self.targetCPU = Self.hostIfNative(targetCPU)
        self.targetFeatures = targetFeatures
        self.threads = threads
        self.vectorMath = vectorMath
        self.preferredVectorWidth = preferredVectorWidth
        self.optimizationRemarks = optimizationRemarks
        self.verifyEach = verifyEach
        self.dumpAfter = dumpAfter
    }
}
