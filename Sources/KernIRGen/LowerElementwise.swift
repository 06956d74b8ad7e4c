import KernBasics
import KernIR
import KernSema
import KernSyntax

/// Elementwise calls of `@vectorize` functions (LANGUAGE.md §10) → one `prange` loop nest.
///
/// In: a call Sema resolved as `.elementwise`. Out: the operands lowered once before the
/// loop; the broadcast shape, checked at run time (NumPy's rule: extents aligned from the
/// last dimension, equal or 1); a new result array (or the `out:` array); and a loop nest
/// over the shape — the outermost dimension a `prange`, the inner ones serial — whose body
/// computes one element by calling the scalar function (LLVM inlines it), so the loop is
/// vectorized and parallelized like any other `prange`.
///
/// Fusion: an argument that is itself an elementwise call without `out:` is not
/// materialized; its scalar function is called inside the same loop body on the same
/// element. So `f(g(x), y)` is one loop and no temporary. Nothing else fuses (an array
/// bound to a name first, `let t = g(x)`, is a real array).
extension FunctionLowerer {
    /// One node of the fused element computation.
    indirect enum ElementTree {
        /// A scalar operand, the same for every element.
        case scalar(ValueID)
        /// An array operand read at the element's (broadcast) index: `leaf` numbers it.
        case array(ValueID, leaf: Int)
        /// A call of a scalar function on the elements of its arguments.
        case call(function: Int, [ElementTree])
    }

    mutating func lowerElementwise(
        _ e: ExprID, function f: Int, arguments: [Argument], hasOut: Bool
    ) -> ValueID? {
        let range = ast.exprs[e].range
        let signature = program.functions[f]
        guard case .scalar(let element) = signature.returnType else {
            preconditionFailure(
                "KernIRGen: Sema accepted @vectorize '\(signature.name)' with a non-scalar result")
        }
        var leaves: [ValueID] = []
        let inputs = hasOut ? Array(arguments.dropLast()) : arguments
        let tree = ElementTree.call(
            function: f, inputs.map { elementTree($0.value, leaves: &leaves) })
        let out = hasOut ? arguments.last.map { lowerArgument($0.value) } : nil
        at(range)
        return emitElementwise(
            name: signature.name, element: element, tree: tree, leaves: leaves, out: out)
    }

    /// The broadcast checks, the result (unless `out`), and the loop nest computing
    /// `tree` at every element; returns the new array (nil with `out`).
    mutating func emitElementwise(
        name: String, element: ScalarType, tree: ElementTree, leaves: [ValueID], out: ValueID?
    ) -> ValueID? {
        let ranks = leaves.map(rankOf)
        let rank = out.map(rankOf) ?? (ranks.max() ?? 1)

        // The broadcast shape: the out: array's, or grown from all-ones by the operands.
        var shape: [ValueID] = (0..<rank).map { axis in
            out.map { b.emit(.dim($0, axis: axis), .scalar(.int64)) } ?? b.int64(1)
        }
        let one = b.int64(1)
        var steps: [[ValueID]] = []
        for (leaf, leafRank) in zip(leaves, ranks) {
            var leafSteps: [ValueID] = []
            for axis in 0..<leafRank {
                let d = rank - leafRank + axis
                let extent = b.emit(.dim(leaf, axis: axis), .scalar(.int64))
                let isOne = b.emit(.compare(.eq, extent, one), .scalar(.bool))
                var ok = b.emit(.compare(.eq, extent, shape[d]), .scalar(.bool))
                ok = b.emit(.binary(.or, ok, isOne), .scalar(.bool))
                if out == nil {
                    let shapeIsOne = b.emit(.compare(.eq, shape[d], one), .scalar(.bool))
                    ok = b.emit(.binary(.or, ok, shapeIsOne), .scalar(.bool))
                    shape[d] = b.emit(.select(shapeIsOne, extent, shape[d]), .scalar(.int64))
                }
                b.emit(
                    .precondition(
                        ok,
                        message: broadcastMessage(
                            name, axis: axis, leafRank: leafRank, rank: rank, hasOut: out != nil)))
                // A stretched dimension (extent 1) reads index 0 for every element.
                let notOne = b.emit(.unary(.not, isOne), .scalar(.bool))
                leafSteps.append(b.emit(.convert(notOne), .scalar(.int64)))
            }
            steps.append(leafSteps)
        }
        // The loop nest writes every element of the new array: no fill pass first.
        let result =
            out
            ?? b.emit(.allocArray(element, dims: shape, fill: nil), .array(element, rank: rank))

        emitElementLoops(
            axis: 0,
            ElementLoops(
                tree: tree, result: result, shape: shape, ranks: ranks, steps: steps,
                inductions: (0..<rank).map { _ in b.newValue(.scalar(.int64)) }))
        return out == nil ? result : nil
    }

    /// What the loop nest of one elementwise call computes.
    struct ElementLoops {
        var tree: ElementTree
        var result: ValueID
        var shape: [ValueID]
        var ranks: [Int]
        /// Per leaf and dimension: 1, or 0 where the leaf's extent 1 is stretched.
        var steps: [[ValueID]]
        var inductions: [ValueID]
    }

    /// The loop over dimension `axis` (a `prange` for 0, serial inside) and, innermost,
    /// the element: the operands' elements at the broadcast indices, the call, the store.
    private mutating func emitElementLoops(axis: Int, _ loops: ElementLoops) {
        let rank = loops.shape.count
        if axis == rank {
            var indices: [[ValueID]] = []
            for (leafRank, leafSteps) in zip(loops.ranks, loops.steps) {
                indices.append(
                    (0..<leafRank).map { k in
                        b.emit(
                            .binary(.mul, loops.inductions[rank - leafRank + k], leafSteps[k]),
                            .scalar(.int64))
                    })
            }
            let value = evaluate(loops.tree, indices: indices)
            b.emit(.storeElement(loops.result, indices: loops.inductions, value: value))
            return
        }
        let induction = loops.inductions[axis]
        let lower = b.int64(0)
        let step = b.int64(1)
        b.beginBlock()
        if axis == 0 && prangeDepth == 0 {
            // The function's outermost prange: each iteration owns a random stream
            // (`prune-rng-iterations` deletes this when the function draws nothing).
            b.emit(.rngIteration(induction))
        }
        emitElementLoops(axis: axis + 1, loops)
        let body = b.endBlock()
        b.emitLoop(
            .forLoop(
                ForLoop(
                    induction: induction, lower: lower, upper: loops.shape[axis], step: step,
                    inclusive: false,
                    kind: axis == 0 ? .parallel(reductions: [], arrayReductions: []) : .serial,
                    body: body)))
    }

    /// The argument as a node: nested elementwise calls (without `out:`) fuse; anything
    /// else is lowered here, before the loop.
    private mutating func elementTree(_ e: ExprID, leaves: inout [ValueID]) -> ElementTree {
        let inner = withoutParens(e)
        if case .elementwise(let g, hasOut: false)? = program.calls[inner],
            case .call(_, let arguments) = ast.exprs[inner].kind
        {
            return .call(function: g, arguments.map { elementTree($0.value, leaves: &leaves) })
        }
        let v = lowerExpr(e)
        guard case .array = b.type(of: v) else { return .scalar(v) }
        leaves.append(v)
        return .array(v, leaf: leaves.count - 1)
    }

    private mutating func evaluate(_ tree: ElementTree, indices: [[ValueID]]) -> ValueID {
        switch tree {
        case .scalar(let v):
            return v
        case .array(let v, let leaf):
            guard case .array(let k, _) = b.type(of: v) else {
                preconditionFailure("KernIRGen: elementwise leaf \(v) is not an array")
            }
            return b.emit(.loadElement(v, indices: indices[leaf]), .scalar(k))
        case .call(let f, let arguments):
            let values = arguments.map { evaluate($0, indices: indices) }
            return b.emit(
                .call(FunctionID(f), values.map { .value($0) }),
                irType(program.functions[f].returnType))
        }
    }

    private func rankOf(_ v: ValueID) -> Int {
        guard case .array(_, let rank) = b.type(of: v) else {
            preconditionFailure("KernIRGen: elementwise operand \(v) is not an array")
        }
        return rank
    }

    private func withoutParens(_ e: ExprID) -> ExprID {
        var e = e
        while case .paren(let inner) = ast.exprs[e].kind { e = inner }
        return e
    }

    private func broadcastMessage(
        _ name: String, axis: Int, leafRank: Int, rank: Int, hasOut: Bool
    ) -> String {
        let d = rank - leafRank + axis
        return hasOut
            ? "elementwise '\(name)': an argument of rank \(leafRank) does not broadcast to the out: array's shape (dimension \(d) of \(rank) differs and is not 1)"
            : "elementwise '\(name)': the arguments' shapes do not broadcast (dimension \(d) of \(rank) differs between them and is not 1)"
    }
}

/// The exported elementwise variants of a `@vectorize` function that the host API calls
/// with arrays (LANGUAGE.md §10): `f.elementwise<R>` for R in 1...3 takes every parameter
/// as a rank-R array plus the rank-R `out` array (inout, last) and writes `f` applied
/// elementwise with broadcasting into `out`, whose shape is the broadcast shape. The host
/// pads each argument's shape with leading 1s to rank R (and passes a scalar as a
/// one-element array), so one variant per rank covers every mix; for a call that returns
/// a new array the host allocates `out` itself (uninitialized: the loop writes every
/// element), so both Swift spellings, `f(x, y)` and `f(x, y, out: &z)`, share it.
extension FunctionLowerer {
    /// `hyp.elementwise2`: not a Kern identifier, so no source function can clash.
    static func elementwiseVariantName(_ name: String, rank: Int) -> String {
        "\(name).elementwise\(rank)"
    }

    init(program: CheckedProgram, elementwiseVariantOf f: Int, rank: Int, firstLoopID: LoopID) {
        self.program = program
        self.functionIndex = f
        let signature = program.functions[f]
        let decl = program.ast.functions[f]
        let function = Function(
            name: Self.elementwiseVariantName(signature.name, rank: rank),
            returnType: .void, isExported: true,
            pos: program.file.position(of: decl.funcKeywordRange.start))
        self.b = FunctionBuilder(function)
        b.nextLoopID = firstLoopID
    }

    /// The body of `f.elementwise<rank>`: `f(params..., out: &out)`.
    mutating func lowerElementwiseVariant(rank: Int) -> Function {
        let decl = ast.functions[functionIndex]
        guard case .scalar(let element) = signature.returnType else {
            preconditionFailure(
                "KernIRGen: @vectorize '\(signature.name)' with a non-scalar result")
        }
        var leaves: [ValueID] = []
        for param in signature.params {
            guard case .scalar(let s) = param.type,
                case .value(let v) = b.addParam(param.name, .array(s, rank: rank), isInout: false)
            else { preconditionFailure("KernIRGen: @vectorize parameter '\(param.name)'") }
            leaves.append(v)
        }
        guard case .value(let out) = b.addParam("out", .array(element, rank: rank), isInout: true)
        else { preconditionFailure("KernIRGen: an array parameter is a value") }
        b.pos = program.file.position(of: decl.funcKeywordRange.start)
        let tree = ElementTree.call(
            function: functionIndex, leaves.indices.map { .array(leaves[$0], leaf: $0) })
        let none = emitElementwise(
            name: signature.name, element: element, tree: tree, leaves: leaves, out: out)
        precondition(none == nil, "KernIRGen: an elementwise call with out: has no result")
        b.emit(.returnValue(nil))
        return b.finish()
    }
}
