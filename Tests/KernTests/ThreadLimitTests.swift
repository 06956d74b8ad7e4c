import Foundation
import Kern
import Testing

/// Thread counts from the host (issue 15.6): below 1 is a clear error, at compile time
/// (`CompileOptions.threads`) and at call time (`with(threads:)`); any count above the
/// pool's limit is accepted, runs on at most the limit, and gives the same result.
struct ThreadLimitTests {
    static let source = """
        func total(n: Int) -> Int {
            var s = 0
            for i in prange(n) { s += i }
            return s
        }
        """

    @Test(arguments: [0, -1, Int.min])
    func compileOptionBelowOneIsAnError(threads: Int) {
        #expect {
            try KernModule.compile(source: Self.source, options: CompileOptions(threads: threads))
        } throws: { error in
            guard case .invalidOption(let name, let problem)? = error as? KernError else {
                return false
            }
            return name == "threads" && problem.contains("at least 1")
                && "\(error)".contains("invalid option 'threads'")
        }
    }

    @Test(arguments: [0, -1, Int.min])
    func callOptionBelowOneIsAnError(threads: Int) throws {
        let total = try KernModule.compile(source: Self.source).function(named: "total")
        #expect {
            try total.with(threads: threads)(1_000)
        } throws: { error in
            if case .invalidOption("threads", _)? = error as? KernError { return true }
            return false
        }
        // The function is still usable afterwards.
        #expect(try total.with(threads: 2)(1_000).as(Int.self) == 499_500)
    }

    @Test func hugeCountsAreCappedNotRejected() throws {
        let module = try KernModule.compile(
            source: Self.source, options: CompileOptions(threads: Int.max))
        let total = try module.function(named: "total")
        #expect(try total(100_000).as(Int.self) == 4_999_950_000)
        #expect(try total.with(threads: 64)(100_000).as(Int.self) == 4_999_950_000)
    }
}
