#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Kern's math built-ins (LANGUAGE.md §8): THE table. One case per function or floating
/// property, declared once in `entry` below; every stage reads it:
///
/// - Sema resolves names (`MathFunction(callName:)`, `MathFunction(propertyName:)`) and
///   checks arity and operand types (`entry.arity`, `entry.operands`);
/// - IRGen emits `Op.math(fn, args)` with the same enum, the IR printer and parser spell
///   it `math.<irName>`, the verifier checks arity, operand and result types;
/// - the interpreter calls `entry.implementation`'s C function (or its one switch over
///   `InlineMath`); codegen calls the same symbol (or the LLVM intrinsic, or libmvec when
///   `vectorAccuracy` allows), the JIT maps every symbol to its address;
/// - the REPL completes `callNames`.
///
/// Adding a function that libm (or Kern's own `KernMath`) provides is one line in `entry`:
/// the exhaustive switches elsewhere only cover `InlineMath`, whose cases each stage must
/// implement itself (docs/architecture.md, "New builtin").
public enum MathFunction: Sendable, Hashable, CaseIterable {
    case sqrt, cbrt, exp, exp2, expm1, log, log2, log10, log1p
    case sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh
    case sinpi, cospi
    case pow, hypot, erf, erfc, floor, ceil, round, trunc, fma, copysign
    case abs, min, max
    case isNaN, isInfinite, isFinite

    /// Everything the stages need to know about one built-in (computed once).
    public var entry: MathEntry {
        guard let e = Self.entries[self] else {
            preconditionFailure("KernBasics: no table entry for \(self)")
        }
        return e
    }

    private static let entries: [MathFunction: MathEntry] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0, tableEntry($0)) })

    /// The function called `name` (`sqrt(x)`), if it is one.
    public init?(callName name: String) {
        guard let f = Self.byCallName[name] else { return nil }
        self = f
    }

    /// The floating property called `name` (`x.isNaN`), if it is one.
    public init?(propertyName name: String) {
        guard
            let f = Self.allCases.first(where: {
                $0.entry.syntax == .property && $0.entry.name == name
            })
        else { return nil }
        self = f
    }

    /// The function spelled `name` after `math.` in IR text.
    public init?(irName name: String) {
        guard let f = Self.allCases.first(where: { $0.entry.irName == name }) else { return nil }
        self = f
    }

    private static let byCallName: [String: MathFunction] = Dictionary(
        uniqueKeysWithValues: allCases.filter { $0.entry.syntax == .call }.map {
            ($0.entry.name, $0)
        })

    /// The names of the callable functions, in table order (for diagnostics and completion).
    public static var callNames: [String] {
        allCases.filter { $0.entry.syntax == .call }.map(\.entry.name)
    }

    /// The names of the floating properties (`isNaN`, …).
    public static var propertyNames: [String] {
        allCases.filter { $0.entry.syntax == .property }.map(\.entry.name)
    }

    /// The Kern name (`sqrt`, `isNaN`).
    public var name: String { entry.name }
    /// The IR text spelling (`sqrt`, `isnan`).
    public var irName: String { entry.irName }
}

/// The table itself. At file scope, so that `sqrt`, `sinf`, … name the C functions rather
/// than `MathFunction`'s cases.
private func tableEntry(_ f: MathFunction) -> MathEntry {
    // (name, implementation, LLVM intrinsic the back end prefers, libmvec accuracy)
    switch f {
    case .sqrt: .c(.sqrt, .unary(sqrt, sqrtf), intrinsic: "llvm.sqrt")
    case .cbrt: .c(.cbrt, .unary(cbrt, cbrtf), vector: (4, 4, 3, 2))
    case .exp: .c(.exp, .unary(exp, expf), intrinsic: "llvm.exp", vector: (3, 3, 3, 3))
    case .exp2: .c(.exp2, .unary(exp2, exp2f), intrinsic: "llvm.exp2", vector: (2, 1, 1, 1))
    case .expm1: .c(.expm1, .unary(expm1, expm1f), vector: (3, 2, 2, 2))
    case .log: .c(.log, .unary(log, logf), intrinsic: "llvm.log", vector: (1, 1, 4, 4))
    case .log2: .c(.log2, .unary(log2, log2f), intrinsic: "llvm.log2", vector: (1, 2, 2, 2))
    case .log10:
        .c(.log10, .unary(log10, log10f), intrinsic: "llvm.log10", vector: (2, 2, 2, 2))
    case .log1p: .c(.log1p, .unary(log1p, log1pf), vector: (1, 2, 2, 2))
    case .sin: .c(.sin, .unary(sin, sinf), intrinsic: "llvm.sin", vector: (3, 3, 2, 2))
    case .cos: .c(.cos, .unary(cos, cosf), intrinsic: "llvm.cos", vector: (3, 3, 2, 2))
    case .tan: .c(.tan, .unary(tan, tanf), vector: (3, 3, 3, 3))
    case .asin: .c(.asin, .unary(asin, asinf), vector: (3, 3, 3, 3))
    case .acos: .c(.acos, .unary(acos, acosf), vector: (2, 2, 2, 2))
    case .atan: .c(.atan, .unary(atan, atanf), vector: (1, 1, 2, 2))
    case .atan2: .c(.atan2, .binary(atan2, atan2f), vector: (2, 2, 3, 3))
    case .sinh: .c(.sinh, .unary(sinh, sinhf), vector: (2, 2, 2, 2))
    case .cosh: .c(.cosh, .unary(cosh, coshf), vector: (2, 2, 2, 2))
    case .tanh: .c(.tanh, .unary(tanh, tanhf), vector: (3, 3, 2, 3))
    // Kern's own (KernMath.swift): not in glibc 2.36's libm, no libmvec variants.
    case .sinpi:
        .c(
            "sinpi",
            CMathFunction(double: "kern_sinpi", float: "kern_sinpif", .unary(kernSinPi, kernSinPiF))
        )
    case .cospi:
        .c(
            "cospi",
            CMathFunction(double: "kern_cospi", float: "kern_cospif", .unary(kernCosPi, kernCosPiF))
        )
    case .pow: .c(.pow, .binary(pow, powf), intrinsic: "llvm.pow", vector: (1, 1, 1, 1))
    case .hypot: .c(.hypot, .binary(hypot, hypotf), vector: (1, 1, 1, 1))
    case .erf: .c(.erf, .unary(erf, erff), vector: (2, 2, 2, 4))
    case .erfc: .c(.erfc, .unary(erfc, erfcf), vector: (4, 4, 3, 3))
    // `llvm.round` and C `round` round half away from zero, as Swift's `rounded()`.
    case .floor: .c(.floor, .unary(floor, floorf), intrinsic: "llvm.floor")
    case .ceil: .c(.ceil, .unary(ceil, ceilf), intrinsic: "llvm.ceil")
    case .round: .c(.round, .unary(round, roundf), intrinsic: "llvm.round")
    case .trunc: .c(.trunc, .unary(trunc, truncf), intrinsic: "llvm.trunc")
    case .fma: .c(.fma, .ternary(fma, fmaf), intrinsic: "llvm.fma")
    // In line rather than C `copysign`: a NaN sign source counts as positive (the
    // InlineMath case says why).
    case .copysign: .inline(.copysign, "copysign", arity: 2)
    // Defined for every number type (integer abs wraps: abs(T.min) == T.min), with
    // Swift's min/max semantics for NaN and ±0: no C function has them.
    case .abs: .inline(.abs, "abs", arity: 1, operands: .numbers)
    case .min: .inline(.min, "min", arity: 2, operands: .numbers)
    case .max: .inline(.max, "max", arity: 2, operands: .numbers)
    case .isNaN: .inline(.isNaN, "isNaN", ir: "isnan", syntax: .property, result: .bool)
    case .isInfinite:
        .inline(.isInfinite, "isInfinite", ir: "isinf", syntax: .property, result: .bool)
    case .isFinite:
        .inline(.isFinite, "isFinite", ir: "isfinite", syntax: .property, result: .bool)
    }
}

/// One row of the table.
public struct MathEntry: @unchecked Sendable {  // immutable; C function pointers
    public enum Syntax: Sendable, Hashable {
        /// `sqrt(x)`, `atan2(y, x)`: a call without labels.
        case call
        /// `x.isNaN`: a property of a floating value.
        case property
    }
    public enum Operands: Sendable, Hashable {
        /// All operands are one type, `Float` or `Double`.
        case floating
        /// All operands are one number type, floating or integer.
        case numbers
    }
    public enum Result: Sendable, Hashable {
        /// The operands' type.
        case operand
        case bool
    }
    public enum Implementation {
        /// A C function for Float and Double (libm, or Kern's own in `KernMath`): the
        /// interpreter calls it, codegen calls its symbol (or `intrinsic`, which LLVM lowers
        /// to that symbol or to an instruction), and the JIT maps the symbol to its address.
        case function(CMathFunction, intrinsic: String?)
        /// Computed in line: each stage implements these cases in one exhaustive switch.
        case inline(InlineMath)
    }

    /// Kern spelling: `sqrt`, `isNaN`.
    public let name: String
    /// IR text spelling, after `math.`: `sqrt`, `isnan`.
    public let irName: String
    public let syntax: Syntax
    public let arity: Int
    public let operands: Operands
    public let result: Result
    public let implementation: Implementation
    /// Largest error against libm, in ulp, of glibc libmvec's SIMD variants (AVX2 Double,
    /// AVX-512 Double, AVX2 Float, AVX-512 Float), measured by scripts/libmvec-accuracy.c
    /// on glibc 2.36 over 2·10^6 inputs per function (docs/vector-math.md). Nil: libmvec
    /// has no variant, loops calling the function are not vectorized through it.
    public let vectorAccuracy: LibmvecAccuracy?

    /// A row for a C function named like libm (`sin` / `sinf`).
    static func c(
        _ f: MathFunction, _ pointers: CMathFunction.Pointers, intrinsic: String? = nil,
        vector: (Int, Int, Int, Int)? = nil
    ) -> MathEntry {
        let name = "\(f)"
        return c(
            name, CMathFunction(double: name, float: name + "f", pointers), intrinsic: intrinsic,
            vector: vector)
    }

    /// A row for any C function (e.g. Kern's own, which libm lacks).
    static func c(
        _ name: String, _ function: CMathFunction, intrinsic: String? = nil,
        vector: (Int, Int, Int, Int)? = nil
    ) -> MathEntry {
        MathEntry(
            name: name, irName: name, syntax: .call, arity: function.pointers.arity,
            operands: .floating, result: .operand,
            implementation: .function(function, intrinsic: intrinsic),
            vectorAccuracy: vector.map {
                LibmvecAccuracy(d64: $0.0, e64: $0.1, d32: $0.2, e32: $0.3)
            })
    }

    static func inline(
        _ m: InlineMath, _ name: String, ir: String? = nil, syntax: Syntax = .call,
        arity: Int = 1, operands: Operands = .floating, result: Result = .operand
    ) -> MathEntry {
        MathEntry(
            name: name, irName: ir ?? name, syntax: syntax, arity: arity, operands: operands,
            result: result, implementation: .inline(m), vectorAccuracy: nil)
    }

    /// The C symbol called for operands of type `s` (`exp` / `expf`), nil for in-line cases.
    public func symbol(for s: ScalarType) -> String? {
        guard case .function(let f, _) = implementation else { return nil }
        return f.symbol(for: s)
    }
}

/// The math built-ins every stage computes in line (no C function has their semantics).
public enum InlineMath: Sendable, Hashable, CaseIterable {
    /// Floating: clears the sign. Integer: wrapping (`abs(T.min) == T.min`); unsigned: itself.
    case abs
    /// Swift's `min`/`max`: `min(x, y)` is `y < x ? y : x`, `max(x, y)` is `y >= x ? y : x`
    /// (so NaN and ±0 behave as in Swift); integers compare by their signedness.
    case min, max
    /// Floating classification (`x.isNaN`, …), a `Bool`.
    case isNaN, isInfinite, isFinite
    /// `copysign(x, y)`: `x`'s magnitude with `y`'s sign, and with a plus sign when `y` is a
    /// NaN. IEEE 754 leaves the sign of a NaN that an operation produces open (x86 gives
    /// `0/0` a minus sign, LLVM's constant folder a plus sign), so C's `copysign` would make
    /// `copysign(1, 0.0 / 0.0)` depend on whether the division was folded: on the
    /// optimization level, or interpreter against compiled code. Kern's results do not.
    case copysign
}

/// Accuracy of libmvec's variants of one function, in ulp from libm.
public struct LibmvecAccuracy: Sendable, Hashable {
    public let d64: Int
    public let e64: Int
    public let d32: Int
    public let e32: Int
}

/// A C function on Double and Float: its two symbols and their addresses in this process.
public struct CMathFunction: @unchecked Sendable {  // immutable; C function pointers
    /// The functions themselves, by arity.
    public enum Pointers {
        case unary(@convention(c) (Double) -> Double, @convention(c) (Float) -> Float)
        case binary(
            @convention(c) (Double, Double) -> Double, @convention(c) (Float, Float) -> Float)
        case ternary(
            @convention(c) (Double, Double, Double) -> Double,
            @convention(c) (Float, Float, Float) -> Float)

        public var arity: Int {
            switch self {
            case .unary: 1
            case .binary: 2
            case .ternary: 3
            }
        }
    }

    /// Symbol of the Double function (`exp`).
    public let double: String
    /// Symbol of the Float function (`expf`).
    public let float: String
    public let pointers: Pointers

    init(double: String, float: String, _ pointers: Pointers) {
        self.double = double
        self.float = float
        self.pointers = pointers
    }

    /// The symbol for operands of type `s`; only `Float` and `Double` have one.
    public func symbol(for s: ScalarType) -> String {
        switch s {
        case .float: return float
        case .double: return double
        case .bool, .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64:
            preconditionFailure("KernBasics: C math function \(double) called on \(s)")
        }
    }

    /// (symbol, address) of both functions, for the JIT's symbol map.
    public var symbols: [(String, UInt)] {
        func address<F>(_ f: F) -> UInt {
            UInt(bitPattern: unsafeBitCast(f, to: UnsafeRawPointer.self))
        }
        switch pointers {
        case .unary(let d, let f): return [(double, address(d)), (float, address(f))]
        case .binary(let d, let f): return [(double, address(d)), (float, address(f))]
        case .ternary(let d, let f): return [(double, address(d)), (float, address(f))]
        }
    }

    /// The Double function applied to `args` (as many as `pointers.arity`).
    public func callAsFunction(_ args: [Double]) -> Double {
        precondition(
            args.count == pointers.arity, "KernBasics: \(double) takes \(pointers.arity) arguments")
        switch pointers {
        case .unary(let d, _): return d(args[0])
        case .binary(let d, _): return d(args[0], args[1])
        case .ternary(let d, _): return d(args[0], args[1], args[2])
        }
    }

    /// The Float function applied to `args` (as many as `pointers.arity`).
    public func callAsFunction(_ args: [Float]) -> Float {
        precondition(
            args.count == pointers.arity, "KernBasics: \(float) takes \(pointers.arity) arguments")
        switch pointers {
        case .unary(_, let f): return f(args[0])
        case .binary(_, let f): return f(args[0], args[1])
        case .ternary(_, let f): return f(args[0], args[1], args[2])
        }
    }
}
