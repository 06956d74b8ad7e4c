import KernABI
import KernBasics
import KernIR
import KernSema
import KernSyntax

/// One piece of a REPL input to run: which of its top-level statements, and what the
/// entry function returns. The REPL splits an input where the host must act between
/// statements (allocating a top-level array), so one input may lower several times.
public struct InputSegment: Sendable, Hashable {
    public enum Result: Sendable, Hashable {
        /// Nothing (`-> void`).
        case none
        /// The last statement is an expression: its value is returned.
        case lastExpression
        /// A tuple of these expressions' values (an array declaration's fill value, then
        /// its extents as `Int`): `(value, size0, …)`.
        case allocation(value: ExprID, sizes: [ExprID])
    }
    /// Indices of the statements to lower in the input's body.
    public var statements: Range<Int>
    public var result: Result
    public init(statements: Range<Int>, result: Result) {
        self.statements = statements
        self.result = result
    }
}

/// Lowers a REPL input (a program `Sema.check(input:in:session:)` checked; function 0 is
/// the input) without any generated source: the segment's statements become the body of
/// an exported function `input`, and the session's definitions (the program's other
/// functions) become extern functions (`Function.external`, their entry symbols in the
/// session's library), or, for `@extern(c)` ones, the usual inlined C-call wrappers.
///
/// The entry function's parameters, named after the variables, in local order:
/// - every variable the segment uses but does not declare (a session variable, or one
///   an earlier segment declared): an array as an array (`inout` when `var`); a scalar
///   as a one-element array, read at entry into a local and, when `var`, written back
///   at the end (so a runtime error leaves it unchanged);
/// - then every scalar the segment declares at top level: a one-element `inout` array
///   written at the end.
/// Positions are the input's own, so runtime errors need no mapping.
extension IRGen {
    public static func lowerInput(_ program: CheckedProgram, segment: InputSegment) -> Module {
        var module = Module(sourceName: program.file.name)
        var lowerer = FunctionLowerer(
            program: program, functionIndex: 0, firstLoopID: LoopID(raw: 0))
        module.functions.append(lowerer.lowerInput(segment))
        for index in program.functions.indices.dropFirst() {
            module.functions.append(sessionFunction(program.functions[index]))
        }
        return module
    }

    /// A session definition as seen from an input: a declaration of its entry point.
    static func sessionFunction(_ signature: FunctionSignature) -> Function {
        var b = FunctionBuilder(
            Function(name: signature.name, returnType: irType(signature.returnType)))
        for p in signature.params { b.addParam(p.name, irType(p.type), isInout: p.isInout) }
        guard let c = signature.extern else {
            var f = b.finish()
            f.isExported = false
            f.external = EntryABI.entrySymbol(signature.name)
            return f
        }
        // A C function has no entry point: call C directly, as its own module does.
        let function = CFunction(
            symbol: c.symbol, parameters: signature.params.compactMap(\.type.scalar),
            result: signature.returnType.scalar, isPure: c.isPure)
        let args = b.function.params.compactMap { p -> ValueID? in
            if case .value(let v) = p.binding { v } else { nil }  // Sema: no inout
        }
        if let result = signature.returnType.scalar {
            b.emit(.returnValue(b.emit(.callC(function, args), .scalar(result))))
        } else {
            b.emit(.callC(function, args))
            b.emit(.returnValue(nil))
        }
        var f = b.finish()
        (f.isExported, f.inline) = (false, .always)
        return f
    }
}

extension FunctionLowerer {
    mutating func lowerInput(_ segment: InputSegment) -> Function {
        let body = ast.functions[0].body.stmts
        let statements = Array(body[segment.statements])
        var lastExpression: ExprID?
        if segment.result == .lastExpression,
            case .expr(let e)? = statements.last.map({ ast.stmts[$0].kind })
        {
            lastExpression = e
        }
        let returnType: IRType
        switch segment.result {
        case .none: returnType = .void
        case .lastExpression:
            guard let e = lastExpression else {
                preconditionFailure("KernIRGen: no final expression")
            }
            returnType = irType(type(of: e))
        case .allocation(let value, let sizes):
            guard case .scalar(let element) = type(of: value) else {
                preconditionFailure("KernIRGen: an array's fill value is a scalar")
            }
            returnType = .tuple([element] + sizes.map { _ in .int64 })
        }
        let pos = b.function.pos
        b = FunctionBuilder(
            Function(name: SessionScope.inputName, returnType: returnType, pos: pos))

        // Parameters: the variables used and not declared here, then the new scalars.
        var cells: [(local: LocalID, array: ValueID)] = []
        var ranges = statements.map { ast.stmts[$0].range }
        if case .allocation(let value, let sizes) = segment.result {
            ranges += ([value] + sizes).map { ast.exprs[$0].range }
        }
        let earlier = Array(body[..<segment.statements.lowerBound])
        for local in capturedLocals(in: ranges, before: earlier) {
            let info = program.locals[local]
            switch info.type {
            case .array:
                guard
                    case .value(let v) = b.addParam(
                        info.name, irType(info.type), isInout: info.isMutable)
                else { preconditionFailure("KernIRGen: an array parameter is a value") }
                bindings[local] = .value(v)
            case .scalar(let s):
                guard
                    case .value(let cell) = b.addParam(
                        info.name, .array(s, rank: 1), isInout: info.isMutable)
                else { preconditionFailure("KernIRGen: an array parameter is a value") }
                let zero = b.int64(0)
                let v = b.emit(.loadElement(cell, indices: [zero]), .scalar(s))
                if info.isMutable {
                    let slot = b.newSlot(info.name, .scalar(s))
                    b.emit(.store(slot, v))
                    bindings[local] = .slot(slot)
                    cells.append((local, cell))
                } else {
                    bindings[local] = .value(v)
                }
            default:
                preconditionFailure("KernIRGen: a session variable is a scalar or an array")
            }
        }
        for id in statements {
            for local in program.declaredLocals[id] ?? [] {
                guard case .scalar(let s) = program.locals[local].type else { continue }
                guard
                    case .value(let cell) = b.addParam(
                        program.locals[local].name, .array(s, rank: 1), isInout: true)
                else { preconditionFailure("KernIRGen: an array parameter is a value") }
                cells.append((local, cell))
            }
        }

        // The statements, the result, then the scalars written back.
        var result: ValueID?
        if let e = lastExpression {
            lowerStatements(statements.dropLast())
            at(ast.exprs[e].range)
            result = lowerExpr(e)
        } else {
            lowerStatements(statements)
        }
        if case .allocation(let value, let sizes) = segment.result {
            at(ast.exprs[value].range)
            var parts = [lowerExpr(value)]
            for size in sizes { parts.append(lowerIndex(size)) }
            result = b.emit(.makeTuple(parts), returnType)
        }
        if !b.isTerminated {
            for (local, cell) in cells {
                let v = read(local)
                b.emit(.storeElement(cell, indices: [b.int64(0)], value: v))
            }
            b.emit(.returnValue(result))
        }
        return b.finish()
    }

    /// The variables used in the source `ranges` (the segment) that are declared outside
    /// it: the session's and those the top-level statements `earlier` declared; in local
    /// order.
    private func capturedLocals(in ranges: [SourceRange], before earlier: [StmtID]) -> [LocalID] {
        guard let start = ranges.map(\.start.offset).min(), let end = ranges.map(\.end.offset).max()
        else { return [] }
        var declaredAnywhere: Set<LocalID> = []
        for locals in program.declaredLocals.values { declaredAnywhere.formUnion(locals) }
        var outside: Set<LocalID> = []
        for id in earlier { outside.formUnion(program.declaredLocals[id] ?? []) }
        var used: Set<LocalID> = []
        for (e, reference) in program.references {
            guard case .local(let local) = reference else { continue }
            let r = ast.exprs[e].range
            guard r.start.offset >= start, r.end.offset <= end else { continue }
            let info = program.locals[local]
            // Session variables are the input function's locals no statement declares.
            let isSession =
                info.function == 0 && !declaredAnywhere.contains(local)
                && info.kind != .loopVariable
            if isSession || outside.contains(local) { used.insert(local) }
        }
        return used.sorted { $0.raw < $1.raw }
    }
}
