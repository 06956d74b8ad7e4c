/// Tensor<T>: shapes, storage alignment, row-major indexing, conversions.
import Testing

@testable import Kern

@Suite struct TensorTests {
    @Test func shapesAndIndexing() throws {
        let t = try Tensor<Int>(shape: [2, 3, 4], repeating: 7)
        #expect(t.count == 24 && t.rank == 3 && t.shape == [2, 3, 4])
        t[1, 2, 3] = -1
        #expect(t[23] == -1, "row-major: the last element")
        t[0, 1, 0] = 5
        #expect(t.array[4] == 5)
        let m = try Tensor<Float>(rows: [[1, 2, 3], [4, 5, 6]])
        #expect(m.shape == [2, 3] && m[1, 0] == 4 && m.rows == [[1, 2, 3], [4, 5, 6]])
        let v = Tensor<UInt8>([1, 2, 3])
        #expect(v.toArray() == [1, 2, 3] && v[2] == 3)
        let e = try Tensor<Double>(shape: [0, 5], repeating: 0)
        #expect(e.count == 0 && e.array.isEmpty)
        #expect(Tensor<Float>([]).shape == [0])
        #expect(try Tensor<Float>(rows: []).shape == [0, 0])
        #expect(try Tensor<Bool>(shape: [2, 2], elements: [true, false, false, true])[1, 1])
    }

    @Test func storageIsCacheLineAligned() throws {
        for n in [0, 1, 3, 17, 1000] {
            let t = try Tensor<Int8>(shape: [n], repeating: 0)
            t.withUnsafeBufferPointer { b in
                if let base = b.baseAddress { #expect(UInt(bitPattern: base) % 64 == 0) }
            }
        }
    }

    @Test func mutableBufferWritesThrough() throws {
        let t = try Tensor<Double>(shape: [2, 2], repeating: 0)
        t.withUnsafeMutableBufferPointer { b in for i in b.indices { b[i] = Double(i) } }
        #expect(t.rows == [[0, 1], [2, 3]])
        #expect(t.description == "Tensor<Double>(shape: [2, 2], [0.0, 1.0, 2.0, 3.0])")
    }
}
