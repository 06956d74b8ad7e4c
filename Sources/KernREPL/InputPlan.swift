/// What one REPL input does, read off its type-checked probe.
///
/// In: the `CheckedProgram` of the input (function 0 is the input, checked in the
/// session's scope; its positions are the input's). Out: the steps to run, in order — statement segments
/// (with the scalars they declare and the final expression to print), host-allocated
/// array declarations, and arrays to show — with byte ranges into the input. Inputs the
/// REPL cannot keep (an array that is not freshly allocated, a tuple variable) are
/// rejected here with a diagnostic at the statement.
import Kern
import KernBasics
import KernSema
import KernSyntax

struct NewScalarDeclaration {
    var name: String
    var type: KernScalarType
    var isMutable: Bool
}

struct ResultPlan {
    /// The final expression statement, in input byte offsets.
    var statementRange: Range<Int>
    /// Its Kern type as a return type: `Double`, `(Int, Double)`.
    var typeName: String
}

struct ArrayDeclaration {
    var name: String
    var isMutable: Bool
    var elementType: KernScalarType
    /// Input byte ranges of the `repeating:` value and of each size.
    var value: Range<Int>
    var sizes: [Range<Int>]
}

struct PlanProblem: Error {
    var diagnostic: Diagnostic
}

struct InputPlan {
    enum Step {
        case statements(range: Range<Int>, newScalars: [NewScalarDeclaration], result: ResultPlan?)
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
        func local(_ r: SourceRange) -> Range<Int> { Int(r.start.offset)..<Int(r.end.offset) }
        var segment: Range<Int>?
        var scalars: [NewScalarDeclaration] = []
        func flush(result: ResultPlan? = nil) {
            if let range = segment {
                steps.append(.statements(range: range, newScalars: scalars, result: result))
            }
            segment = nil
            scalars = []
        }
        func extend(_ r: Range<Int>) {
            segment = segment.map { $0.lowerBound..<r.upperBound } ?? r
        }
        for (index, id) in statements.enumerated() {
            let stmt = ast.stmts[id]
            let range = local(stmt.range)
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
                                value: local(ast.exprs[arguments[0].value].range),
                                sizes: arguments.dropFirst().map {
                                    local(ast.exprs[$0.value].range)
                                })))
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
                    flush(result: ResultPlan(statementRange: range, typeName: type.description))
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
