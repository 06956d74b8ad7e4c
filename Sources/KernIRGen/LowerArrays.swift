import KernBasics
import KernIR
import KernSema
import KernSyntax

/// Array access: `x[i]`, `m[i, j]`, row views `m[i]`, and the bounds checks that guard
/// them. A check's position is the first character of the subscripted array expression.
struct ElementRef {
    var array: ValueID
    var indices: [ValueID]
    var kind: ScalarType
    var pos: SourceRange

    /// Emits the bounds checks (in checked mode) and returns what to load or store.
    func checked(_ l: inout FunctionLowerer) -> (ValueID, [ValueID]) {
        l.checkBounds(array: array, indices: indices, firstAxis: 0, at: pos)
        return (array, indices)
    }
}

extension FunctionLowerer {
    /// Evaluates the array and the indices of an element access, without checking.
    mutating func lowerElementAddress(base: ExprID, indices: [ExprID]) -> ElementRef {
        let array = lowerExpr(base)
        let idx = indices.map { lowerIndex($0) }
        guard case .array(let kind, _) = b.type(of: array) else {
            return ElementRef(array: array, indices: idx, kind: .int64, pos: ast.exprs[base].range)
        }
        return ElementRef(array: array, indices: idx, kind: kind, pos: ast.exprs[base].range)
    }

    /// An index expression as an i64 (other integer types convert in index position).
    mutating func lowerIndex(_ e: ExprID) -> ValueID {
        let v = lowerExpr(e)
        if b.type(of: v) == .scalar(.int64) { return v }
        return b.emit(.convert(v), .scalar(.int64))
    }

    mutating func checkBounds(
        array: ValueID, indices: [ValueID], firstAxis: Int, at range: SourceRange
    ) {
        at(range)
        for (k, index) in indices.enumerated() {
            let axis = firstAxis + k
            let bound = b.emit(.dim(array, axis: axis), .scalar(.int64))
            b.emit(.checkBounds(index: index, bound: bound, axis: axis))
        }
    }

    /// `x[i...]` as an rvalue: an element, or a row view when fewer indices than the rank.
    mutating func lowerSubscript(_ e: ExprID, base: ExprID, indices: [ExprID]) -> ValueID {
        let ref = lowerElementAddress(base: base, indices: indices)
        guard case .array(let kind, let rank) = b.type(of: ref.array) else { return ref.array }
        let (array, idx) = ref.checked(&self)
        at(ast.exprs[e].range)
        if idx.count == rank {
            return b.emit(.loadElement(array, indices: idx), .scalar(kind))
        }
        var view = array
        var r = rank
        for i in idx {
            r -= 1
            view = b.emit(.subview(view, index: i), .array(kind, rank: r))
        }
        return view
    }
}
