// Compiles a `prange` kernel from a string, calls it on Swift arrays and checks the
// result; prints "ok" and exits 0, or prints the KernError and exits 1 (as it must when
// no LLVM can be loaded).
import Foundation
import Kern

let source = """
    func scaleAdd(a: Double, x: [Double], y: inout [Double]) {
        for i in prange(x.count) { y[i] = a * x[i] + y[i] }
    }

    func total(x: [Double]) -> Double {
        var s = 0.0
        for i in prange(x.count) { s += x[i] }
        return s
    }
    """

do {
    let module = try KernModule.compile(source: source)
    let n = 100_000
    let x = (0..<n).map(Double.init)
    var y = [Double](repeating: 1, count: n)
    try module.function(named: "scaleAdd")(2.0, x, &y)
    guard y.indices.allSatisfy({ y[$0] == 2 * Double($0) + 1 }) else {
        print("wrong result from scaleAdd")
        exit(2)
    }
    // The sum of 2i + 1 over 0..<n is n².
    let sum = try module.function(named: "total")(y).as(Double.self)
    guard sum == Double(n * n) else {
        print("wrong total: \(sum), expected \(n * n)")
        exit(2)
    }
    print("ok: Kern \(KernInfo.version), total \(sum)")
} catch let error as KernError {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    exit(1)
}
