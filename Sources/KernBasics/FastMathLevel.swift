/// How much floating-point freedom the optimizer gets (LANGUAGE.md §10, docs/vector-math.md).
///
/// - `strict` (default): IEEE semantics; only parallel reductions get `reassoc`; vector
///   math only where the SIMD variant is within 2 ulp of libm.
/// - `balanced` (`--fast-math`): reassociation, contraction (FMA), no signed zeros,
///   reciprocals and approximate functions; NaN and infinity keep their meaning, so
///   `isNaN`/`isInfinite` keep working (like ISPC's default).
/// - `aggressive` (`--fast-math-level aggressive`): also assumes no NaN and no infinity
///   (`nnan ninf`), which lets LLVM fold `isNaN`/`isInfinite` checks away; the compiler
///   warns at every such check.
public enum FastMathLevel: String, Sendable, Hashable, CaseIterable {
    /// The levels, from least to most freedom (see the type's description).
    /// IEEE semantics (the default).
    case strict
    /// `--fast-math`: reassociation, contraction, approximations; NaN and infinity kept.
    case balanced
    /// Also assumes no NaN and no infinity (`isNaN` checks may fold away; warned).
    case aggressive
}
