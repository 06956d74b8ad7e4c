/// What one REPL input does, read off its type-checked probe.
///
/// In: the `CheckedProgram` of the input (function 0 is the input, checked in the
/// session's scope; its positions are the input's). Out: the steps to run, in order —
/// runs of top-level statements (with the scalars they declare and whether the last
/// one is the expression to print), host-allocated array declarations, and arrays to
/// show — by statement index, for `IRGen.lowerInput`. Inputs the REPL cannot keep (an
/// array that is not freshly allocated, a tuple variable) are rejected here with a
/// diagnostic at the statement.
import Kern
import KernBasics
import KernSema
import KernSyntax

struct NewScalarDeclaration {
    var name: String
    var type: KernScalarType
    var isMutable: Bool
}

struct ArrayDeclaration {
    var name: String
    var isMutable: Bool
    var elementType: KernScalarType
    /// The declaration's index among the input's top-level statements.
    var statement: Int
    /// The `repeating:` value and each size.
    var value: ExprID
    var sizes: [ExprID]
}

struct PlanProblem: Error {
    var diagnostic: Diagnostic
}

struct InputPlan {
    enum Step {
        /// Top-level statements `statements` (indices); `hasResult`: the last one is the
        /// expression whose value is printed.
        case statements(
            statements: Range<Int>, newScalars: [NewScalarDeclaration], hasResult: Bool)
        case array(ArrayDeclaration)
        case show(String)
    }

    var steps: [Step] = []
    /// The final expression, when it is the input's only statement (for direct calls).
    var soleExpression: ExprID?

    init(program: CheckedProgram) throws(PlanProblem) {
        let ast = program.ast
        guard let statements = ast.functions.first?.body.stmts else {
            preconditionFailure("a checked REPL input has its function")
        }
        var segment: Range<Int>?
        var scalars: [NewScalarDeclaration] = []
        func flush(hasResult: Bool = false) {
            if let range = segment {
                steps.append(
                    .statements(statements: range, newScalars: scalars, hasResult: hasResult))
            }
            segment = nil
            scalars = []
        }
        func extend(_ index: Int) {
            segment = segment.map { $0.lowerBound..<index + 1 } ?? index..<index + 1
        }
        for (index, id) in statements.enumerated() {
            let stmt = ast.stmts[id]
            let range = index
            let isLast = index == statements.count - 1
            switch stmt.kind {
            case .binding(let isVar, let pattern, _, let value):
                guard value != nil else {
                    throw PlanProblem(
                        diagnostic: .error(
                            at: stmt.range, "a top-level variable needs an initial value",
                            help: "give it one, e.g. var z: Int = 0"))
                }
                let locals = program.declaredLocals[id] ?? []
                let types = locals.map { program.locals[$0].type }
                if types.contains(where: { if case .array = $0 { true } else { false } }) {
                    guard case .name(let name, _) = pattern, let value,
                        case .allocArray(let scalar, let rank)? = program.calls[value],
                        case .call(_, let arguments) = ast.exprs[value].kind,
                        arguments.count == rank + 1
                    else {
                        throw PlanProblem(
                            diagnostic: .error(
                                at: stmt.range,
                                "a top-level array must be created here with [T](repeating:count:), so the REPL can keep it",
                                help:
                                    "allocate one, e.g. var y = [Double](repeating: 0, count: x.count), and fill it"
                            ))
                    }
                    flush()
                    steps.append(
                        .array(
                            ArrayDeclaration(
                                name: name, isMutable: isVar, elementType: scalar,
                                statement: index, value: arguments[0].value,
                                sizes: arguments.dropFirst().map(\.value))))
                    continue
                }
                for (lid, type) in zip(locals, types) {
                    guard case .scalar(let t) = type else {
                        throw PlanProblem(
                            diagnostic: .error(
                                at: stmt.range,
                                "a top-level variable of type \(type) cannot be kept between inputs",
                                help: "take a tuple apart: let (a, b) = f(...)"))
                    }
                    scalars.append(
                        NewScalarDeclaration(
                            name: program.locals[lid].name, type: t, isMutable: isVar))
                }
                extend(range)
            case .expr(let e) where isLast:
                let type = program.type(of: e)
                switch type {
                case .scalar, .tuple:
                    extend(range)
                    soleExpression = statements.count == 1 ? e : nil
                    flush(hasResult: true)
                case .array:
                    var inner = e
                    while case .paren(let x) = ast.exprs[inner].kind { inner = x }
                    guard case .name(let name) = ast.exprs[inner].kind else {
                        throw PlanProblem(
                            diagnostic: .error(
                                at: stmt.range, "the REPL shows arrays only by variable name",
                                help: "store the values in an array variable and show that"))
                    }
                    flush()
                    steps.append(.show(name))
                default:
                    extend(range)
                }
            case .returnStmt:
                throw PlanProblem(
                    diagnostic: .error(
                        at: stmt.range, "'return' is only allowed inside a function",
                        help: "to see a value, type the expression on its own"))
            default:
                extend(range)
            }
        }
        flush()
    }
}
