import KernTestSupport
/// Host-side size arithmetic under extreme shapes (issue 15.1): a shape whose element
/// count or byte size overflows `Int` is a thrown `KernError.invalidArgument`, never an
/// accepted view of a small buffer, a trap, or an out-of-bounds read.
import Testing

@testable import Kern

@Suite struct ShapeOverflowTests {
    /// Extents that overflow in products: around 2^31, 2^32, 2^60, 2^62, Int.max.
    static let extremes: [Int] = [
        0, 1, 2, 3, 16, 1 << 31, (1 << 31) + 1, 1 << 32, (1 << 32) + 1, 1 << 60, (1 << 60) + 1,
        1 << 62, Int.max / 2 + 1, Int.max - 1, Int.max,
    ]

    /// The exact element count of a shape of non-negative sizes, or nil when it overflows
    /// (by full-width products, not the library's overflow-reporting loop it checks).
    static func exactCount(_ shape: [Int]) -> Int? {
        shape.reduce(Int?(1)) { count, size in
            guard let count else { return nil }
            let (high, low) = count.multipliedFullWidth(by: size)
            return high == 0 && low <= UInt(Int.max) ? Int(low) : nil
        }
    }

    @Test func viewOfAWrappingShapeIsRefused() throws {
        var storage = [Double](repeating: 1, count: 16)
        storage.withUnsafeMutableBufferPointer { buffer in
            // 16 × (2^60 + 1) wraps to 16; 2^32 × 2^32 wraps to 0.
            #expect(throws: KernError.self) {
                try KernArrayView(buffer, shape: [16, (1 << 60) + 1])
            }
            #expect(throws: KernError.self) {
                try KernArrayView(UnsafeBufferPointer(buffer), shape: [16, (1 << 60) + 1])
            }
            let empty = UnsafeMutableBufferPointer(rebasing: buffer[0..<0])
            #expect(throws: KernError.self) { try KernArrayView(empty, shape: [1 << 32, 1 << 32]) }
        }
    }

    /// Every shape of rank 1...3 over the extreme extents (and the reported message,
    /// which once multiplied the extents itself): a view exists exactly when the exact
    /// product is the buffer's count.
    @Test(arguments: [0, 1, 16])
    func viewsAcceptExactlyTheShapesThatFit(count: Int) throws {
        var storage = [Int32](repeating: 0, count: count)
        var shapes: [[Int]] = Self.extremes.map { [$0] }
        for a in Self.extremes { for b in Self.extremes { shapes.append([a, b]) } }
        for a in Self.extremes.prefix(9) {
            for b in Self.extremes {
                for c in [0, 1, 1 << 31, 1 << 62] { shapes.append([a, b, c]) }
            }
        }
        shapes += [[-1], [16, -1], [-(1 << 62), -(1 << 62)], [Int.min, 1, 1]]
        var accepted = 0
        storage.withUnsafeMutableBufferPointer { buffer in
            for shape in shapes {
                // Also refused: an empty shape whose other extents (each counted as at
                // least 1) overflow in bytes, e.g. [0, 2^40, 2^40] (its strides would).
                let span = Self.exactCount(shape.map { max($0, 1) })
                let fits =
                    shape.allSatisfy { $0 >= 0 } && Self.exactCount(shape) == count
                    && span.map { !$0.multipliedReportingOverflow(by: 4).overflow } == true
                do {
                    let view = try KernArrayView(buffer, shape: shape)
                    #expect(fits, "accepted \(shape) for \(count) elements")
                    #expect(view.shape == shape)
                    accepted += 1
                } catch let error as KernError {
                    #expect(!fits, "refused \(shape) for \(count) elements")
                    #expect(!error.description.isEmpty)
                } catch {
                    Issue.record("unexpected error \(error)")
                }
            }
        }
        #expect(accepted > 0)
    }

    /// An unsafe buffer may claim any count: its byte size is checked when it is
    /// lowered (before: the inout overlap check computed count × 8 and trapped).
    @Test func bufferClaimingMoreBytesThanTheAddressSpaceIsRefused() throws {
        let saxpy = try Entries.saxpy()
        var x = [Float](repeating: 1, count: 4)
        var y = [Float](repeating: 0, count: 4)
        for claimed in [Int.max, Int.max / 4 + 1, 1 << 62] {
            try x.withUnsafeMutableBufferPointer { xs in
                let lying = UnsafeMutableBufferPointer(start: xs.baseAddress, count: claimed)
                let problem = argumentProblem { try saxpy(Float(2), lying, &y) }
                #expect(problem?.0 == 1)
                #expect(problem?.1 == .sizeOverflow(shape: [claimed], elementSize: 4))
                let asInout = argumentProblem { try saxpy(Float(2), xs, lying) }
                #expect(asInout?.0 == 2)
            }
        }
        #expect(y == [0, 0, 0, 0])
    }

    @Test func tensorOfAnOverflowingShapeThrows() throws {
        for shape in [[1 << 31, 1 << 31, 4], [Int.max, 2], [1 << 61, 1], [0, 1 << 40, 1 << 40]] {
            #expect(throws: KernError.self) { try Tensor<Double>(shape: shape, repeating: 0) }
            do {
                _ = try Tensor<Double>(shape: shape, repeating: 0)
            } catch KernError.invalidArgument(_, _, let problem) {
                #expect(problem == .sizeOverflow(shape: shape, elementSize: 8))
            }
        }
        #expect(throws: KernError.self) { try Tensor<Int8>(shape: [-1], repeating: 0) }
        #expect(throws: KernError.self) { try Tensor<Int8>(shape: [], repeating: 0) }
        #expect(throws: KernError.self) { try Tensor<Int8>(shape: [1, 1, 1, 1], repeating: 0) }
        #expect(throws: KernError.self) { try Tensor<Int8>(shape: [2, 2], elements: [1, 2, 3]) }
        // The largest shapes that do fit in Int are still allowed to exist as shapes of
        // empty arrays when their byte size fits: [0, 2^20] is fine.
        #expect(try Tensor<Double>(shape: [0, 1 << 20], repeating: 0).count == 0)
    }

    /// Shapes the host passes are consistent: strides and element count, computed from
    /// an accepted shape, never overflow (ArrayShape's invariant).
    @Test func acceptedShapesHaveOverflowFreeStrides() throws {
        for a in Self.extremes {
            for b in Self.extremes {
                for c in [0, 1, 7, 1 << 31] {
                    guard let shape = try? ArrayShape([a, b, c], elementSize: 8) else { continue }
                    let strides = (0..<3).map { shape.stride($0) }
                    #expect(strides == [b * c, c, 1])
                    #expect(shape.elementCount == a * b * c)
                }
            }
        }
        #expect(throws: ArrayShapeError.self) {
            try ArrayShape([0, 1 << 40, 1 << 40], elementSize: 1)
        }
        #expect(throws: ArrayShapeError.self) { try ArrayShape([1 << 61], elementSize: 8) }
        #expect(try ArrayShape([1 << 60], elementSize: 4).elementCount == 1 << 60)
    }
}
