import BenchCore
import Kern

/// Kern's side of the `@vectorize` chain (BenchCore/UfuncChain.swift): the three
/// elementwise functions of the issue-17 chain and their composition, called from Swift
/// through the public API as a user would, at 1 and 2 threads:
///
/// - **new array**: `chain(x, y, z)` returns a new array (read as a `Tensor`, no copy);
/// - **out:**: `chain(x, y, z, out: r)` writes into a preallocated `Tensor`;
/// - **one call per function**: `damp(add(sq(x), sq(y)), z)` from Swift, one elementwise
///   call per function with a temporary array each, as NumPy and Numba's ufuncs run it.
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
            // The last result stays alive until the next call replaces it.
            let holder = Holder()
            rows.append(
                ChainImplementation(
                    name: "Kern @vectorize, new array", threads: threads,
                    call: { holder.result = try chain(x, y, z).tensor(of: Double.self) },
                    output: { holder.result?.array ?? [] }))
            rows.append(
                ChainImplementation(
                    name: "Kern @vectorize, out:", threads: threads,
                    call: { try chain(x, y, z, out: out) },
                    output: { out.array }))
            let stepwise = Holder()
            rows.append(
                ChainImplementation(
                    name: "Kern, one call per function (temporaries)", threads: threads,
                    call: {
                        let a = try sq(x).tensor(of: Double.self)
                        let b = try sq(y).tensor(of: Double.self)
                        let c = try add(a, b).tensor(of: Double.self)
                        stepwise.result = try damp(c, z).tensor(of: Double.self)
                    },
                    output: { stepwise.result?.array ?? [] }))
        }
        return rows
    }

    private final class Holder {
        var result: Tensor<Double>?
    }
}
