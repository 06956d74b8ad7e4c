import Foundation
import Kern
import Testing

/// The whole library end to end: source → JIT → calls on Swift arrays, as the README
/// shows it, plus runtime errors, compile errors and concurrent use.
struct EndToEndTests {
    static let source = """
        func saxpy(a: Float, x: [Float], y: inout [Float]) {
            precondition(x.count == y.count, "x and y differ in length")
            for i in prange(x.count) {
                y[i] = a * x[i] + y[i]
            }
        }

        func dot(x: [Double], y: [Double]) -> Double {
            var s = 0.0
            for i in prange(x.count) { s += x[i] * y[i] }
            return s
        }

        func divmod(_ a: Int, _ b: Int) -> (Int, Int) { (a / b, a % b) }

        func at(x: [Int], i: Int) -> Int { x[i] }

        func bump(_ count: inout Int, by n: Int) { count += n }

        func rowSums(m: [[Double]], out: inout [Double]) {
            for i in 0..<m.count {
                var s = 0.0
                for j in 0..<m.shape(1) { s += m[i, j] }
                out[i] = s
            }
        }
        """

    /// The README's example, verbatim in spirit: compile once, call on Swift arrays.
    @Test func readmeExample() throws {
        let module = try KernModule.compile(source: Self.source)
        let saxpy = try module.function(named: "saxpy")
        let x = [Float](repeating: 1, count: 1_000)
        var y = [Float](repeating: 2, count: 1_000)
        try saxpy(Float(3), x, &y)
        #expect(y.allSatisfy { $0 == 5 })

        let dot = try module.function(named: "dot")
        let a = (0..<1_000).map(Double.init)
        let s = try dot(a, a).as(Double.self)
        #expect(s == 332_833_500)
    }

    @Test func tuplesInoutScalarsAndTensors() throws {
        let module = try KernModule.compile(source: Self.source)
        let (q, r) = try module.function(named: "divmod")(17, 5).as((Int, Int).self)
        #expect(q == 3 && r == 2)

        var count = 10
        try module.function(named: "bump")(&count, 5)
        #expect(count == 15)

        let m = try Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])
        let out = try Tensor<Double>(shape: [2], repeating: 0)
        try module.function(named: "rowSums")(m, out)
        #expect(out.array == [6, 15])
    }

    @Test func runtimeErrorsAreThrownWithPositions() throws {
        let module = try KernModule.compile(source: Self.source, fileName: "e2e.kern")
        #expect {
            try module.function(named: "at")([1, 2, 3], 3)
        } throws: { error in
            guard case KernError.runtime(_, let message, let position, _, _) = error else {
                return false
            }
            return message.contains("out of bounds") && position.line == 16 && position.column == 36
        }
        #expect(throws: KernError.self) { try module.function(named: "divmod")(1, 0) }
        // The module stays usable after an error.
        #expect(try module.function(named: "at")([1, 2, 3], 2).as(Int.self) == 3)
    }

    @Test func argumentErrorsAreThrownBeforeTheCall() throws {
        let module = try KernModule.compile(source: Self.source)
        let saxpy = try module.function(named: "saxpy")
        var y = [Float](repeating: 0, count: 4)
        #expect(throws: KernError.self) { try saxpy(3.0, [Float](repeating: 1, count: 4), &y) }  // Double, not Float
        #expect(throws: KernError.self) {
            try saxpy(Float(3), [Double](repeating: 1, count: 4), &y)
        }
        #expect(throws: KernError.self) { try saxpy(Float(3), [Float](repeating: 1, count: 4)) }
    }

    @Test func compileErrorsCarryEveryDiagnostic() {
        let bad = """
            func f(x: Int) -> Int {
                let a: Double = x
                return y
            }
            """
        #expect {
            try KernModule.compile(source: bad, fileName: "bad.kern")
        } throws: { error in
            guard case KernError.compile(let diagnostics, _) = error else { return false }
            let text = String(describing: error)
            return diagnostics.count == 2 && text.contains("bad.kern:2:21")
                && text.contains("bad.kern:3:12")
                && text.contains("^")
        }
    }

    /// Compiling and calling from several threads at once.
    @Test func concurrentCompileAndCall() async throws {
        try await withThrowingTaskGroup(of: Double.self) { group in
            for t in 0..<8 {
                group.addTask {
                    let module = try KernModule.compile(source: Self.source)
                    let dot = try module.function(named: "dot")
                    let x = [Double](repeating: Double(t), count: 10_000)
                    var last = 0.0
                    for _ in 0..<50 { last = try dot(x, x).as(Double.self) }
                    return last - Double(t * t * 10_000)
                }
            }
            for try await difference in group { #expect(difference == 0) }
        }
    }
}

struct ArrayViewTests {
    @Test func flatArraysAsRank2WithoutCopies() throws {
        let module = try KernModule.compile(
            source: """
                func scale(m: inout [[Double]], by f: Double) {
                    for i in 0..<m.count { for j in 0..<m.shape(1) { m[i, j] = m[i, j] * f + Double(j) } }
                }
                """)
        let scale = try module.function(named: "scale")
        var flat = [Double](repeating: 1, count: 6)
        try flat.withUnsafeMutableBufferPointer { buffer in
            var view = try KernArrayView(buffer, shape: [2, 3])
            try scale(&view, 2.0)
        }
        #expect(flat == [2, 3, 4, 2, 3, 4])
    }

    @Test func shapeMustCoverTheBuffer() {
        var flat = [Float](repeating: 0, count: 5)
        flat.withUnsafeMutableBufferPointer { buffer in
            #expect(throws: KernError.self) { try KernArrayView(buffer, shape: [2, 3]) }
            #expect(throws: KernError.self) { try KernArrayView(buffer, shape: [1, 1, 1, 5]) }
        }
    }

    @Test func readOnlyViewsCannotBeInout() throws {
        let module = try KernModule.compile(source: "func zero(m: inout [[Int]]) { m[0, 0] = 0 }")
        let zero = try module.function(named: "zero")
        let flat = [Int](repeating: 7, count: 4)
        try flat.withUnsafeBufferPointer { buffer in
            let view = try KernArrayView(buffer, shape: [2, 2])
            #expect(throws: KernError.self) { try zero(view) }
        }
    }
}
