import KernBasics
import KernSyntax

/// Calls of generic functions: the type arguments from the argument types, the
/// constraints, and the instance the call resolves to (Generics.swift makes instances).
///
/// In: a call of a generic function's name. Out: the call checked as a call of its
/// instance (`axpy<Double>`), or, when that instance does not exist yet, a request for
/// it (`instanceRequests`) and `.error`, which the next checking round replaces.
extension Checker {
    func checkGenericCall(
        _ e: ExprID, callee: ExprID, template: GenericTemplate, arguments: [Argument]
    ) -> SemaType {
        setType(callee, .void)
        let params = template.decl.params
        var bound: [String: (type: ScalarType, from: ExprID)] = [:]
        var failed = false
        // Arguments other than literals first: `scale(2.0, x)` with `x: [Float]` makes
        // `T` Float and `2.0` a Float literal, as in Swift.
        for literalPass in [false, true] {
            for (i, argument) in arguments.enumerated() where i < params.count {
                var value = argument.value
                if case .inoutRef(let inner) = kind(value) { value = inner }
                guard isLiteral(value) == literalPass else { continue }
                let unbound = template.params.contains {
                    bound[$0.name] == nil && GenericTemplate.mentions(params[i].type, $0.name)
                }
                if literalPass && !unbound { continue }
                let t = checkExpr(value)
                if t == .error {
                    failed = true
                    continue
                }
                if !bind(params[i].type, to: t, argument: value, template, &bound) {
                    failed = true
                }
            }
        }
        guard !failed else { return .error }
        var types: [ScalarType] = []
        for param in template.params {
            guard let (type, from) = bound[param.name] else {
                error(
                    "generic parameter '\(param.name)' of '\(template.decl.name)' could not be inferred",
                    at: range(callee), help: "pass an argument for every parameter")
                return .error
            }
            guard param.constraint.conformingTypes.contains(type) else {
                let allowed = param.constraint.conformingTypes.map(\.name).joined(separator: ", ")
                error(
                    "'\(type.name)' does not conform to '\(param.constraint.rawValue)'",
                    at: range(from),
                    help:
                        "'\(template.decl.name)' needs \(param.name): \(param.constraint.rawValue) (\(allowed))"
                )
                return .error
            }
            types.append(type)
        }
        let request = InstanceRequest(template: template.decl.name, types: types)
        guard let f = functionIndex[request.name] else {
            instanceRequests.append(request)
            return .error
        }
        return checkFunctionCall(e, callee: callee, function: f, arguments: arguments)
    }

    private func isLiteral(_ e: ExprID) -> Bool {
        switch kind(e) {
        case .integerLiteral, .floatLiteral: true
        case .paren(let inner), .unary(_, let inner, _): isLiteral(inner)
        default: false
        }
    }

    /// Matches a parameter's written type against an argument's type, binding type
    /// parameters; false after reporting a mismatch.
    private func bind(
        _ syntax: TypeSyntax, to t: SemaType, argument: ExprID, _ template: GenericTemplate,
        _ bound: inout [String: (type: ScalarType, from: ExprID)]
    ) -> Bool {
        var element = syntax
        var rank = 0
        while case .array(let inner, _) = element {
            element = inner
            rank += 1
        }
        guard case .named(let name, _) = element,
            template.params.contains(where: { $0.name == name })
        else { return true }  // no type parameter: the instance's call checks it
        let scalar: ScalarType
        switch t {
        case .scalar(let s) where rank == 0: scalar = s
        case .array(let s, let r) where r == rank: scalar = s
        default:
            error(
                "cannot convert value of type '\(t)' to expected argument type '\(text(of: syntax))'",
                at: range(argument))
            return false
        }
        if let previous = bound[name], previous.type != scalar {
            error(
                "conflicting types for generic parameter '\(name)': '\(scalar.name)' here, '\(previous.type.name)' from an earlier argument",
                at: range(argument), help: "convert the arguments to one type",
                notes: [
                    .init("'\(name)' is '\(previous.type.name)' here", at: range(previous.from))
                ])
            return false
        }
        if bound[name] == nil { bound[name] = (scalar, argument) }
        return true
    }

    private func text(of syntax: TypeSyntax) -> String {
        switch syntax {
        case .named(let n, _): n
        case .array(let inner, _): "[" + text(of: inner) + "]"
        case .tuple(let xs, _): "(" + xs.map { text(of: $0) }.joined(separator: ", ") + ")"
        }
    }
}
