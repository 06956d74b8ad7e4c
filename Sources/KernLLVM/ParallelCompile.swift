/// Compiling one module on several threads (issue 14.2): the module is split into
/// partitions (KernIR/Partitioning.swift), each lowered, optimized and turned into object
/// code in its own LLVM context with its own target machine, on its own thread. The
/// objects are linked together in one JITDylib (KernJIT), where a call from one
/// partition to a function of another binds to its hidden external symbol.
///
/// In: a Kern IR module after the passes, `CompileOptions`. Out: one `CompiledModule` and
/// its object code per partition (the whole module as one partition when it is small or
/// one thread is allowed: exactly the single-module compile).
import Dispatch
import KernBasics
import KernIR

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A compiled partition: its optimized LLVM module and its object code.
public struct CompiledPartition: @unchecked Sendable {
    public let module: CompiledModule
    public let object: [UInt8]
    /// CPU time of the thread that compiled it (lowering to object code): on a machine
    /// with a free core per partition, the split compile takes about the largest of these.
    public let cpuTime: Duration
}

/// The calling thread's CPU time so far.
private func threadCPUTime() -> Duration {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return .seconds(t.tv_sec) + .nanoseconds(t.tv_nsec)
}

extension LLVMBackend {
    /// How a compile is split. `threads`: partitions at most (nil: `KERN_COMPILE_THREADS`
    /// from the environment, else the number of cores); `minimumCost`: Kern IR
    /// instructions below which a module is never split (the benchmark kernels stay one
    /// module: identical code to before).
    public struct Parallelism: Sendable, Equatable {
        public var threads: Int?
        public var minimumCost: Int
        public init(threads: Int? = nil, minimumCost: Int = 3000) {
            self.threads = threads
            self.minimumCost = minimumCost
        }
    }

    /// Threads a compile may use: `KERN_COMPILE_THREADS` (a positive number), else the
    /// cores online.
    public static var defaultCompileThreads: Int {
        if let text = getenv("KERN_COMPILE_THREADS").map({ String(cString: $0) }),
            let n = Int(text), n >= 1
        {
            return n
        }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// The partitions `compileToObjects` would compile `module` as.
    public static func partitions(of module: KernIR.Module, _ parallelism: Parallelism)
        -> [ModulePartition]
    {
        partitionModule(
            module, count: parallelism.threads ?? defaultCompileThreads,
            minimumCost: parallelism.minimumCost)
    }

    /// Lowers, optimizes and emits `module` for this process (the JIT), in partitions on
    /// separate threads when it is large. Throws the first partition's error (LLVMError,
    /// `InvalidTarget`).
    public static func compileToObjects(
        _ module: KernIR.Module, options: CompileOptions, parallelism: Parallelism = .init()
    ) throws -> [CompiledPartition] {
        let parts = partitions(of: module, parallelism)
        @Sendable func compilePart(_ part: ModulePartition?) throws -> CompiledPartition {
            let start = threadCPUTime()
            let compiled = try compile(
                module, options: options, runsInProcess: true, partition: part)
            let object = try compiled.objectCode()
            return CompiledPartition(
                module: compiled, object: object, cpuTime: threadCPUTime() - start)
        }
        if parts.count == 1 { return [try compilePart(nil)] }
        let results = ResultSlots<CompiledPartition>(count: parts.count)
        DispatchQueue.concurrentPerform(iterations: parts.count) { k in
            results.set(k) { try compilePart(parts[k]) }
        }
        return try results.values()
    }
}

/// One result per thread of `concurrentPerform`, each written once by its own thread.
private final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [Result<T, any Error>?]
    private let lock = PthreadLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ k: Int, _ body: () throws -> T) {
        let result = Result(catching: body)
        lock.withLock { slots[k] = result }
    }

    /// The values in order, or the first failure.
    func values() throws -> [T] {
        try lock.withLock { slots }.map { slot in
            guard let slot else { preconditionFailure("concurrentPerform ran every iteration") }
            return try slot.get()
        }
    }
}

/// A pthread mutex (KernLLVM does not import Foundation for NSLock).
private final class PthreadLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    init() { pthread_mutex_init(mutex, nil) }
    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }
    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
