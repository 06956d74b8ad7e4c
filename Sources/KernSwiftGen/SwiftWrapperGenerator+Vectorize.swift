/// The elementwise forms of a `@vectorize` function's typed wrapper (LANGUAGE.md §10).
///
/// In: the signature of a `@vectorize` function (scalar parameters by value, a scalar
/// result) and the name of the static holding its `KernFunction`. Out: Swift functions
/// beside the scalar wrapper, each parameter typed `some KernOperand<T>` — a `T`, or an
/// array of `T` of rank 1…3 (`[T]`, `Tensor<T>`, buffers, views) — so one declaration
/// covers every mix of scalars and arrays instead of 3^n overloads, and Swift still rejects
/// a wrong element type at compile time:
///
///     static func hyp(x: some KernOperand<Double>, y: some KernOperand<Double>) throws -> Tensor<Double>
///     static func hyp(x: some KernOperand<Double>, y: some KernOperand<Double>, out: inout [Double]) throws
///     static func hyp(x: some KernOperand<Double>, y: some KernOperand<Double>, out: Tensor<Double>) throws
///
/// The first returns the new array as a `Tensor` of the broadcast shape, sharing the
/// result's storage (no copy; `.array` copies it into a `[T]`). Called with scalars only,
/// Swift picks the scalar wrapper (a non-generic overload wins), so `hyp(x: 3, y: 4)`
/// stays a `Double`. The other two write into an existing array (`out:`), whose shape
/// the arguments must broadcast to. These go through `KernFunction` (one libffi call
/// per elementwise call, negligible beside a loop over an array).
import KernSema

extension SwiftWrapperGenerator {
    /// The elementwise wrappers of `signature` (a `@vectorize` function). `function` names
    /// the static `Result<KernFunction, any Error>`.
    static func elementwiseWrappers(
        _ signature: FunctionSignature, function: String, kernText: String, place: String
    ) -> String {
        guard case .scalar(let result) = signature.returnType else {
            preconditionFailure("KernSwiftGen: @vectorize '\(signature.name)' has a scalar result")
        }
        let element = swiftName(result)
        var parameters: [String] = []
        for p in signature.params {
            guard case .scalar(let s) = p.type, !p.isInout else {
                preconditionFailure("KernSwiftGen: @vectorize parameter '\(p.name)' is a scalar")
            }
            let label = p.label.map { $0 == p.name ? p.name : "\($0) \(p.name)" } ?? "_ \(p.name)"
            parameters.append("\(label): some KernOperand<\(swiftName(s))>")
        }
        let arguments = signature.params.map(\.name)
        // Sema: a @vectorize function has at least one parameter.
        var out = """
                /// `\(kernText)` (\(place)) elementwise: each argument a scalar or an array of rank 1…3, broadcast as NumPy does; the new array shares its storage with the returned Tensor (no copy).
                static func \(signature.name)(\(parameters.joined(separator: ", "))) throws -> Tensor<\(element)> {
                    try \(function).get()._elementwise(\(arguments.joined(separator: ", "))).tensor(of: \(element).self)
                }


            """
        // `out _out`: a Kern parameter may itself be called `out`.
        let passed = (arguments + ["out: "]).joined(separator: ", ")
        for (outType, outArgument) in [
            ("inout [\(element)]", "&_out"), ("Tensor<\(element)>", "_out"),
        ] {
            out += """
                    /// `\(kernText)` (\(place)) elementwise into `out`, whose shape the arguments broadcast to; `out` may be one of the arguments (in place).
                    static func \(signature.name)(\((parameters + ["out _out: \(outType)"]).joined(separator: ", "))) throws {
                        try \(function).get()(\(passed)\(outArgument))
                    }


                """
        }
        return out
    }
}
