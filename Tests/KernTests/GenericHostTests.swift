import Foundation
import Kern
import Testing

/// Host calls of generic Kern functions (issue 18.6): instances by type, their names in
/// the module, and the error for the bare generic name.
struct GenericHostTests {
    static let source = """
        func axpy<T: BinaryFloatingPoint>(a: T, x: [T], y: inout [T]) {
            for i in prange(x.count) { y[i] = a * x[i] + y[i] }
        }
        func sum<T: FixedWidthInteger>(_ v: [T]) -> T {
            var s: T = 0
            for i in v.indices { s += v[i] }
            return s
        }
        """

    @Test func theHostCallsEachInstance() throws {
        let module = try KernModule.compile(source: Self.source)
        var yd: [Double] = [1, 2]
        try module.function("axpy", specializedFor: [.double])(2.0, [1.0, 1.0], &yd)
        #expect(yd == [3, 4])
        var yf: [Float] = [1, 2]
        try module.function("axpy", specializedFor: [.float])(Float(0.5), [Float](repeating: 2, count: 2), &yf)
        #expect(yf == [2, 3])
        let s = try module.function(named: "sum<UInt8>")([UInt8(200), 100])
        #expect(s == .uint8(44))
        #expect(module.functions.map(\.name).contains("sum<Int32>"))
    }

    @Test func theBareNameExplainsTheInstances() throws {
        let module = try KernModule.compile(source: Self.source)
        do {
            _ = try module.function(named: "axpy")
            Issue.record("a generic function's bare name resolved")
        } catch {
            #expect("\(error)".contains("'axpy' is generic"))
            #expect("\(error)".contains("axpy<Float>, axpy<Double>"))
        }
        #expect(throws: KernError.self) { try module.function("axpy", specializedFor: [.int64]) }
    }
}
