/// Values of affine forms (AffineIndex.swift) emitted as instructions, each atom and
/// constant once: the range test before a versioned loop (RangeTest.swift) and the
/// checked fallback's per-iteration test (CheckedFallback.swift) both compute them.
struct AffineValues {
    private var atoms: [AffineAtom: ValueID] = [:]
    private var constants: [Int64: ValueID] = [:]
    /// Atoms emitted for the first time since the last `takeNewAtoms()` (the range test
    /// guards each one's magnitude).
    private var newAtoms: [ValueID] = []

    /// `f` (plus `extra`) computed with wrapping i64 arithmetic — the same value, modulo
    /// 2^64, as any expression the form was derived from — without multiplications by 1
    /// or additions of 0.
    mutating func value(
        of f: AffineForm, plus extra: ValueID? = nil, _ e: inout InstrEmitter
    ) -> ValueID {
        var sum = extra
        for (atom, c) in f.terms.sorted(by: { $0.key < $1.key }) {
            let term = scaled(atomValue(atom, &e), by: c, &e)
            sum = sum.map { e.binary(.add, $0, term) } ?? term
        }
        guard let sum else { return constant(f.constant, &e) }
        if f.constant == 0 { return sum }
        let k = constant(f.constant, &e)
        return e.binary(.add, sum, k)
    }

    /// `c * v`, or `v` itself when `c` is 1.
    mutating func scaled(_ v: ValueID, by c: Int64, _ e: inout InstrEmitter) -> ValueID {
        if c == 1 { return v }
        let factor = constant(c, &e)
        return e.binary(.mul, factor, v)
    }

    /// The i64 constant `k`, emitted on first use.
    mutating func constant(_ k: Int64, _ e: inout InstrEmitter) -> ValueID {
        if let v = constants[k] { return v }
        let v = e.i64(k)
        constants[k] = v
        return v
    }

    /// The atoms emitted since the last call, in emission order.
    mutating func takeNewAtoms() -> [ValueID] {
        defer { newAtoms = [] }
        return newAtoms
    }

    private mutating func atomValue(_ atom: AffineAtom, _ e: inout InstrEmitter) -> ValueID {
        if let v = atoms[atom] { return v }
        let v: ValueID
        switch atom {
        case .value(let x): v = x
        case .dim(let a, let axis): v = e.emit(.dim(a, axis: axis), .scalar(.int64))
        }
        atoms[atom] = v
        newAtoms.append(v)
        return v
    }
}
