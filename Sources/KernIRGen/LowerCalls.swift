import KernBasics
import KernIR
import KernSema
import KernSyntax

/// Calls: Kern functions, conversions, math built-ins, local array allocation,
/// `x.shape(d)`, `print` and `precondition`, as resolved by Sema in `calls`.
extension FunctionLowerer {
    /// The call's value; nil for calls without one (void functions, `print`,
    /// `precondition`), which Sema allows only as statements.
    mutating func lowerCall(_ e: ExprID, callee: ExprID, arguments: [Argument]) -> ValueID? {
        let resultType = irType(type(of: e))
        guard let kind = program.calls[e] else {
            preconditionFailure("KernIRGen: Sema resolved no call for \(e)")
        }
        let range = ast.exprs[e].range
        switch kind {
        case .function(let index):
            let params = program.functions[index].params
            var args: [CallArgument] = []
            for (i, argument) in arguments.enumerated() {
                let isInoutScalar =
                    i < params.count && params[i].isInout && params[i].type.scalar != nil
                args.append(
                    isInoutScalar
                        ? inoutSlot(argument.value) : .value(lowerArgument(argument.value)))
            }
            at(range)
            if resultType == .void {
                b.emit(.call(FunctionID(index), args))
                return nil
            }
            return b.emit(.call(FunctionID(index), args), resultType)
        case .elementwise(let f, let hasOut):
            return lowerElementwise(e, function: f, arguments: arguments, hasOut: hasOut)
        case .conversion:
            let v = lowerExpr(arguments[0].value)
            if b.type(of: v) == resultType { return v }
            at(range)
            return b.emit(.convert(v), resultType)
        case .math(let fn):
            let args = arguments.map { lowerExpr($0.value) }
            at(range)
            return b.emit(.math(fn, args), resultType)
        case .allocArray(let element, _):
            // (repeating: v, count: n) or (repeating: v, rows: r, cols: c): the fill value
            // first, then the extents, in the order written.
            let fill = lowerExpr(arguments[0].value)
            let dims = arguments.dropFirst().map { lowerIndex($0.value) }
            at(range)
            return b.emit(
                .allocArray(element, dims: Array(dims), fill: fill), resultType)
        case .shape:
            guard case .member(let base, _, _) = ast.exprs[callee].kind else { return b.int64(0) }
            let array = lowerExpr(base)
            var axis = 0
            if let c = program.constants[arguments[0].value], case .integer(_, let bits) = c {
                axis = Int(truncatingIfNeeded: bits)
            }
            at(range)
            return b.emit(.dim(array, axis: axis), .scalar(.int64))
        case .print:
            var pieces: [PrintPiece] = []
            for (i, argument) in arguments.enumerated() {
                if i > 0 { pieces.append(.text(" ")) }
                pieces += printPieces(argument.value)
            }
            at(range)
            b.emit(.print(pieces))
            return nil
        case .random(let s):
            guard
                case .binary(_, let lo, let hi, _) = ast.exprs[stripParens(arguments[0].value)].kind
            else { preconditionFailure("KernIRGen: random(in:) without a range passed Sema") }
            return lowerUniformRandom(s, lo: lo, hi: hi, callee: callee, at: range)
        case .randomNormal:
            at(range)
            return b.emit(.random(.normal, []), .scalar(.double))
        case .clock:
            at(range)
            return b.emit(.clock, .scalar(.int64))
        case .atomicAdd:
            guard case .inoutRef(let inner) = ast.exprs[arguments[0].value].kind,
                case .subscriptAccess(let base, let indices) = ast.exprs[stripParens(inner)].kind
            else { return nil }
            let ref = lowerElementAddress(base: base, indices: indices)
            let (array, idx) = ref.checked(&self)
            let v = lowerExpr(arguments[1].value)
            at(range)
            b.emit(.atomicAdd(array, indices: idx, value: v))
            return nil
        case .mpi(let operation):
            // The reduction (`.sum`) is in the operation; the other arguments in order.
            let operands = arguments.compactMap { argument -> ValueID? in
                if case .implicitMember = ast.exprs[argument.value].kind { return nil }
                return lowerArgument(argument.value)
            }
            at(range)
            if resultType == .void {
                b.emit(.mpi(operation, operands))
                return nil
            }
            return b.emit(.mpi(operation, operands), resultType)
        case .format:
            preconditionFailure("KernIRGen: String(format:) outside print passed Sema")
        case .precondition:
            let c = lowerExpr(arguments[0].value)
            var message = ""
            if arguments.count > 1, case .stringLiteral(let s) = ast.exprs[arguments[1].value].kind
            {
                message = s
            }
            at(ast.exprs[callee].range)
            b.emit(.precondition(c, message: message))
            return nil
        }
    }

    /// An argument for a by-value or inout-array parameter: `&a` passes the view itself.
    mutating func lowerArgument(_ e: ExprID) -> ValueID {
        if case .inoutRef(let inner) = ast.exprs[e].kind { return lowerExpr(inner) }
        return lowerExpr(e)
    }

    /// `&x` for an inout scalar parameter: the caller's slot.
    mutating func inoutSlot(_ e: ExprID) -> CallArgument {
        var target = e
        if case .inoutRef(let inner) = ast.exprs[e].kind { target = inner }
        while case .paren(let inner) = ast.exprs[target].kind { target = inner }
        if case .local(let local)? = program.references[target],
            case .slot(let s)? = bindings[local]
        {
            return .slot(s)
        }
        // Sema only accepts mutable variables here; fall back to a temporary.
        let v = lowerExpr(target)
        let slot = b.newSlot("tmp", b.type(of: v))
        b.emit(.store(slot, v))
        return .slot(slot)
    }

    /// `String(format:)`'s pieces with its arguments (after the format) lowered in order;
    /// Sema matched them one to one with the conversions.
    mutating func formatPieces(_ format: [FormatPiece], _ arguments: [ExprID]) -> [PrintPiece] {
        var next = arguments.makeIterator()
        return format.map { piece -> PrintPiece in
            switch piece {
            case .text(let t): return .text(t)
            case .conversion(let c):
                guard let argument = next.next() else {
                    preconditionFailure("KernIRGen: format arguments not matched by Sema")
                }
                return .formatted(c, lowerExpr(argument))
            }
        }
    }

    /// Pieces for one `print` argument: strings as is, tuples as `(a, b)`.
    mutating func printPieces(_ e: ExprID) -> [PrintPiece] {
        if case .stringLiteral(let s) = ast.exprs[e].kind { return [.text(s)] }
        if case .format(let format)? = program.calls[e],
            case .call(_, let arguments) = ast.exprs[e].kind
        {
            return formatPieces(format, arguments.dropFirst().map(\.value))
        }
        let v = lowerExpr(e)
        guard case .tuple(let kinds) = b.type(of: v) else { return [.value(v)] }
        var pieces: [PrintPiece] = [.text("(")]
        for (i, k) in kinds.enumerated() {
            if i > 0 { pieces.append(.text(", ")) }
            pieces.append(.value(b.emit(.extract(v, index: i), .scalar(k))))
        }
        pieces.append(.text(")"))
        return pieces
    }
}
