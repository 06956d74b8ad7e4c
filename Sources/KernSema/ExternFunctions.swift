import KernBasics
import KernSyntax

/// C functions (LANGUAGE.md §3, "C functions"): `@extern(c) func erfc(_ x: Double) ->
/// Double`, optionally `@extern(c, "symbol")` and `@extern(c, pure)`.
///
/// In: a function declaration with the `extern` attribute (or without a body). Out: its
/// `ExternSignature` and errors for what C cannot take: a body, an `inout` or array
/// parameter, a `Bool`, a tuple result. Whether the symbol exists is decided after
/// checking, with the libraries the user names (KernCompiler/ExternSymbols.swift).
extension Checker {
    /// The C binding of `decl`, if it is declared `@extern(c)`.
    func externSignature(_ decl: FunctionDecl) -> ExternSignature? {
        guard let attribute = decl.attributes.first(where: { $0.name == "extern" }) else {
            return nil
        }
        var isPure = false
        for option in attribute.options {
            if option == "pure" {
                isPure = true
            } else {
                error(
                    "unknown option '\(option)' in '@extern(c, ...)'", at: attribute.range,
                    help: "the only option is 'pure': @extern(c, pure)")
            }
        }
        return ExternSignature(
            symbol: attribute.symbol ?? decl.name, isPure: isPure, nameRange: decl.nameRange)
    }

    /// Checks what a C function can be: body-less, numeric scalar parameters passed by
    /// value, a numeric scalar result or none.
    func checkExternDeclaration(_ decl: FunctionDecl, index: Int) {
        // No body, so no locals; the table stays indexed by function.
        paramLocals.append([])
        let signature = functions[index]
        guard signature.extern != nil else {
            // A declaration without a body that is not C's (the parser only accepts one
            // with the attribute; kept for ASTs built by hand).
            error(
                "function '\(decl.name)' has no body", at: decl.nameRange,
                help: "add a body, or declare a C function with @extern(c)")
            return
        }
        if decl.hasBody {
            error(
                "an @extern(c) function has no body: C provides it", at: decl.body.range,
                help: "remove the body, or remove @extern(c) to write the function in Kern")
        }
        for (param, syntax) in zip(signature.params, decl.params) {
            if param.isInout {
                error(
                    "a C function's parameter cannot be inout", at: syntax.nameRange,
                    help: "pass the value and return the result")
                continue
            }
            checkCType(param.type, at: syntax.type.range, role: "parameter")
        }
        if signature.returnType != .void {
            checkCType(
                signature.returnType, at: decl.returnType?.range ?? decl.nameRange, role: "result")
        }
        if decl.attributes.contains(where: { $0.name == "vectorize" }) {
            error(
                "an @extern(c) function cannot be @vectorize", at: decl.nameRange,
                help: "write a Kern @vectorize function that calls it")
        }
    }

    private func checkCType(_ t: SemaType, at range: SourceRange, role: String) {
        switch t {
        case .error:
            return
        case .scalar(let s) where s != .bool:
            return
        case .scalar:
            error(
                "a C function's \(role) cannot be 'Bool'", at: range,
                help: "use Int32 (C's int) and compare with 0")
        case .array:
            error(
                "a C function's \(role) cannot be an array ('\(t)')", at: range,
                help: "C functions take and return numbers: Int8…UInt64, Float, Double")
        case .tuple, .void, .range, .metatype, .string:
            error(
                "a C function's \(role) cannot be '\(t)'", at: range,
                help: "C functions take and return numbers: Int8…UInt64, Float, Double")
        }
    }
}
