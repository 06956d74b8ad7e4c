// Calls the kernels of heat.kern through the typed functions KernPlugin generated:
// labels and types are checked by the Swift compiler at each call.
import Foundation
import Kern

do {
    var u = [Double](repeating: 0, count: 64)
    u[32] = 100
    var next = u
    for _ in 0..<100 {
        try Kernels.step(u: u, next: &next, alpha: 0.25)
        swap(&u, &next)
    }
    // The same steps in plain Swift (same operations in the same order: same bits).
    var v = [Double](repeating: 0, count: 64)
    v[32] = 100
    for _ in 0..<100 {
        var w = v
        for i in 1..<63 { w[i] = v[i] + 0.25 * (v[i - 1] - 2.0 * v[i] + v[i + 1]) }
        v = w
    }
    guard u == v else {
        print("typed kernel and Swift differ: \(u) vs \(v)")
        exit(2)
    }
    let (at, value) = try Kernels.hottest(u: u)
    let expectedAt = v.indices.max { v[$0] < v[$1] }!
    let total = try Kernels.total(u)
    // A prange sum may add in another order than Swift's reduce: compare closely.
    guard at == expectedAt, value == v[at], abs(total - v.reduce(0, +)) < 1e-9 else {
        print("wrong hottest/total: \(at) \(value) \(total)")
        exit(2)
    }
    print("typed kernels agree with Swift: total \(total), hottest \(at) \(value)")

    var grid = [[Float]](repeating: [1, 2, 3], count: 2)
    try Kernels.scale(grid: &grid, by: 2)  // nested Swift arrays: copied in and out
    let tensor = try Tensor<Float>(rows: grid)
    try Kernels.scale(grid: tensor, by: 0.5)  // a Tensor: no copy
    print("grid \(grid) tensor \(tensor.rows)")

    var short = [Double](repeating: 0, count: 3)
    try Kernels.step(u: u, next: &short, alpha: 0.25)
    print("no error for a short array")
    exit(2)
} catch let error as KernError {
    print("error: \(error)")
}
