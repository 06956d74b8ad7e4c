import Kern
import Testing

/// `@vectorize` functions called from Swift with `out:` (LANGUAGE.md §10): results written
/// into an existing array, broadcasting to its shape, in place, and every refusal thrown
/// before anything is written.
struct ElementwiseOutTests {
    static let source = """
        @vectorize
        func hyp(x: Double, y: Double) -> Double { sqrt(x * x + y * y) }

        @vectorize
        func root(x: Double) -> Double {
            precondition(x >= 0.0, "negative input")
            return sqrt(x)
        }

        @vectorize
        func seven(x: Int32) -> Int32 { 7 }

        func plain(x: Double) -> Double { x }
        """

    static func module() throws -> KernModule { try KernModule.compile(source: source) }

    /// The argument problem of an `invalidArgument` error, or nil.
    static func problem(_ error: any Error) -> (String, Int?, ArgumentProblem)? {
        guard case .invalidArgument(let f, let argument, let problem) = error as? KernError else {
            return nil
        }
        return (f, argument, problem)
    }

    @Test func writesIntoASwiftArray() throws {
        let hyp = try Self.module().function(named: "hyp")
        let x: [Double] = [3, 5, 8]
        var z = [Double](repeating: -1, count: 3)
        try hyp(x, [4.0, 12.0, 15.0], out: &z)
        #expect(z == [5, 13, 17])
        // A scalar broadcasts along the array; scalars alone fill it.
        try hyp(x, 0.0, out: &z)
        #expect(z == [3, 5, 8])
        try hyp(3.0, 4.0, out: &z)
        #expect(z == [5, 5, 5])
    }

    @Test func argumentsBroadcastToTheOutShape() throws {
        let hyp = try Self.module().function(named: "hyp")
        let column = try Tensor<Double>(shape: [2, 1], elements: [0, 1])
        let row: [Double] = [3, 5, 8]
        let grid = try Tensor<Double>(shape: [2, 3], repeating: 0)
        try hyp(column, row, out: grid)  // a Tensor is writable without &
        let second = [10.0, 26.0, 65.0].map { $0.squareRoot() }
        #expect(grid.rows == [[3, 5, 8], second])
        // out: larger than the arguments' own broadcast shape: they stretch to it.
        let big = try Tensor<Double>(shape: [2, 3], repeating: 0)
        try hyp(row, 4.0, out: big)
        #expect(big.rows[1] == [5, (41.0).squareRoot(), (80.0).squareRoot()])
    }

    @Test func aShapeThatDoesNotBroadcastToOutNamesBoth() throws {
        let hyp = try Self.module().function(named: "hyp")
        var z = [Double](repeating: -1, count: 2)
        #expect {
            try hyp([1.0, 2.0, 3.0], 1.0, out: &z)
        } throws: { error in
            guard let (f, argument, problem) = Self.problem(error),
                case .doesNotBroadcastToOut(let name, let shape, let outShape) = problem
            else { return false }
            return f == "hyp" && argument == 0 && name == "x" && shape == [3] && outShape == [2]
                && "\(error)".contains("[3]") && "\(error)".contains("[2]")
        }
        #expect(z == [-1, -1], "nothing was written")
        // An argument of a larger rank than out: cannot broadcast to it.
        let m = try Tensor<Double>(shape: [2, 2], repeating: 1)
        #expect {
            try hyp(1.0, m, out: &z)
        } throws: { error in
            guard let (_, argument, problem) = Self.problem(error),
                case .doesNotBroadcastToOut("y", [2, 2], [2]) = problem
            else { return false }
            return argument == 1
        }
        // out's extent 1 is not stretched: its shape never changes.
        var one = [0.0]
        #expect(throws: KernError.self) { try hyp([1.0, 2.0], 1.0, out: &one) }
    }

    @Test func outMustBeAWritableArrayOfTheResultType() throws {
        let module = try Self.module()
        let hyp = try module.function(named: "hyp")
        var floats: [Float] = [0, 0]
        #expect {
            try hyp([1.0, 2.0], 1.0, out: &floats)
        } throws: { error in
            guard let (_, argument, problem) = Self.problem(error),
                case .typeMismatch("out", _, "[Float]") = problem
            else { return false }
            return argument == 2
        }
        var scalar = 0.0
        #expect(throws: KernError.self) { try hyp([1.0], 1.0, out: &scalar) }
        let readOnly: [Double] = [0, 0]
        #expect {
            try hyp([1.0, 2.0], 1.0, out: readOnly)
        } throws: { error in
            guard let (_, _, problem) = Self.problem(error), case .notWritable("out") = problem
            else { return false }
            return true
        }
        var z: [Double] = [0]
        #expect {
            try module.function(named: "plain")(1.0, out: &z)
        } throws: { error in
            guard let (f, _, problem) = Self.problem(error), case .notVectorize = problem
            else { return false }
            return f == "plain"
        }
        // Scalar arguments alone fill out: (Int32 elements here).
        var sevens = [Int32](repeating: 0, count: 4)
        try module.function(named: "seven")(Int32(1), out: &sevens)
        #expect(sevens == [7, 7, 7, 7])
    }

    @Test func inPlaceWithTheSameArray() throws {
        let hyp = try Self.module().function(named: "hyp")
        let t = Tensor<Double>([3, 5, 8])
        try hyp(t, 4.0, out: t)
        #expect(t.array == [5, (41.0).squareRoot(), (80.0).squareRoot()])
        // The same storage with leading 1s (rank 1 into rank 2 of shape [1, n]) is the
        // same array too.
        var flat: [Double] = [6, 15]
        try flat.withUnsafeMutableBufferPointer { b in
            let row = try KernArrayView(b, shape: [1, 2])
            try hyp(b, 8.0, out: row)
        }
        #expect(flat == [10, 17])
        // Swift's own arrays: `hyp(z, 4.0, out: &z)` is legal; copy-on-write gives out:
        // storage of its own, so the result is the same as in place.
        var z: [Double] = [3, 0]
        try hyp(z, 4.0, out: &z)
        #expect(z == [5, 4])
    }

    @Test func anOverlapThatIsNotTheSameArrayIsRefused() throws {
        let hyp = try Self.module().function(named: "hyp")
        var storage: [Double] = [1, 2, 3, 4]
        try storage.withUnsafeMutableBufferPointer { b in
            let out = UnsafeMutableBufferPointer(rebasing: b[0..<3])
            let shifted = UnsafeBufferPointer(rebasing: b[1..<4])
            #expect {
                try hyp(shifted, 0.0, out: out)
            } throws: { error in
                guard let (_, argument, problem) = Self.problem(error),
                    case .outOverlapsArgument("x") = problem
                else { return false }
                return argument == 0
            }
            // One element of out's own storage, broadcast: also refused.
            let first = UnsafeBufferPointer(rebasing: b[0..<1])
            #expect(throws: KernError.self) { try hyp(1.0, first, out: out) }
        }
        #expect(storage == [1, 2, 3, 4], "nothing was written")
    }

    @Test func runtimeErrorsNameTheFunctionNotItsVariant() throws {
        let root = try Self.module().function(named: "root")
        var z = [Double](repeating: 0, count: 3)
        try root([1.0, 4.0, 9.0], out: &z)
        #expect(z == [1, 2, 3])
        #expect {
            try root([1.0, -4.0, 9.0], out: &z)
        } throws: { error in
            guard case .runtime(let kind, _, let position, let f, _) = error as? KernError else {
                return false
            }
            return f == "root" && kind == .preconditionFailed(message: "negative input")
                && position.line == 6
        }
        #expect(throws: KernError.self) { try root([-1.0]) }
    }

    @Test func newArraysHaveTheBroadcastShapeAndEveryElement() throws {
        let hyp = try Self.module().function(named: "hyp")
        // Uninitialized storage: every element must be written, for every rank.
        let a = try Tensor<Double>(shape: [3, 1, 4], elements: (0..<12).map(Double.init))
        let b = try Tensor<Double>(shape: [5, 1], elements: (0..<5).map(Double.init))
        let r = try hyp(a, b).tensor(of: Double.self)
        #expect(r.shape == [3, 5, 4])
        for i in 0..<3 {
            for j in 0..<5 {
                for k in 0..<4 {
                    let x = a[i, 0, k]
                    let y = b[j, 0]
                    #expect(r[i, j, k] == (x * x + y * y).squareRoot())
                }
            }
        }
        #expect(try hyp([Double](), 1.0).as([Double].self) == [])
    }

    @Test func aBroadcastShapeNoMemoryHoldsIsAnArgumentError() throws {
        let hyp = try Self.module().function(named: "hyp")
        try withUnsafePointer(to: 0.0) { p in
            // Views that claim 2^40 elements (nothing reads them: the check comes first).
            let huge = UnsafeBufferPointer(start: p, count: 1 << 40)
            let column = try KernArrayView(huge, shape: [1 << 40, 1])
            #expect {
                try hyp(column, huge)
            } throws: { error in
                guard let (_, _, problem) = Self.problem(error), case .sizeOverflow = problem
                else { return false }
                return true
            }
        }
    }
}
