/// Verifies and optimizes a lowered module with the new pass manager.
/// In: a Module fresh from Codegen and the TargetMachine it is compiled for.
/// Out: the same module, verified, with `default<O0…O3>` applied (vectorizers on from O2,
/// tuned by the target machine's CPU and features).
enum Optimizer {
    static func run(_ module: Module, machine: TargetMachineRef, level: Int) throws {
        // Always verify: it costs microseconds for kernels and turns a Codegen bug into a
        // Swift error instead of an LLVM crash inside the pass pipeline.
        if let problem = module.verify() {
            throw LLVMError("invalid LLVM IR generated (compiler bug): \(problem)")
        }
        let clamped = max(0, min(3, level))
        let pipeline =
            clamped >= 1 ? LLVMTuning.current.passes ?? "default<O\(clamped)>" : "default<O0>"
        try runPasses(pipeline, on: module, machine: machine, vectorize: clamped >= 2)
    }
}
