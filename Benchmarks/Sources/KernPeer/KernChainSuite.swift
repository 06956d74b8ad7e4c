import BenchCore
import Kern

/// Kern's side of the `@vectorize` chain (BenchCore/UfuncChain.swift): the three
/// elementwise functions of the issue-17 chain and their composition, called from Swift
/// through the public API as a user would, at 1 and 2 threads:
///
/// - **new array**: `chain(x, y, z)` returns a new array (read as a `Tensor`, no copy);
/// - **out:**: `chain(x, y, z, out: r)` writes into a preallocated `Tensor`;
/// - **one call per function**: `damp(add(sq(x), sq(y)), z)` from Swift, one elementwise
///   call per function with a temporary array each, as NumPy and Numba's ufuncs run it;
/// - **array function**: `chainArrays(x, y, z)`, a Kern function that makes the same
///   elementwise calls on whole arrays inside the kernel.
///
/// `chain` is itself `@vectorize`: its body calls the three scalar functions per element,
/// so one loop computes the whole chain (what fusion gives inside a kernel).
public struct KernChainSuite: ChainSuite {
    static let source = """
        @vectorize
        func sq(x: Double) -> Double { x * x }

        @vectorize
        func add(a: Double, b: Double) -> Double { a + b }

        @vectorize
        func damp(v: Double, z: Double) -> Double { sqrt(v) * exp(-z) }

        @vectorize
        func chain(x: Double, y: Double, z: Double) -> Double { damp(add(sq(x), sq(y)), z) }

        func chainArrays(x: [Double], y: [Double], z: [Double]) -> [Double] {
            damp(add(sq(x), sq(y)), z)
        }
        """

    public init() {}

    public func implementations(_ inputs: ChainInputs) throws -> [ChainImplementation] {
        let module = try KernModule.compile(source: Self.source, fileName: "chain.kern")
        let x = Tensor(inputs.x)
        let y = Tensor(inputs.y)
        let z = Tensor(inputs.z)
        let out = try Tensor<Double>(shape: [inputs.n], repeating: 0)
        var rows: [ChainImplementation] = []
        for threads in [1, 2] {
            let chain = try module.function(named: "chain").with(threads: threads)
            let sq = try module.function(named: "sq").with(threads: threads)
            let add = try module.function(named: "add").with(threads: threads)
            let damp = try module.function(named: "damp").with(threads: threads)
            let chainArrays = try module.function(named: "chainArrays").with(threads: threads)
            rows.append(
                Self.newArrayRow("Kern @vectorize, new array", threads: threads) {
                    try chain(x, y, z).tensor(of: Double.self)
                })
            rows.append(
                ChainImplementation(
                    name: "Kern @vectorize, out:", threads: threads,
                    call: { try chain(x, y, z, out: out) },
                    output: { out.array }))
            rows.append(
                Self.newArrayRow("Kern, one call per function (temporaries)", threads: threads) {
                    let a = try sq(x).tensor(of: Double.self)
                    let b = try sq(y).tensor(of: Double.self)
                    let c = try add(a, b).tensor(of: Double.self)
                    return try damp(c, z).tensor(of: Double.self)
                })
            rows.append(
                Self.newArrayRow("Kern, array function", threads: threads) {
                    try chainArrays(x, y, z).tensor(of: Double.self)
                })
        }
        return rows
    }

    /// A row whose call returns a new array: the last result stays alive until the next
    /// call replaces it, and is the row's output.
    private static func newArrayRow(
        _ name: String, threads: Int, _ call: @escaping () throws -> Tensor<Double>
    ) -> ChainImplementation {
        let holder = Holder()
        return ChainImplementation(
            name: name, threads: threads, call: { holder.result = try call() },
            output: { holder.result?.array ?? [] })
    }

    private final class Holder {
        var result: Tensor<Double>?
    }
}
