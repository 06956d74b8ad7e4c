import KernBasics
import KernIR
import KernSema
import KernSyntax

/// Lowers one source function. Locals become SSA values when they are immutable
/// scalars, tuples or arrays with an initial value, and slots otherwise (`var`
/// scalars and tuples, `inout` scalars, deferred-initialised `let`s).
struct FunctionLowerer {
    enum Binding {
        case value(ValueID)
        case slot(SlotID)
    }

    let program: CheckedProgram
    let functionIndex: Int
    var b: FunctionBuilder
    var bindings: [LocalID: Binding] = [:]
    /// `prange` loops enclosing the statement being lowered (in this function).
    var prangeDepth = 0

    init(program: CheckedProgram, functionIndex: Int, firstLoopID: LoopID) {
        self.program = program
        self.functionIndex = functionIndex
        let sig = program.functions[functionIndex]
        let decl = program.ast.functions[functionIndex]
        var inline: Function.Inline? = sig.inline.flatMap { Function.Inline(rawValue: $0) }
        // A C function becomes a small Kern function that calls it (inlined at every
        // call); the host calls C directly, so it is not exported.
        if sig.extern != nil { inline = .always }
        let function = Function(
            name: sig.name, returnType: irType(sig.returnType), isExported: sig.extern == nil,
            inline: inline,
            pos: program.file.position(of: decl.funcKeywordRange.start))
        self.b = FunctionBuilder(function)
        b.nextLoopID = firstLoopID
    }

    var ast: AST { program.ast }
    var signature: FunctionSignature { program.functions[functionIndex] }

    mutating func lower() -> Function {
        let decl = ast.functions[functionIndex]
        for (i, param) in signature.params.enumerated() {
            let binding = b.addParam(param.name, irType(param.type), isInout: param.isInout)
            // A C function has no body, hence no locals for its parameters.
            guard signature.extern == nil else { continue }
            let local = program.paramLocals[functionIndex][i]
            switch binding {
            case .value(let v): bindings[local] = .value(v)
            case .slot(let s): bindings[local] = .slot(s)
            }
        }
        let returnType = irType(signature.returnType)
        if let extern = signature.extern {
            return lowerExternCall(extern, decl)
        }
        if returnType != .void, decl.body.stmts.count == 1,
            case .expr(let e) = ast.stmts[decl.body.stmts[0]].kind
        {
            // Single-expression body: returns implicitly.
            at(ast.exprs[e].range)
            let v = lowerExpr(e)
            b.emit(.returnValue(v))
        } else {
            lowerStatements(decl.body.stmts)
        }
        if !b.isTerminated {
            // Void functions fall off the end; for the others Sema proved every path
            // returns, so this return is unreachable and only keeps the IR well formed.
            b.pos = program.file.position(of: decl.body.range.end)
            b.emit(.returnValue(returnType == .void ? nil : zeroValue(returnType)))
        }
        return b.finish()
    }

    /// The body of a C function's wrapper: one `call.c` with the parameters, returned.
    mutating func lowerExternCall(_ extern: ExternSignature, _ decl: FunctionDecl) -> Function {
        at(decl.nameRange)
        let parameters = signature.params.compactMap(\.type.scalar)
        let c = CFunction(
            symbol: extern.symbol, parameters: parameters, result: signature.returnType.scalar,
            isPure: extern.isPure)
        let args = b.function.params.compactMap { param -> ValueID? in
            if case .value(let v) = param.binding { v } else { nil }  // Sema: no inout
        }
        if let result = signature.returnType.scalar {
            let v = b.emit(.callC(c, args), .scalar(result))
            b.emit(.returnValue(v))
        } else {
            b.emit(.callC(c, args))
            b.emit(.returnValue(nil))
        }
        return b.finish()
    }

    /// Sets the position of the instructions emitted next.
    mutating func at(_ range: SourceRange) {
        b.pos = program.file.position(of: range.start)
    }

    func type(of e: ExprID) -> SemaType { program.type(of: e) }

    mutating func zeroValue(_ t: IRType) -> ValueID {
        switch t {
        case .scalar(let k): return zero(k)
        case .tuple(let ks):
            let parts = ks.map { zero($0) }
            return b.emit(.makeTuple(parts), t)
        case .array(let k, let rank):
            // An empty new array: the unreachable final return must return one it owns.
            let dims = (0..<rank).map { _ in b.int64(0) }
            return b.emit(.allocArray(k, dims: dims, fill: zero(k)), t)
        case .void:
            return b.int64(0)
        }
    }

    mutating func zero(_ k: ScalarType) -> ValueID {
        switch k {
        case .bool: return b.constant(.bool(false), .bool)
        case .float, .double: return b.constant(.floating(0), k)
        default: return b.constant(.integer(0), k)
        }
    }

    mutating func one(_ k: ScalarType) -> ValueID {
        k.isFloating ? b.constant(.floating(1), k) : b.constant(.integer(1), k)
    }

    /// Reads a local's current value.
    mutating func read(_ local: LocalID) -> ValueID {
        switch bindings[local] {
        case .value(let v): return v
        case .slot(let s): return b.emit(.load(s), b.function.slots[s].type)
        case nil:
            // Sema resolved the name; a missing binding is an IRGen bug.
            preconditionFailure("KernIRGen: unbound local \(local)")
        }
    }
}
