import Kern
import Testing

/// Array results and `@vectorize` calls through the host API: `KernValue.array`, its
/// `[T]` (copy) and `Tensor` (shared storage) forms, and broadcasting checked on the host.
struct ArrayResultTests {
    static let source = """
        func ramp(n: Int) -> [Double] {
            var r = [Double](repeating: 0, count: n)
            for i in prange(n) { r[i] = Double(i) }
            return r
        }

        func same(x: [[Float]]) -> [[Float]] { x }

        func table(r: Int, c: Int) -> [[Int32]] {
            var t = [[Int32]](repeating: 0, rows: r, cols: c)
            for i in 0..<r {
                for j in 0..<c { t[i, j] = Int32(i * c + j) }
            }
            return t
        }

        func failing(n: Int) -> [Int] {
            var r = [Int](repeating: 0, count: n)
            precondition(n < 4, "n too large")
            return r
        }

        @vectorize
        func hyp(x: Double, y: Double) -> Double { sqrt(x * x + y * y) }
        """

    @Test func rank1ResultCopiesIntoSwiftArray() throws {
        let module = try KernModule.compile(source: Self.source)
        let r = try module.function(named: "ramp")(5)
        #expect(try r.as([Double].self) == [0, 1, 2, 3, 4])
        #expect(r.description == "[0.0, 1.0, 2.0, 3.0, 4.0]")
        #expect(throws: KernError.self) { try r.as([Float].self) }
        #expect(throws: KernError.self) { try r.as(Double.self) }
        #expect(try module.function(named: "ramp")(0).as([Double].self) == [])
    }

    @Test func tensorSharesTheResultStorage() throws {
        let module = try KernModule.compile(source: Self.source)
        let r = try module.function(named: "table")(2, 3)
        let t = try r.tensor(of: Int32.self)
        #expect(t.shape == [2, 3] && t.rows == [[0, 1, 2], [3, 4, 5]])
        t.withUnsafeBufferPointer { b in
            if let base = b.baseAddress { #expect(UInt(bitPattern: base) % 64 == 0) }
        }
        guard case .array(let a) = r else {
            Issue.record("expected an array result")
            return
        }
        t[0, 0] = 42
        #expect(a.element(0) == .int32(42), "no copy: the tensor writes the result's storage")
        #expect(a.shape == [2, 3] && a.rank == 2 && a.count == 6)
    }

    @Test func parameterIsCopiedOnReturn() throws {
        let module = try KernModule.compile(source: Self.source)
        let x = try Tensor<Float>(rows: [[1, 2], [3, 4]])
        let r = try module.function(named: "same")(x)
        let t = try r.tensor(of: Float.self)
        t[0, 0] = 9
        #expect(x[0, 0] == 1, "the result is a new array, not the argument")
        #expect(t.rows == [[9, 2], [3, 4]])
    }

    @Test func runtimeErrorAfterAllocationThrows() throws {
        let module = try KernModule.compile(source: Self.source)
        #expect(try module.function(named: "failing")(3).as([Int].self) == [0, 0, 0])
        #expect(throws: KernError.self) { try module.function(named: "failing")(9) }
    }

    @Test func vectorizeBroadcastsFromSwift() throws {
        let module = try KernModule.compile(source: Self.source)
        let hyp = try module.function(named: "hyp")
        #expect(try hyp(3.0, 4.0).as(Double.self) == 5)
        let x: [Double] = [3, 5, 8]
        #expect(try hyp(x, 4.0).as([Double].self) == [5, (41.0).squareRoot(), (80.0).squareRoot()])
        #expect(try hyp(x, [4.0, 12.0, 15.0]).as([Double].self) == [5, 13, 17])
        let column = try Tensor<Double>(shape: [2, 1], elements: [0, 1])
        let grid = try hyp(column, x).tensor(of: Double.self)
        #expect(grid.shape == [2, 3])
        let second = [10.0, 26.0, 65.0].map { $0.squareRoot() }
        #expect(grid.rows == [[3, 5, 8], second])
        #expect(throws: KernError.self) { try hyp(x, [1.0, 2.0]) }
        do {
            _ = try hyp(x, [1.0, 2.0])
        } catch {
            #expect("\(error)".contains("[3]") && "\(error)".contains("[2]"))
        }
        #expect(throws: KernError.self) { try hyp([Float(1)], 2.0) }
    }
}
