import KernTestSupport
/// Every host-side argument error: checked before the call, thrown as
/// `KernError.invalidArgument`, nothing runs.
import Testing

@testable import Kern

@Suite struct ArgumentCheckTests {
    @Test func wrongCount() throws {
        let saxpy = try Entries.saxpy()
        var y: [Float] = [1]
        let p = argumentProblem { try saxpy([Float](), &y) }
        #expect(p?.0 == nil)
        #expect(p?.1 == .wrongCount(expected: 3, actual: 2))
        #expect(argumentProblem { try saxpy() }?.1 == .wrongCount(expected: 3, actual: 0))
    }

    @Test func scalarTypesAreExact() throws {
        let saxpy = try Entries.saxpy()
        var y: [Float] = [1]
        let p = argumentProblem { try saxpy(2, [Float(1)], &y) }  // 2 is an Int
        #expect(p?.0 == 0)
        #expect(p?.1 == .typeMismatch(parameter: "a", expected: "Float", actual: "Int"))
        #expect(
            argumentProblem { try saxpy(2.0, [Float(1)], &y) }?.1
                == .typeMismatch(parameter: "a", expected: "Float", actual: "Double"))
        #expect(y == [1], "nothing ran")
        let divmod = try Entries.divmod()
        #expect(
            argumentProblem { try divmod(Int32(1), 2) }?.1
                == .typeMismatch(parameter: "a", expected: "Int", actual: "Int32"))
        #expect(
            argumentProblem { try divmod(1, UInt(2)) }?.1
                == .typeMismatch(parameter: "b", expected: "Int", actual: "UInt"))
    }

    @Test func elementTypes() throws {
        let saxpy = try Entries.saxpy()
        var y: [Double] = [1]
        let p = argumentProblem { try saxpy(Float(1), [Float(1)], &y) }
        #expect(p?.0 == 2)
        #expect(p?.1 == .typeMismatch(parameter: "y", expected: "[Float]", actual: "[Double]"))
        var yf: [Float] = [1]
        #expect(
            argumentProblem { try saxpy(Float(1), [Int32(1)], &yf) }?.1
                == .typeMismatch(parameter: "x", expected: "[Float]", actual: "[Int32]"))
    }

    @Test func ranks() throws {
        let saxpy = try Entries.saxpy()
        var y: [Float] = [1, 2]
        let p = argumentProblem {
            try saxpy(Float(1), Tensor<Float>(shape: [1, 2], repeating: 0), &y)
        }
        #expect(p?.0 == 1)
        #expect(p?.1 == .rankMismatch(parameter: "x", expected: 1, actual: 2))
        #expect(
            argumentProblem { try saxpy(Float(1), [[Float(1), 2]], &y) }?.1
                == .rankMismatch(parameter: "x", expected: 1, actual: 2))
        let weighted = try Entries.function(
            "weightedSum", [.init(name: "m", type: .array(.double, rank: 2))], .scalar(.double))
        #expect(
            argumentProblem { try weighted([1.0, 2.0]) }?.1
                == .rankMismatch(parameter: "m", expected: 2, actual: 1))
    }

    @Test func scalarForArrayAndArrayForScalar() throws {
        let saxpy = try Entries.saxpy()
        var y: [Float] = [1]
        #expect(
            argumentProblem { try saxpy([Float(1)], [Float(1)], &y) }?.1
                == .typeMismatch(parameter: "a", expected: "Float", actual: "[Float]"))
        var f: Float = 1
        #expect(
            argumentProblem { try saxpy(Float(1), Float(1), &f) }?.1
                == .typeMismatch(parameter: "x", expected: "[Float]", actual: "Float"))
    }

    @Test func raggedRows() throws {
        let weighted = try Entries.function(
            "weightedSum", [.init(name: "m", type: .array(.double, rank: 2))], .scalar(.double))
        let p = argumentProblem { try weighted([[1.0, 2.0], [3.0]]) }
        #expect(p?.0 == 0)
        #expect(p?.1 == .raggedRows(row: 1, expected: 2, actual: 1))
        #expect(throws: KernError.self) { try Tensor<Int>(rows: [[1], [2, 3]]) }
    }

    @Test func inoutNeedsWritableStorage() throws {
        let saxpy = try Entries.saxpy()
        let y: [Float] = [1]
        #expect(
            argumentProblem { try saxpy(Float(1), [Float(1)], y) }?.1
                == .notWritable(parameter: "y"))
        let bump = try Entries.bump()
        #expect(argumentProblem { try bump(1, 2) }?.1 == .notWritable(parameter: "count"))
        var wrong: Int32 = 0
        #expect(
            argumentProblem { try bump(&wrong, 2) }?.1
                == .typeMismatch(parameter: "count", expected: "Int", actual: "&Int32"))
    }

    @Test func overlappingInoutArrays() throws {
        let saxpy = try Entries.saxpy()
        let t = Tensor<Float>([1, 2, 3])
        let p = argumentProblem { try saxpy(Float(1), t, t) }
        #expect(p?.0 == 2)
        #expect(p?.1 == .overlappingArrays(inoutParameter: "y", other: "x"))
        #expect(t.array == [1, 2, 3], "nothing ran")
        // Partial overlap through buffers into one allocation.
        var storage: [Float] = [1, 2, 3, 4]
        storage.withUnsafeMutableBufferPointer { all in
            let x = UnsafeBufferPointer(rebasing: all[0..<3])
            let y = UnsafeMutableBufferPointer(rebasing: all[2..<4])
            #expect(
                argumentProblem { try saxpy(Float(1), x, y) }?.1
                    == .overlappingArrays(inoutParameter: "y", other: "x"))
            // Adjacent, not overlapping: fine.
            let x2 = UnsafeBufferPointer(rebasing: all[0..<2])
            #expect(argumentProblem { try saxpy(Float(1), x2, y) } == nil)
        }
        #expect(storage == [1, 2, 4, 6])
    }

    @Test func errorMessagesAreReadable() throws {
        let saxpy = try Entries.saxpy()
        var y: [Float] = [1]
        do {
            try saxpy(2, [Float(1)], &y)
            Issue.record("expected a throw")
        } catch {
            #expect(
                "\(error)"
                    == "invalid argument: argument 1 of 'saxpy': parameter 'a' expects Float, got Int"
            )
        }
    }
}
