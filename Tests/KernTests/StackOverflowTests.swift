import Foundation
import Testing

/// Recursion deeper than the thread's stack allows (issue 15.2): a thrown
/// `KernError.runtime(.stackOverflow, ...)` at the recursive call, on the calling thread
/// and on the thread pool's workers, never a SIGSEGV; the module stays usable.
@testable import Kern

@Suite struct StackOverflowTests {
    static let source = """
        func f(n: Int) -> Int { n == 0 ? 0 : 1 + f(n: n - 1) }

        func isEven(n: Int) -> Bool { n == 0 ? true : isOdd(n: n - 1) }
        func isOdd(n: Int) -> Bool { n == 0 ? false : isEven(n: n - 1) }

        func deepInPrange(out: inout [Int], depth: Int) {
            for i in prange(out.count) { out[i] = f(n: depth + i) }
        }

        func countDown(n: Int, out: inout [Int]) {
            if n == 0 { return }
            for i in prange(2) { out[i] = out[i] + 1 }
            countDown(n: n - 1, out: &out)
        }
        """

    static let module = Result {
        try KernModule.compile(source: source, fileName: "recursion.kern")
    }

    private func stackOverflow(_ body: () throws -> Void) -> (String, SourcePos)? {
        do {
            try body()
        } catch let KernError.runtime(kind, message, position, _, _) {
            if kind == .stackOverflow { return (message, position) }
        } catch {}
        return nil
    }

    @Test func deepRecursionIsAnErrorAtTheCallAndTheModuleStaysUsable() throws {
        let f = try Self.module.get().function(named: "f")
        #expect(try f(1000).as(Int.self) == 1000)
        for _ in 0..<3 {
            let e = stackOverflow { _ = try f(10_000_000) }
            #expect(e?.0 == "stack overflow: recursion too deep")
            #expect(e?.1 == SourcePos(line: 1, column: 42))
            #expect(try f(5000).as(Int.self) == 5000, "the module is usable afterwards")
        }
    }

    @Test func mutualRecursionIsChecked() throws {
        let isEven = try Self.module.get().function(named: "isEven")
        #expect(try isEven(10_001).as(Bool.self) == false)
        let e = stackOverflow { _ = try isEven(100_000_000) }
        #expect(e?.0 == "stack overflow: recursion too deep")
        #expect(e?.1.line == 3 || e?.1.line == 4)
    }

    @Test(arguments: [1, 2, 8])
    func deepRecursionInsidePrangeWorkers(threads: Int) throws {
        let g = try Self.module.get().function(named: "deepInPrange").with(
            seed: 0, threads: threads)
        var out = [Int](repeating: 0, count: 16)
        let e = stackOverflow { try g(&out, 10_000_000) }
        #expect(e?.0 == "stack overflow: recursion too deep")
        #expect(e?.1 == SourcePos(line: 1, column: 42))
        try g(&out, 100)
        #expect(out == (0..<16).map { 100 + $0 })
    }

    /// A cycle through a prange body (the function calls itself after its loop) is a
    /// recursion the check covers too.
    @Test func recursionAroundAPrangeIsChecked() throws {
        let countDown = try Self.module.get().function(named: "countDown").with(
            seed: 0, threads: 2)
        var out = [0, 0]
        try countDown(100, &out)
        #expect(out == [100, 100])
        let e = stackOverflow { try countDown(100_000_000, &out) }
        #expect(e?.0 == "stack overflow: recursion too deep")
        #expect(e?.1 == SourcePos(line: 13, column: 5))
    }

    /// A host thread with a small stack gets the error before its stack runs out.
    @Test func smallHostThreadStack() throws {
        let f = try Self.module.get().function(named: "f")
        nonisolated(unsafe) var outcome: (String, SourcePos)?
        nonisolated(unsafe) var shallow = 0
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            outcome = stackOverflow { _ = try f(10_000_000) }
            shallow = (try? f(100).as(Int.self)) ?? -1
            done.signal()
        }
        thread.stackSize = 512 << 10
        thread.start()
        done.wait()
        #expect(outcome?.0 == "stack overflow: recursion too deep")
        #expect(shallow == 100)
    }
}
