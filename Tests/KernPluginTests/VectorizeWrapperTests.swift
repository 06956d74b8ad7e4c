import Kern
import Testing

/// The typed wrappers of `@vectorize` functions (kernels.kern): the scalar form, the
/// elementwise form over any mix of scalars, `[T]` and `Tensor<T>` (one generic
/// declaration, `some KernOperand<T>` per parameter), and the `out:` forms.
struct VectorizeWrapperTests {
    @Test func scalarsStayScalars() throws {
        let r: Double = try Kernels.hyp(x: 3, y: 4)
        #expect(r == 5)
        #expect(try Kernels.scaled(2, by: 3) == 6)
    }

    @Test func arraysAndScalarsMix() throws {
        let x: [Double] = [3, 5, 8]
        let a = try Kernels.hyp(x: x, y: 4.0)
        #expect(a.shape == [3])
        #expect(a.array == [5, (41.0).squareRoot(), (80.0).squareRoot()])
        #expect(try Kernels.hyp(x: x, y: [4.0, 12.0, 15.0]).array == [5, 13, 17])
        // Tensor and [T] broadcast against each other: [2, 1] with [3] gives [2, 3].
        let column = try Tensor<Double>(shape: [2, 1], elements: [0, 1])
        let grid = try Kernels.hyp(x: column, y: x)
        #expect(grid.shape == [2, 3])
        #expect(grid.rows[0] == [3, 5, 8])
        // Float with a Float scalar, unlabeled first parameter kept.
        let v: [Float] = [1, 2]
        #expect(try Kernels.scaled(v, by: Float(3)).array == [3, 6])
        let slice = ContiguousArray<Float>([4])
        #expect(try Kernels.scaled(slice, by: Float(0.5)).array == [2])
    }

    @Test func outForms() throws {
        let x: [Double] = [3, 5]
        var z = [Double](repeating: 0, count: 2)
        try Kernels.hyp(x: x, y: 4.0, out: &z)
        #expect(z == [5, (41.0).squareRoot()])
        let t = Tensor<Double>([6, 8])
        try Kernels.hyp(x: t, y: 8.0, out: t)  // in place
        #expect(t.array == [10, (128.0).squareRoot()])
        var short = [Double](repeating: 0, count: 1)
        #expect {
            try Kernels.hyp(x: x, y: 1.0, out: &short)
        } throws: { error in
            guard case .invalidArgument(_, _, let problem) = error as? KernError,
                case .doesNotBroadcastToOut("x", [2], [1]) = problem
            else { return false }
            return true
        }
    }

    @Test func shapeErrorsAreThrown() throws {
        #expect(throws: KernError.self) {
            _ = try Kernels.hyp(x: [1.0, 2.0, 3.0], y: [1.0, 2.0])
        }
    }
}
