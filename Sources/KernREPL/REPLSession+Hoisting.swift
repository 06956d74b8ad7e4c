/// Keeps one-line expressions fast: calls of definitions inside an expression are made
/// directly on the compiled library, so the wrapper that computes the rest needs none of
/// the definitions' code. `dot(x, x) / Double(x.count)` then compiles a two-line wrapper
/// (a few ms) instead of recompiling `dot` with its parallel loop (tens of ms).
///
/// A call is hoisted only when that cannot change what the input does:
/// - the input is a single expression, with no `&` anywhere (nothing it calls can change
///   an array another call reads);
/// - the callee and everything it calls neither print, draw random numbers nor use
///   `atomicAdd`, and it returns a scalar;
/// - its arguments are variables or literals;
/// - it is always evaluated: not the right side of `&&`/`||`, not a branch of `?:`.
/// Hoisted calls run first, left to right — the order they would run in anyway,
/// since the rest of the expression has no side effects that they could observe.
import Kern
import KernBasics
import KernSema
import KernSyntax

extension REPLSession {
    func hoistedEvaluation(_ probed: Probed, input: String) -> [REPLMessage]? {
        guard let root = probed.plan.soleExpression, library != nil, probed.plan.steps.count == 1,
            case .statements(let range, let scalars, let result?) = probed.plan.steps[0],
            scalars.isEmpty
        else { return nil }
        let program = probed.program
        var hasInout = false
        var hoistable: [ExprID] = []
        func visit(_ e: ExprID, always: Bool) {
            switch program.ast.exprs[e].kind {
            case .call(_, let arguments):
                if always, isPureDirectCall(e, program) {
                    hoistable.append(e)
                    return
                }
                for a in arguments { visit(a.value, always: always) }
            case .binary(let op, let lhs, let rhs, _):
                visit(lhs, always: always)
                visit(rhs, always: always && op != .and && op != .or)
            case .ternary(let condition, let then, let otherwise):
                visit(condition, always: always)
                visit(then, always: false)
                visit(otherwise, always: false)
            case .unary(_, let operand, _): visit(operand, always: always)
            case .paren(let x): visit(x, always: always)
            case .member(let base, _, _), .tupleElement(let base, _, _): visit(base, always: always)
            case .subscriptAccess(let base, let indices):
                visit(base, always: always)
                for i in indices { visit(i, always: always) }
            case .tuple(let xs): for x in xs { visit(x, always: always) }
            case .inoutRef: hasInout = true
            default: break
            }
        }
        visit(root, always: true)
        guard !hasInout, !hoistable.isEmpty else { return nil }

        // Run the hoisted calls, left to right, and bind their values to fresh names.
        var temporaries: [Variable] = []
        for (k, call) in hoistable.enumerated() {
            let value: KernValue
            switch directValue(of: call, program) {
            case .success(let v)?: value = v
            case .failure(let e)?: return [mappedLibraryError(e)]
            case nil: return nil
            }
            guard let type = value.scalarType else { return nil }
            // One element always fits; a failure here is a broken invariant.
            guard let storage = try? makeStorage(type, shape: [1]) else {
                preconditionFailure("a one-element REPL temporary could not be allocated")
            }
            storage.fill(with: value)
            temporaries.append(
                Variable(name: "__repl_c\(k)", isMutable: false, rank: 0, storage: storage))
        }
        var text = Array(input.utf8)
        for (call, temporary) in zip(hoistable, temporaries).reversed() {
            let r = program.ast.exprs[call].range
            text.replaceSubrange(
                Int(r.start.offset)..<Int(r.end.offset),
                with: Array(temporary.name.utf8))
        }
        let statementEnd = result.statementRange.upperBound + (text.count - input.utf8.count)
        let rewritten = Array(text[range.lowerBound..<statementEnd])
        for t in temporaries { store(t) }
        defer {
            for t in temporaries { variables[t.name] = nil }
            variableOrder.removeAll { $0.hasPrefix("__repl_c") }
        }
        do {
            let segment = try prepare(
                range: 0..<rewritten.count, newScalars: [],
                result: ResultPlan(statementRange: 0..<rewritten.count, typeName: result.typeName),
                input: rewritten)
            let value = try segment.function.call(segment.arguments)
            return [REPLMessage(.result, ValueFormatter.format(value))]
        } catch {
            // The rest failed (say, an index out of bounds): run the input as typed, so
            // the error points into it. The hoisted calls are pure, so running them again
            // changes nothing.
            return nil
        }
    }

    /// Whether `e` is a call of a definition with variables and literals as arguments,
    /// returning a scalar, whose code never prints, draws random numbers or adds atomically.
    func isPureDirectCall(_ e: ExprID, _ program: CheckedProgram) -> Bool {
        guard case .function(let index)? = program.calls[e],
            case .call(_, let arguments) = program.ast.exprs[e].kind
        else { return false }
        let signature = program.functions[index]
        guard definitions[signature.name] != nil, case .scalar = signature.returnType,
            !signature.params.contains(where: \.isInout)
        else { return false }
        let impure = Set(BuiltinFunction.allCases.filter { !$0.isPure }.map(\.name))
        guard
            definitionClosure(of: [signature.name]).allSatisfy({
                $0.mentions.isDisjoint(with: impure)
            })
        else {
            return false
        }
        return arguments.allSatisfy { argument in
            if program.constants[argument.value] != nil { return true }
            if case .name(let n) = program.ast.exprs[argument.value].kind {
                return variables[n] != nil
            }
            return false
        }
    }
}
