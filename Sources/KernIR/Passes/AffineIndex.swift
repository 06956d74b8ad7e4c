/// Affine forms of i64 values relative to one `for` loop, for bounds-check hoisting.
/// In: a function, the loop, and the definitions inside the loop body. Out: for an index
/// or bound value, `coefficient * induction + Σ c_k * atom_k + constant`, where every atom
/// is a value defined before the loop or the extent of an array defined before the
/// loop — so the form can be evaluated once, before the loop. `nil` when the value is
/// not such a form (a loaded value, a division, a conversion...).
///
/// Sizes are capped so the mathematical value of the form equals the wrapping i64
/// arithmetic the IR performs: coefficients ≤ 2^10, constants ≤ 2^40 in magnitude, at
/// most 4 atoms. (Comparisons use `magnitude`: `abs(Int64.min)` would trap.) `RangeTest` adds runtime guards that every atom and loop bound is
/// within ±2^40, which keeps every intermediate sum below 2^53.
struct AffineForm: Hashable {
    var coefficient: Int64 = 0
    var terms: [AffineAtom: Int64] = [:]
    var constant: Int64 = 0

    static let maxCoefficient: Int64 = 1 << 10
    static let maxMagnitude: Int64 = 1 << 40
    static let maxTerms = 4

    var isInvariant: Bool { coefficient == 0 }

    static func + (a: AffineForm, b: AffineForm) -> AffineForm? {
        var r = a
        r.coefficient += b.coefficient
        for (atom, c) in b.terms { r.terms[atom, default: 0] += c }
        r.terms = r.terms.filter { $0.value != 0 }
        r.constant += b.constant
        return r.withinLimits ? r : nil
    }

    func scaled(by k: Int64) -> AffineForm? {
        guard k.magnitude <= Self.maxMagnitude.magnitude else { return nil }
        let (c, o1) = coefficient.multipliedReportingOverflow(by: k)
        let (k0, o2) = constant.multipliedReportingOverflow(by: k)
        guard !o1, !o2 else { return nil }
        var r = AffineForm(coefficient: c, terms: [:], constant: k0)
        for (atom, t) in terms {
            let (p, o) = t.multipliedReportingOverflow(by: k)
            guard !o else { return nil }
            if p != 0 { r.terms[atom] = p }
        }
        return r.withinLimits ? r : nil
    }

    var withinLimits: Bool {
        coefficient.magnitude <= Self.maxCoefficient.magnitude
            && constant.magnitude <= Self.maxMagnitude.magnitude
            && terms.count <= Self.maxTerms
            && terms.values.allSatisfy { $0.magnitude <= Self.maxCoefficient.magnitude }
    }

    /// The form without its induction part (the value at induction 0).
    var offset: AffineForm { AffineForm(coefficient: 0, terms: terms, constant: constant) }
}

/// A loop-invariant i64 the test reads before the loop.
enum AffineAtom: Hashable, Comparable {
    /// A scalar defined before the loop.
    case value(ValueID)
    /// `dim array, axis` of an array defined before the loop (rematerialized before it).
    case dim(ValueID, axis: Int)

    static func < (a: AffineAtom, b: AffineAtom) -> Bool {
        switch (a, b) {
        case (.value(let x), .value(let y)): return x < y
        case (.value, .dim): return true
        case (.dim, .value): return false
        case (.dim(let x, let i), .dim(let y, let j)): return (x.raw, i) < (y.raw, j)
        }
    }
}

/// Computes affine forms for the values used inside one loop.
struct AffineAnalysis {
    let function: Function
    let induction: ValueID
    /// Instructions defined inside the loop body (nested blocks included), by result.
    let inside: [ValueID: Op]
    private var memo: [ValueID: AffineForm?] = [:]

    init(function: Function, loop: ForLoop) {
        self.function = function
        self.induction = loop.induction
        inside = loop.body.definitions()
    }

    mutating func form(_ v: ValueID) -> AffineForm? {
        if let known = memo[v] { return known }
        let f = compute(v)
        memo[v] = f
        return f
    }

    private mutating func compute(_ v: ValueID) -> AffineForm? {
        guard function.values[v] == .scalar(.int64) else { return nil }
        if v == induction { return AffineForm(coefficient: 1) }
        guard let op = inside[v] else { return AffineForm(terms: [.value(v): 1]) }
        switch op {
        case .constant(.integer(let bits)):
            let k = Int64(bitPattern: bits)
            return k.magnitude <= AffineForm.maxMagnitude.magnitude ? AffineForm(constant: k) : nil
        case .binary(.add, let a, let b):
            guard let x = form(a), let y = form(b) else { return nil }
            return x + y
        case .binary(.sub, let a, let b):
            guard let x = form(a), let y = form(b)?.scaled(by: -1) else { return nil }
            return x + y
        case .binary(.mul, let a, let b):
            guard let x = form(a), let y = form(b) else { return nil }
            if x.coefficient == 0, x.terms.isEmpty { return y.scaled(by: x.constant) }
            if y.coefficient == 0, y.terms.isEmpty { return x.scaled(by: y.constant) }
            return nil
        case .unary(.neg, let a):
            return form(a)?.scaled(by: -1)
        case .dim(let a, let axis) where inside[a] == nil:
            return AffineForm(terms: [.dim(a, axis: axis): 1])
        default:
            return nil
        }
    }
}
