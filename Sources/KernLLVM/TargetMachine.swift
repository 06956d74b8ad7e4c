/// Chooses the target for code generation: the host (CPU name + features, so AVX-512 is
/// used where present) unless CompileOptions override the CPU or the feature string.
/// In: CompileOptions. Out: a TargetMachineRef, and the function attributes that pin
/// the same CPU/features onto every function (so the JIT's code generator, whatever
/// its own defaults, compiles for exactly what the optimizer assumed).
import KernBasics

struct TargetSelection {
    let triple: String
    let cpu: String
    let features: String
    /// `prefer-vector-width` for the vectorizers, in bits (256 or 512).
    let preferredVectorWidth: Int
    /// The code runs in this process (JIT code model) rather than being emitted.
    let runsInProcess: Bool
    /// The libmvec ISAs the generated code may call: from the feature string when it
    /// names them, else from the CPU name (LLVM's C API cannot list a CPU's features).
    /// Worked out once here: Codegen asks for every math call (every lane of an SPMD
    /// loop), and splitting the host's ~1,500-character feature string each time was
    /// ~7 ms of logsumexp.kern's lowering.
    let vectorISAs: [VectorISA]

    /// - Throws: `InvalidTarget` for a CPU or feature LLVM does not know (which would end the
    ///   process in LLVM's fatal-error handler) or, for code run in process, a feature
    ///   this machine lacks (`TargetValidation`).
    init(_ options: CompileOptions, runsInProcess: Bool) throws {
        triple = HostCPU.triple
        self.runsInProcess = runsInProcess
        guard let llvm = LLVMLibrary.loaded else {
            preconditionFailure("TargetSelection needs LLVM loaded: create a Context first")
        }
        try TargetValidation.check(
            cpu: options.targetCPU, features: options.targetFeatures, triple: triple,
            hostFeatures: HostCPU.features, llvmMajor: llvm.major,
            inProcess: runsInProcess)
        cpu = options.targetCPU ?? HostCPU.name
        // A CPU override without features means "that CPU's own features".
        let requested =
            options.targetFeatures ?? (options.targetCPU == nil ? HostCPU.features : "")
        // In process, whatever the CPU name implies, nothing the host lacks.
        let overridden = options.targetCPU != nil || options.targetFeatures != nil
        features =
            runsInProcess && overridden
            ? TargetValidation.restrictedToHost(requested, hostFeatures: HostCPU.features)
            : requested
        preferredVectorWidth = options.preferredVectorWidth ?? Self.measuredVectorWidth
        vectorISAs = Self.vectorISAs(
            triple: triple, cpu: cpu, features: features,
            preferredVectorWidth: preferredVectorWidth)
    }

    /// The default `prefer-vector-width`: 512-bit vectors measured faster than 256-bit
    /// ones on this project's reference machine (2-core AVX-512 VM, LLVM host CPU
    /// emeraldrapids) for every math loop and Black-Scholes
    /// (docs/vector-math.md, "Vector width"); on CPUs without AVX-512 it changes nothing.
    static let measuredVectorWidth = 512

    /// The width for code that only moves, adds and multiplies data
    /// (Codegen+VectorWidth.swift): 256 bits, where 512-bit accesses to unaligned data
    /// cross a cache line on every access — except on AMD Zen 4 (`znver4`), which runs
    /// 512-bit operations as two 256-bit halves: there the suite's stencils ran faster
    /// with 512 bits (1 thread, 32 bytes past a 64-byte boundary, min of 7: 1300² × 100
    /// sweeps 148.9 ms with 256 bits, 128.6 ms with 512, gcc 129.3; 2000² × 40 sweeps
    /// 176.4 / 167.4 / 161.5; 250² × 1000 sweeps 16.1 / 16.7 / 16.5). Zen 5 is not
    /// measured and keeps 256.
    var dataMovingVectorWidth: Int { min(preferredVectorWidth, cpu == "znver4" ? 512 : 256) }

    /// SPMD lane-ordered updates (a histogram's `local[b] += 1`) run as a rolled loop over
    /// the lanes on AMD CPUs (`znver*`), unrolled one copy per lane elsewhere
    /// (Codegen+SPMDSerial.swift): unrolled, Zen 4 ran the suite's histogram at 7.8× C,
    /// rolled at 0.95×; on Intel (Ice Lake) the unrolled form measured 0.7× C, and
    /// reloading lanes from the stack was slower in a C model there.
    var rollsLaneOrderedUpdates: Bool { cpu.hasPrefix("znver") }

    /// Runs `body` with a target machine for this selection at `optLevel` (the code
    /// generator's level unless `KERN_CODEGEN_OPT` overrides it), borrowed from the
    /// process's `TargetMachinePool` and used by no one else until `body` returns.
    func withMachine<R>(optLevel: Int, _ body: (TargetMachineRef) throws -> R) throws -> R {
        let key = TargetMachinePool.Key(
            triple: triple, cpu: cpu, features: features,
            optLevel: try LLVMTuning.current.codegenLevel(or: optLevel), forJIT: runsInProcess)
        return try TargetMachinePool.withMachine(key, body)
    }

    private static func vectorISAs(
        triple: String, cpu: String, features: String, preferredVectorWidth: Int
    ) -> [VectorISA] {
        guard triple.hasPrefix("x86_64") else { return [] }
        let flags = features.split(separator: ",")
        func has(_ feature: String, cpuFamilies: [String]) -> Bool {
            if flags.contains(Substring("-" + feature)) { return false }
            if flags.contains(Substring("+" + feature)) { return true }
            return cpuFamilies.contains { cpu.hasPrefix($0) }
        }
        var isas: [VectorISA] = []
        if has("avx2", cpuFamilies: avx2CPUs) { isas.append(.avx2) }
        if preferredVectorWidth >= 512, has("avx512f", cpuFamilies: avx512CPUs) {
            isas.append(.avx512)
        }
        return isas
    }

    /// CPU name prefixes with AVX-512F / AVX2 (used only when the features do not say).
    private static let avx512CPUs = [
        "x86-64-v4", "skylake-avx512", "cascadelake", "cooperlake", "cannonlake", "icelake",
        "tigerlake", "rocketlake", "sapphirerapids", "emeraldrapids", "graniterapids",
        "znver4", "znver5", "knl", "knm",
    ]
    private static let avx2CPUs =
        avx512CPUs + [
            "x86-64-v3", "haswell", "broadwell", "skylake", "alderlake", "raptorlake",
            "meteorlake", "arrowlake", "lunarlake", "gracemont", "sierraforest", "znver",
            "bdver4",
        ]
}
