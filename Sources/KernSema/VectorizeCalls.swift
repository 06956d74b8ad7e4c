import KernBasics
import KernSyntax

/// `@vectorize` functions and their elementwise calls (LANGUAGE.md §10).
///
/// In: a `@vectorize` declaration, or a call of one. Out: diagnostics for signatures
/// that cannot be applied elementwise (a parameter that is an array or `inout`, a result
/// that is not a scalar); for calls, `calls[e]` — `.function` when every argument is a
/// scalar (an ordinary call), `.elementwise` when one is an array or `out: &z` is given —
/// and the result type: a new array of the broadcast rank (`let z = f(x, y)`), or nothing
/// with `out:` (`f(x, y, out: &z)` writes into `z`). Shapes are checked at run time;
/// ranks here: the `out:` array's rank must be at least every argument's.
extension Checker {
    /// A `@vectorize` function takes scalars by value and returns one scalar.
    func checkVectorizeSignature(_ decl: FunctionDecl, _ signature: FunctionSignature) {
        let attribute = decl.attributes.first { $0.name == "vectorize" }?.range ?? decl.nameRange
        for (param, checked) in zip(decl.params, signature.params) {
            if param.isInout {
                error(
                    "parameter '\(param.name)' of a @vectorize function cannot be inout",
                    at: param.type.range,
                    help: "@vectorize functions compute one element from scalars; return the value")
            } else if case .array = checked.type {
                error(
                    "parameter '\(param.name)' of a @vectorize function must be a scalar, not '\(checked.type)'",
                    at: param.type.range,
                    help:
                        "declare it with the element type; calls may pass arrays, which are applied elementwise"
                )
            }
        }
        switch signature.returnType {
        case .scalar, .error:
            break
        case .void, .tuple, .array, .range, .metatype, .string:
            error(
                "a @vectorize function must return a scalar, not '\(signature.returnType)'",
                at: decl.returnType?.range ?? attribute,
                help:
                    "@vectorize functions compute one element: declare -> Double (or another scalar)"
            )
        }
        if decl.params.isEmpty {
            error(
                "a @vectorize function needs at least one parameter", at: attribute,
                help: "its arguments are what is applied elementwise")
        }
    }

    /// Whether `f`'s signature passed `checkVectorizeSignature` (scalar parameters by
    /// value, a scalar result): only then are its calls checked as elementwise.
    func isElementwiseSignature(_ f: Int) -> Bool {
        let signature = functions[f]
        guard signature.isVectorize, !signature.params.isEmpty,
            case .scalar = signature.returnType
        else { return false }
        return signature.params.allSatisfy { p in
            if case .scalar = p.type { return !p.isInout }
            return false
        }
    }

    /// A call of a `@vectorize` function (see the file comment).
    func checkVectorizedCall(_ e: ExprID, callee: ExprID, function f: Int, arguments: [Argument])
        -> SemaType
    {
        let signature = functions[f]
        references[callee] = .function(f)
        setType(callee, .void)
        guard case .scalar(let resultScalar) = signature.returnType else { return .error }
        var inputs = arguments
        var out: Argument?
        if let last = inputs.last, last.label == "out", inputs.count == signature.params.count + 1 {
            out = inputs.removeLast()
        }
        guard inputs.count == signature.params.count else {
            let many = inputs.count > signature.params.count
            error(
                many
                    ? "extra argument in call to '\(signature.name)'"
                    : "missing argument for parameter '\(signature.params[inputs.count].name)' in call",
                at: range(callee),
                help:
                    "'\(signature.name)' takes \(signature.params.count) argument\(signature.params.count == 1 ? "" : "s"), then optionally out: &array"
            )
            checkArgumentsLoosely(arguments)
            return .error
        }
        var rank = 0
        var failed = false
        for (argument, param) in zip(inputs, signature.params) {
            checkLabel(argument, param)
            guard case .scalar(let s) = param.type else { return .error }
            if case .inoutRef = kind(argument.value) {
                error(
                    "'&' used with non-inout argument of type '\(param.type)'",
                    at: range(argument.value),
                    help: "remove the '&': only the out: array is written")
                checkArgumentsLoosely([argument])
                failed = true
                continue
            }
            let t = checkExpr(argument.value, expected: param.type)
            switch t {
            case .scalar(let a) where a == s:
                break
            case .array(let a, let r) where a == s:
                rank = max(rank, r)
            case .error:
                failed = true
            default:
                error(
                    "cannot convert value of type '\(t)' to expected argument type '\(param.type)' (or an array of \(param.type))",
                    at: range(argument.value),
                    help:
                        "@vectorize applies '\(signature.name)' to scalars or, elementwise, to arrays of \(param.type)"
                )
                failed = true
            }
        }
        if let out {
            guard let outRank = checkOutArgument(out, element: resultScalar, inputs: inputs) else {
                return .error
            }
            if rank > outRank {
                error(
                    "out: array of rank \(outRank) cannot hold the result of rank \(rank)",
                    at: range(out.value),
                    help: "pass an array with at least as many dimensions as the arguments")
                return .error
            }
            if failed { return .error }
            calls[e] = .elementwise(f, hasOut: true)
            return .void
        }
        if failed { return .error }
        if rank == 0 {
            calls[e] = .function(f)
            return signature.returnType
        }
        calls[e] = .elementwise(f, hasOut: false)
        return .array(resultScalar, rank: rank)
    }

    private func checkLabel(_ argument: Argument, _ param: ParamSignature) {
        guard let label = argument.label else { return }
        let labelRange = argument.labelRange ?? range(argument.value)
        if let expectedLabel = param.label {
            if label != expectedLabel {
                error(
                    "incorrect argument label in call (have '\(label):', expected '\(expectedLabel):')",
                    at: labelRange, help: "write '\(expectedLabel):' or leave the label out")
            }
        } else {
            error(
                "extraneous argument label '\(label):' in call", at: labelRange,
                help: "parameter '\(param.name)' has no label; remove '\(label):'")
        }
    }

    /// `out: &z`: a mutable array of the result's element type that no other argument
    /// reads except as itself (`f(z, out: &z)` updates in place; `f(z[0], out: &z)` would
    /// read elements other iterations write). Returns its rank.
    private func checkOutArgument(_ out: Argument, element: ScalarType, inputs: [Argument])
        -> Int?
    {
        guard case .inoutRef(let inner) = kind(out.value) else {
            let t = checkExpr(out.value)
            error(
                concerning: t, "the out: argument must be passed with '&'", at: range(out.value),
                help: "write out: &\(text(of: range(out.value)))")
            return nil
        }
        let target = stripParens(inner)
        guard case .name(let name) = kind(target), let id = lookupLocal(name) else {
            let t = checkExpr(inner)
            setType(out.value, t)
            error(
                concerning: t, "the out: argument must be an array variable", at: range(inner),
                help: "pass a 'var' array (or an inout array parameter)")
            return nil
        }
        let info = locals[id]
        references[target] = .local(id)
        setType(target, info.type)
        setType(inner, info.type)
        setType(out.value, info.type)
        noteRead(id, at: range(target))
        guard case .array(let s, let rank) = info.type else {
            if info.type != .error {
                error(
                    "the out: argument must be an array, not '\(info.type)'", at: range(target),
                    help: "pass an array of \(element)")
            }
            return nil
        }
        if !info.isMutable {
            error(
                "cannot write the result into '\(name)': \(immutableReason(info))",
                at: range(target), help: mutabilityHelp(info))
            return nil
        }
        if s != element {
            error(
                "out: array has elements of type '\(s)', but the function returns '\(element)'",
                at: range(target), help: "pass an array of \(element)")
            return nil
        }
        for input in inputs {
            let value = stripParens(input.value)
            if case .name = kind(value), references[value] == .local(id) { continue }
            if let use = firstMention(of: id, in: value) {
                error(
                    "'\(name)' is written through out: and read by another argument",
                    at: range(use),
                    help: "pass '\(name)' itself (an in-place update) or read from a copy")
                return nil
            }
        }
        return rank
    }

    /// The first name expression in `e` that refers to local `id`.
    private func firstMention(of id: LocalID, in e: ExprID, depth: Int = 0) -> ExprID? {
        guard depth < 1_000 else { return nil }
        let d = depth + 1
        switch kind(e) {
        case .name:
            return references[e] == .local(id) ? e : nil
        case .unary(_, let x, _), .member(let x, _, _), .tupleElement(let x, _, _), .paren(let x),
            .inoutRef(let x):
            return firstMention(of: id, in: x, depth: d)
        case .binary(_, let l, let r, _):
            return firstMention(of: id, in: l, depth: d) ?? firstMention(of: id, in: r, depth: d)
        case .ternary(let c, let a, let b):
            return firstMention(of: id, in: c, depth: d) ?? firstMention(of: id, in: a, depth: d)
                ?? firstMention(of: id, in: b, depth: d)
        case .tuple(let xs):
            for x in xs { if let m = firstMention(of: id, in: x, depth: d) { return m } }
            return nil
        case .call(let c, let arguments):
            if let m = firstMention(of: id, in: c, depth: d) { return m }
            for a in arguments {
                if let m = firstMention(of: id, in: a.value, depth: d) { return m }
            }
            return nil
        case .subscriptAccess(let base, let indices):
            if let m = firstMention(of: id, in: base, depth: d) { return m }
            for x in indices { if let m = firstMention(of: id, in: x, depth: d) { return m } }
            return nil
        case .integerLiteral, .floatLiteral, .boolLiteral, .stringLiteral, .arrayType, .error,
            .implicitMember:
            return nil
        }
    }
}
