/// Target machines reused across compiles (Bindings/TargetMachinePool.swift): one machine
/// serves a compile's optimization and its emission, reuse gives the same code, and
/// concurrent compiles never share one.
import Dispatch
import KernBasics
import KernIR
import KernLLVM
import Testing

/// `f(a, b) = a * b + a` over Double, exported.
private func straightLineModule() -> KernIR.Module {
    makeModule([
        makeFunction(
            "f", [("a", .scalar(.double), false), ("b", .scalar(.double), false)],
            returns: .scalar(.double)
        ) { b, p in
            let product = b.binary(.mul, p[0].value, p[1].value)
            b.ret(b.binary(.add, product, p[0].value))
        }
    ])
}

@Suite struct TargetMachinePoolTests {
    /// A CPU no other test compiles for, so this suite's pool entry is its own.
    private static func options(_ cpu: String) -> CompileOptions {
        var options = CompileOptions()
        options.targetCPU = cpu
        return options
    }

    /// Compile then emit (what `kernelc build --emit obj` does) creates one machine, not
    /// two: after both, exactly one is idle, and compiling again reuses it.
    @Test func oneMachineServesTheCompileAndItsObject() throws {
        let options = Self.options("znver2")
        #expect(try TargetMachinePool.idleCount(for: options, runsInProcess: false) == 0)
        let compiled = try LLVMBackend.compile(
            straightLineModule(), options: options, runsInProcess: false)
        #expect(try TargetMachinePool.idleCount(for: options, runsInProcess: false) == 1)
        let object = try compiled.objectCode()
        #expect(!object.isEmpty)
        #expect(try TargetMachinePool.idleCount(for: options, runsInProcess: false) == 1)
        _ = try LLVMBackend.compile(straightLineModule(), options: options, runsInProcess: false)
        #expect(try TargetMachinePool.idleCount(for: options, runsInProcess: false) == 1)
    }

    /// A reused machine (which already optimized and emitted other modules) gives the
    /// same assembly as the first use of a new one, and 6 compiles at once (each must
    /// hold its own machine) give it too; the pool then keeps at most `maxIdle`.
    @Test func reuseAndConcurrentCompilesGiveTheSameCode() throws {
        let options = Self.options("znver3")
        let first = try LLVMBackend.compile(
            straightLineModule(), options: options, runsInProcess: false
        ).assembly()
        #expect(first.contains("vfmadd") || first.contains("vmulsd"))
        let again = try LLVMBackend.compile(
            straightLineModule(), options: options, runsInProcess: false
        ).assembly()
        #expect(again == first)
        let results = Results(count: 6)
        DispatchQueue.concurrentPerform(iterations: 6) { k in
            results.set(k) {
                try LLVMBackend.compile(
                    straightLineModule(), options: options, runsInProcess: false
                ).assembly()
            }
        }
        for text in try results.values() { #expect(text == first) }
        let idle = try TargetMachinePool.idleCount(for: options, runsInProcess: false)
        #expect(idle >= 1 && idle <= TargetMachinePool.maxIdle)
    }
}

/// One slot per concurrent compile, each written once by its own thread.
private final class Results: @unchecked Sendable {
    private var slots: [Result<String, any Error>?]
    private let lock = DispatchSemaphore(value: 1)
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ body: () throws -> String) {
        let result = Result(catching: body)
        lock.wait()
        slots[k] = result
        lock.signal()
    }
    func values() throws -> [String] {
        lock.wait()
        defer { lock.signal() }
        return try slots.map { try #require($0).get() }
    }
}
