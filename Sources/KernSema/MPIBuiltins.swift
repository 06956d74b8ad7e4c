import KernBasics
import KernSyntax

/// The MPI built-ins (LANGUAGE.md §12): `mpiRank()`, `mpiSize()`, `barrier()`,
/// `allreduce(x, .sum)` (scalar), `allreduce(a, .sum)` (one value from a distributed
/// array), `allreduce(&a, .sum)` (element-wise, in place), `broadcast(&a, from: r)`,
/// `send(a, to: r)`, `receive(&a, from: r)` and `haloExchange(&a)`.
///
/// In: the call. Out: its type and `calls[e] = .mpi(operation)`. Arrays are rank 1 or 2
/// (a row `m[i]` is a rank-1 array); written ones are passed with `&` and must be
/// mutable; reductions take `Int` or `Double`; ranks are `Int`.
extension Checker {
    func checkMPI(_ e: ExprID, callee: ExprID, name: String, arguments: [Argument]) -> SemaType {
        setType(callee, .void)
        guard let builtin = BuiltinFunction(bareName: name), builtin.isMPI else {
            preconditionFailure("KernSema: \(name) is not an MPI built-in")
        }
        // Written directly in a prange body: a compile error. Through a called function
        // it is the runtime's error ("cannot run inside a prange loop").
        if loopStack.contains(where: \.isParallel) {
            error(
                "'\(name)' cannot be used inside a prange loop", at: range(callee),
                help: "MPI runs on the calling thread: call it before or after the loop")
        }
        let labels: [String?]
        switch builtin {
        case .mpiRank, .mpiSize, .barrier: labels = []
        case .allreduce: labels = [nil, nil]
        case .broadcast, .receive: labels = [nil, "from"]
        case .send: labels = [nil, "to"]
        case .haloExchange: labels = [nil]
        case .print, .precondition, .randomNormal, .atomicAdd, .random, .stride, .prange, .clock:
            preconditionFailure("KernSema: \(name) is not an MPI built-in")
        }
        guard arguments.count == labels.count else {
            let usage: String
            switch builtin {
            case .allreduce: usage = "allreduce(x, .sum), allreduce(a, .max) or allreduce(&a, .min)"
            case .broadcast: usage = "broadcast(&a, from: 0)"
            case .send: usage = "send(a, to: r)"
            case .receive: usage = "receive(&a, from: r)"
            case .haloExchange: usage = "haloExchange(&a)"
            default: usage = "\(name)()"
            }
            error(
                "'\(name)' takes \(labels.count) argument\(labels.count == 1 ? "" : "s") but \(arguments.count) \(arguments.count == 1 ? "was" : "were") given",
                at: range(callee), help: "write \(usage)")
            checkArgumentsLoosely(arguments)
            return .error
        }
        for (argument, label) in zip(arguments, labels) where argument.label != label {
            let at = argument.labelRange ?? range(argument.value)
            if let label {
                error(
                    "'\(name)' needs the label '\(label):' here", at: at, help: "write \(label): r")
            } else {
                error(
                    "'\(name)' takes no label here", at: at,
                    help: "remove '\(argument.label ?? ""):'")
            }
        }
        switch builtin {
        case .mpiRank:
            calls[e] = .mpi(.rank)
            return .scalar(.int64)
        case .mpiSize:
            calls[e] = .mpi(.size)
            return .scalar(.int64)
        case .barrier:
            calls[e] = .mpi(.barrier)
            return .void
        case .allreduce:
            return checkAllreduce(e, arguments: arguments)
        case .broadcast, .receive, .send, .haloExchange:
            let isWritten = builtin != .send
            let array =
                isWritten
                ? mpiInoutArray(arguments[0].value, name: name)
                : mpiArrayValue(arguments[0].value, name: name)
            if arguments.count > 1 {
                checkExpecting(arguments[1].value, .scalar(.int64), .argument)
            }
            guard array != nil else { return .error }
            switch builtin {
            case .broadcast: calls[e] = .mpi(.broadcast)
            case .receive: calls[e] = .mpi(.receive)
            case .send: calls[e] = .mpi(.send)
            default: calls[e] = .mpi(.haloExchange)
            }
            return .void
        case .print, .precondition, .randomNormal, .atomicAdd, .random, .stride, .prange, .clock:
            preconditionFailure("KernSema: \(name) is not an MPI built-in")
        }
    }

    private func checkAllreduce(_ e: ExprID, arguments: [Argument]) -> SemaType {
        let opExpr = arguments[1].value
        var op: ReduceOperator?
        if case .implicitMember(let name) = kind(opExpr) {
            op = ReduceOperator(rawValue: name)
            setType(opExpr, .void)
            if op == nil {
                error(
                    "unknown reduction '.\(name)'", at: range(opExpr),
                    help: "use .sum, .min or .max")
            }
        } else {
            let t = checkExpr(opExpr)
            error(
                concerning: t, "the second argument of 'allreduce' is the reduction",
                at: range(opExpr),
                help: "write .sum, .min or .max")
        }
        let value = arguments[0].value
        if case .inoutRef = kind(value) {
            guard let (element, _) = mpiInoutArray(value, name: "allreduce"), let op else {
                return .error
            }
            guard reducible(element, at: value) else { return .error }
            calls[e] = .mpi(.allreduceArray(op))
            return .void
        }
        let t = checkExpr(value)
        switch t {
        case .scalar(let s):
            guard reducible(s, at: value), let op else { return .error }
            calls[e] = .mpi(.allreduce(op))
            return .scalar(s)
        case .array(let s, rank: 1):
            guard reducible(s, at: value), let op else { return .error }
            calls[e] = .mpi(.reduceArray(op))
            return .scalar(s)
        case .error:
            return .error
        default:
            error(
                "'allreduce' needs an Int or Double value or a rank-1 array, not '\(t)'",
                at: range(value),
                help: "pass &\(text(of: range(value))) to combine a rank-2 array element-wise")
            return .error
        }
    }

    private func reducible(_ s: ScalarType, at e: ExprID) -> Bool {
        if s == .int64 || s == .double { return true }
        error(
            "'allreduce' combines Int and Double values, not '\(s.rawValue)'", at: range(e),
            help: "convert first: Double(x)")
        return false
    }

    /// `&a` or `&m[i]` of a mutable rank-1 or rank-2 array.
    private func mpiInoutArray(_ value: ExprID, name: String) -> (ScalarType, Int)? {
        guard case .inoutRef(let inner) = kind(value) else {
            let t = checkExpr(value)
            error(
                concerning: t, "'\(name)' writes the array: pass it with '&'", at: range(value),
                help: "write &\(text(of: range(value)))")
            return nil
        }
        let t = checkExpr(inner)
        setType(value, t)
        guard let shape = mpiShape(t, value: inner, name: name) else { return nil }
        if let root = rootName(of: inner), case .local(let id)? = references[root] {
            let info = locals[id]
            if !info.isMutable {
                error(
                    "'\(name)' cannot write '\(info.name)': \(immutableReason(info))",
                    at: range(inner), help: mutabilityHelp(info))
                return nil
            }
        } else {
            error(
                "'\(name)' needs an array variable or a row of one", at: range(inner),
                help: "pass &a or &m[i]")
            return nil
        }
        return shape
    }

    private func mpiArrayValue(_ value: ExprID, name: String) -> (ScalarType, Int)? {
        if case .inoutRef(let inner) = kind(value) {
            let t = checkExpr(inner)
            setType(value, t)
            error(concerning: t, "'\(name)' only reads the array: remove the '&'", at: range(value))
            return nil
        }
        return mpiShape(checkExpr(value), value: value, name: name)
    }

    private func mpiShape(_ t: SemaType, value: ExprID, name: String) -> (ScalarType, Int)? {
        switch t {
        case .array(let s, let rank) where rank <= 2: return (s, rank)
        case .error: return nil
        default:
            error("'\(name)' needs a rank-1 or rank-2 array, not '\(t)'", at: range(value))
            return nil
        }
    }

    /// `.sum` anywhere but allreduce's second argument. Out of the recursive
    /// `checkExprKind`, whose stack frame deeply nested input multiplies.
    @inline(never)
    func rejectImplicitMember(_ e: ExprID, _ name: String) -> SemaType {
        error(
            "'.\(name)' can only be the operation of allreduce", at: range(e),
            help: "write allreduce(x, .sum), .min or .max")
        return .error
    }
}
