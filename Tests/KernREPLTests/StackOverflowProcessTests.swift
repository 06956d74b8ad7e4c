import Foundation
import KernCLITestSupport
import Testing

/// `kernelc run` on runaway recursion (issue 15.2) as a real process: exit status 1 with
/// the message at the recursive call, never a signal; on the main thread and in a
/// `prange` on the pool's workers.
struct StackOverflowProcessTests {
    func run(_ name: String, _ source: String, _ options: [String] = []) throws -> (
        err: String, status: Int32, signaled: Bool
    ) {
        let binary = try FileManagerTemp.requireKernelc()
        let r = try ChildProcess.run(
            binary, ["run", FileManagerTemp.file(name, source)] + options)
        return (r.err, r.status, r.signaled)
    }

    @Test func deepRecursionOnTheMainThreadExitsWithStatusOne() throws {
        let r = try run(
            "recursion.kern",
            """
            func f(n: Int) -> Int { n == 0 ? 0 : 1 + f(n: n - 1) }
            func main() { print(f(n: 10_000_000)) }
            """)
        #expect(!r.signaled)
        #expect(r.status == 1)
        #expect(r.err.contains("recursion.kern:1:42: error:"), "\(r.err)")
        #expect(r.err.contains("stack overflow: recursion too deep"), "\(r.err)")
    }

    @Test func deepRecursionOnPoolWorkersExitsWithStatusOne() throws {
        let r = try run(
            "recursion-prange.kern",
            """
            func f(n: Int) -> Int { n == 0 ? 0 : 1 + f(n: n - 1) }
            func main() {
                var out = [Int](repeating: 0, count: 8)
                for i in prange(8) { out[i] = f(n: 1_000_000 * (i + 1)) }
                print(out[7])
            }
            """, ["--threads", "4"])
        #expect(!r.signaled)
        #expect(r.status == 1)
        #expect(r.err.contains("recursion-prange.kern:1:42: error:"), "\(r.err)")
        #expect(r.err.contains("stack overflow: recursion too deep"), "\(r.err)")
    }
}
