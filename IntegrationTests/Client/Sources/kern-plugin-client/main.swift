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
    let (at, value) = try Kernels.hottest(u: u)
    print("total \(try Kernels.total(u)), hottest \(at) \(value)")

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
