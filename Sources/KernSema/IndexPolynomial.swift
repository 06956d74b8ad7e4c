/// An integer polynomial over symbolic atoms, the form the race checker gives array
/// indices (`i * m + j + 1` is `{[i, m]: 1, [j]: 1, []: 1}`).
///
/// Atoms are strings: `v<n>` for the local with ID n, `p<k>` for a callee's k-th
/// parameter, `e(...)` for an opaque loop-invariant expression such as `x.count`.
/// Arithmetic wraps as Kern's `Int` does. Polynomials are kept small: an operation whose
/// result would have more than `maxTerms` monomials gives nil ("not analyzable"), so a
/// pathological index can never make the checker slow.
struct IndexPolynomial: Hashable {
    /// Monomial (sorted atom keys; `[]` is the constant term) → coefficient, never 0.
    private(set) var terms: [[String]: Int]

    static let maxTerms = 32

    init(constant: Int) {
        terms = constant == 0 ? [:] : [[]: constant]
    }

    init(atom: String) {
        terms = [[atom]: 1]
    }

    private init(terms: [[String]: Int]) {
        self.terms = terms.filter { $0.value != 0 }
    }

    static let zero = IndexPolynomial(constant: 0)

    /// The value when the polynomial has no atoms.
    var constantValue: Int? {
        if terms.isEmpty { return 0 }
        if terms.count == 1, let c = terms[[]] { return c }
        return nil
    }

    func mentions(_ atom: String) -> Bool {
        terms.keys.contains { $0.contains(atom) }
    }

    /// Every atom that occurs.
    var atoms: Set<String> {
        Set(terms.keys.flatMap { $0 })
    }

    static func + (a: IndexPolynomial, b: IndexPolynomial) -> IndexPolynomial? {
        var t = a.terms
        for (m, c) in b.terms { t[m, default: 0] &+= c }
        let result = IndexPolynomial(terms: t)
        return result.terms.count <= maxTerms ? result : nil
    }

    static func - (a: IndexPolynomial, b: IndexPolynomial) -> IndexPolynomial? {
        a + b.negated
    }

    var negated: IndexPolynomial {
        IndexPolynomial(terms: terms.mapValues { 0 &- $0 })
    }

    static func * (a: IndexPolynomial, b: IndexPolynomial) -> IndexPolynomial? {
        guard a.terms.count * b.terms.count <= maxTerms * 4 else { return nil }
        var t: [[String]: Int] = [:]
        for (ma, ca) in a.terms {
            for (mb, cb) in b.terms {
                t[(ma + mb).sorted(), default: 0] &+= ca &* cb
            }
        }
        let result = IndexPolynomial(terms: t)
        return result.terms.count <= maxTerms ? result : nil
    }

    /// Splits the polynomial into `coefficient * atom + rest` when the atom occurs at
    /// most once in every monomial (the polynomial is linear in it); nil otherwise.
    func linearSplit(_ atom: String) -> (coefficient: IndexPolynomial, rest: IndexPolynomial)? {
        var coefficient: [[String]: Int] = [:]
        var rest: [[String]: Int] = [:]
        for (m, c) in terms {
            let count = m.filter { $0 == atom }.count
            switch count {
            case 0: rest[m] = c
            case 1: coefficient[m.filter { $0 != atom }, default: 0] &+= c
            default: return nil
            }
        }
        return (IndexPolynomial(terms: coefficient), IndexPolynomial(terms: rest))
    }

    /// The polynomial with `atom` replaced by `value`; nil when it grows too large.
    func substituting(_ atom: String, with value: IndexPolynomial) -> IndexPolynomial? {
        var result = IndexPolynomial.zero
        for (m, c) in terms {
            var term = IndexPolynomial(constant: c)
            for factor in m {
                let f = factor == atom ? value : IndexPolynomial(atom: factor)
                guard let product = term * f else { return nil }
                term = product
            }
            guard let sum = result + term else { return nil }
            result = sum
        }
        return result
    }
}
