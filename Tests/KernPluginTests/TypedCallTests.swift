import Kern
import Testing

/// The typed wrappers KernPlugin generates from kernels.kern, end to end: they call the
/// compiled entry points directly (`_KernDirectEntry`) and must give the same results and
/// the same errors as the dynamic path.
struct TypedCallTests {
    @Test func scalarsGoInAndComeOut() throws {
        #expect(try Kernels.trivial(x: 41) == 42)
        #expect(try Kernels.trivial(x: Int.max - 1) == Int.max)
        // Bool, a negative Int8 (sign-extended), UInt8 above 127, Float and UInt.
        #expect(try Kernels.mix(flag: true, small: -3, byte: 200, half: 0.5, wide: 7) == 204.5)
        #expect(try Kernels.mix(flag: false, small: 1, byte: 1, half: 1, wide: 1) == -1)
    }

    @Test func arraysAndInoutArrays() throws {
        let x: [Float] = [1, 2, 3, 4]
        var y: [Float] = [10, 20, 30, 40]
        try Kernels.saxpy(a: 2, x: x, y: &y)
        #expect(y == [12, 24, 36, 48])
        // Empty arrays pass as an empty extent.
        var none: [Float] = []
        try Kernels.saxpy(a: 2, x: [], y: &none)
        #expect(none.isEmpty)
    }

    @Test func theSameArrayByValueAndInoutKeepsValueSemantics() throws {
        // Swift copies `y` before the kernel writes it (copy-on-write): `x` keeps its values.
        var y: [Float] = [1, 2]
        try Kernels.saxpy(a: 1, x: y, y: &y)
        #expect(y == [2, 4])
    }

    @Test func tensorsInoutScalarsAndTupleResults() throws {
        let m = try Tensor<Double>(rows: [[1, 2, 3], [4, 5, 6]])
        var s = 1.5
        let (columns, value, several) = try Kernels.stats(m, scale: &s)
        #expect(columns == 3 && value == 4 && several && s == 3)
        // The nested-array overload copies in.
        let (c2, v2, _) = try Kernels.stats([[7, 8], [9, 10]], scale: &s)
        #expect(c2 == 2 && v2 == 9 && s == 6)

        let t = try Tensor<Int32>(shape: [2, 3, 4], elements: (0..<24).map(Int32.init))
        #expect(try Kernels.cube(t) == 1 * 12 + 2 * 4 + 3)
    }

    @Test func nestedInoutArraysAreCopiedBackOut() throws {
        var b: [[Float]] = [[0, 0], [0, 0]]
        try Kernels.shift([[1, 2], [3, 4]], into: &b)
        #expect(b == [[2, 3], [4, 5]])
        let a = try Tensor<Float>(rows: [[1, 2]])
        let out = try Tensor<Float>(rows: [[0, 0]])
        try Kernels.shift(a, into: out)
        #expect(out.rows == [[2, 3]])
    }

    @Test func aTensorOfTheWrongRankIsAnArgumentError() throws {
        let flat = try Tensor<Double>(shape: [4], repeating: 1)
        var s = 1.0
        #expect {
            _ = try Kernels.stats(flat, scale: &s)
        } throws: { error in
            guard case .invalidArgument(let f, let argument, let problem) = error as? KernError,
                case .rankMismatch(let name, let expected, let actual) = problem
            else { return false }
            return f == "stats" && argument == 0 && name == "m" && expected == 2 && actual == 1
        }
        #expect(s == 1, "nothing ran")
    }

    @Test func oneTensorAsInputAndInoutOutputIsRefused() throws {
        let t = try Tensor<Float>(rows: [[1, 2]])
        #expect {
            try Kernels.shift(t, into: t)
        } throws: { error in
            guard case .invalidArgument(let f, let argument, let problem) = error as? KernError,
                case .overlappingArrays(let inoutName, let other) = problem
            else { return false }
            return f == "shift" && argument == 1 && inoutName == "b" && other == "a"
        }
        #expect(t.rows == [[1, 2]])
    }

    @Test func runtimeErrorsNameTheKernelFileAndLine() throws {
        #expect(try Kernels.at([1, 2, 3], 2) == 3)
        #expect {
            _ = try Kernels.at([1, 2, 3], 3)
        } throws: { error in
            guard case .runtime(let kind, _, let position, let function, let file) = error as? KernError
            else { return false }
            return function == "at" && position.line == 28
                && kind == .outOfBounds(index: 3, bound: 3, dimension: 0)
                && (file?.name.hasSuffix("kernels.kern") ?? false)
        }
        // The call after an error works again.
        #expect(try Kernels.at([5], 0) == 5)
    }

    @Test func randomNumbersMatchTheDynamicPath() throws {
        // Seed 0, as a dynamic call with default options.
        let module = try KernModule.compile(
            source: "func noise(n: Int) -> Double {\n    var s = 0.0\n    for _ in 0..<n { s += Double.random(in: 0..<1) }\n    return s\n}\n"
        )
        let dynamic = try module.function(named: "noise")(10).as(Double.self)
        #expect(try Kernels.noise(n: 10) == dynamic)
    }

    @Test func callsFromManyThreadsAgree() async throws {
        let results = try await withThrowingTaskGroup(of: Int.self) { group in
            for k in 0..<16 { group.addTask { try Kernels.trivial(x: k) } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(results.sorted() == Array(1...16))
    }
}
