/// Chooses the target for code generation: the host (CPU name + features, so AVX-512 is
/// used where present) unless CodegenOptions override the CPU or the feature string.
/// In: CodegenOptions. Out: a TargetMachineRef, and the function attributes that pin
/// the same CPU/features onto every function (so the JIT's code generator, whatever
/// its own defaults, compiles for exactly what the optimizer assumed).
struct TargetSelection {
    var triple: String
    var cpu: String
    var features: String

    init(_ options: CodegenOptions) {
        triple = HostCPU.triple
        cpu = options.targetCPU ?? HostCPU.name
        // A CPU override without features means "that CPU's own features".
        features = options.targetFeatures ?? (options.targetCPU == nil ? HostCPU.features : "")
    }

    func makeMachine(optLevel: Int) throws -> TargetMachineRef {
        try TargetMachineRef(triple: triple, cpu: cpu, features: features, optLevel: optLevel)
    }
}
