/// The examples of the DocC article Sources/Kern/Kern.docc/GettingStarted.md, run as
/// written there, so the article stays true (keep the two in step).
import Testing

@testable import Kern

@Suite struct GettingStartedTests {
    static let source = """
        func saxpy(a: Float, x: [Float], y: inout [Float]) {
            precondition(x.count == y.count, "x and y differ in length")
            for i in prange(x.count) { y[i] = a * x[i] + y[i] }
        }
        func norm2(x: [Double]) -> Double {
            var s = 0.0
            for i in prange(x.count) { s += x[i] * x[i] }
            return sqrt(s)
        }
        func fill(x: inout [Double]) {
            for i in prange(x.count) { x[i] = Double.random(in: 0..<1) }
        }
        """

    @Test func aKernelFromAString() throws {
        let module = try KernModule.compile(source: Self.source)
        let norm2 = try module.function(named: "norm2")
        #expect(try norm2([3.0, 4.0]).as(Double.self) == 5.0)
        var y: [Float] = [1, 1]
        try module.function(named: "saxpy")(Float(2), [Float(1), 2], &y)
        #expect(y == [3, 5])
    }

    @Test func kernSourceConstant() throws {
        let kernels = KernSource(
            """
            func scale(x: inout [Float], by a: Float) {
                for i in 0..<x.count { x[i] *= a }
            }
            """)
        let scale = try KernModule.compile(kernels).function(named: "scale")
        var x: [Float] = [1, 2]
        try scale(&x, Float(3))
        #expect(x == [3, 6])
    }

    @Test func seedsNotThreadsDecideRandomNumbers() throws {
        let fill = try KernModule.compile(source: Self.source).function(named: "fill")
        var four = [Double](repeating: 0, count: 1_000)
        var one = four
        try fill.with(seed: 42, threads: 4)(&four)
        try fill.with(seed: 42, threads: 1)(&one)
        #expect(four == one)
        #expect(Set(four).count > 990, "distinct random values")
    }

    @Test func theArgumentErrorAsPrinted() throws {
        let norm2 = try KernModule.compile(source: Self.source).function(named: "norm2")
        do {
            try norm2([1, 2] as [Float])
            Issue.record("expected an error")
        } catch let error as KernError {
            #expect(
                error.description
                    == "invalid argument: argument 1 of 'norm2': parameter 'x' expects [Double], got [Float]"
            )
        }
    }
}
