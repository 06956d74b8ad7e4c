/// Target machines kept for reuse within a process: a compile borrows one for its
/// optimization and gives it back, and emitting the object (or a later compile for the
/// same target) borrows it again instead of creating another.
/// Why: creating an X86 target machine and its first subtarget costs ~3 M instructions
/// (~1 ms), paid twice by every `kernelc build --emit obj` (optimizer, then emission) and
/// once by every lazily compiled function of a host app. ORC reuses one target machine for
/// every module it compiles (`SimpleCompiler`), so reuse gives the same code; what a target
/// machine is not is thread-safe (its subtarget map has no lock), hence one borrower at a
/// time: a machine is either idle in the pool or held by exactly one `withMachine` call.
import KernBasics

package enum TargetMachinePool {
    /// Everything `TargetMachineRef.init` takes: machines are reused only for the same.
    struct Key: Hashable {
        var triple: String
        var cpu: String
        var features: String
        var optLevel: Int
        var forJIT: Bool
    }

    /// Idle machines per key; at most `maxIdle` are kept (one per compile thread a
    /// split compile runs at once on this project's machines, plus one).
    private static let idle = Locked<[Key: [TargetMachineRef]]>([:])
    package static let maxIdle = 4

    /// Runs `body` with a machine for `key` that no one else uses meanwhile: an idle one,
    /// else a new one. The machine goes back to the pool when `body` returns normally; after
    /// a throw it is dropped (an LLVM failure may have left it in a state not worth reusing).
    static func withMachine<R>(_ key: Key, _ body: (TargetMachineRef) throws -> R) throws -> R {
        let machine =
            try idle.withLock { $0[key]?.popLast() }
            ?? TargetMachineRef(
                triple: key.triple, cpu: key.cpu, features: key.features,
                optLevel: key.optLevel, forJIT: key.forJIT)
        let result = try body(machine)
        idle.withLock { pool in
            if pool[key, default: []].count < maxIdle { pool[key, default: []].append(machine) }
        }
        return result
    }

    /// How many machines are idle for the target `options` select (tests).
    package static func idleCount(for options: CompileOptions, runsInProcess: Bool) throws
        -> Int
    {
        _ = try Context()  // loads LLVM, which TargetSelection needs
        let target = try TargetSelection(options, runsInProcess: runsInProcess)
        let key = Key(
            triple: target.triple, cpu: target.cpu, features: target.features,
            optLevel: try LLVMTuning.current.codegenLevel(or: options.optimizationLevel),
            forJIT: runsInProcess)
        return idle.withLock { $0[key]?.count ?? 0 }
    }
}
