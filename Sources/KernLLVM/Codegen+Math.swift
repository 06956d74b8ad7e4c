/// Codegen of the math built-ins (LANGUAGE.md §8): LLVM intrinsics where they exist
/// (so the vectorizer can widen them), libm calls otherwise (`cbrt`, `tan`, `atan2`, …;
/// the `f` variant for Float), integer abs/min/max, and the floating classification
/// properties. `min`/`max` on floats follow Swift exactly: `min(x, y)` is
/// `y < x ? y : x` and `max(x, y)` is `y >= x ? y : x` (so NaN and ±0 behave as in Swift).
import KernIR

extension Codegen {
    func math(_ op: MathOpcode, _ args: [ValueID], flags: FloatFlags) -> LLVMValue {
        let xs = args.map(value)
        let kind = scalarKind(args[0])
        let t = llvmType(kind)
        if let call = vectorizableMath(op, kind, xs, flags) { return call }
        switch op {
        case .sqrt, .exp, .exp2, .log, .log2, .log10, .sin, .cos, .floor, .ceil, .round, .trunc:
            // `llvm.round` rounds half away from zero, as Swift's `rounded()`.
            return intrinsic("llvm." + op.rawValue, t, xs, flags)
        case .pow, .copysign, .fma:
            return intrinsic("llvm." + op.rawValue, t, xs, flags)
        case .cbrt, .expm1, .log1p, .tan, .asin, .acos, .atan, .atan2, .sinh, .cosh, .tanh,
            .hypot, .erf, .erfc:
            return libm(op.rawValue, kind, xs, flags)
        case .abs:
            if kind.isFloating { return intrinsic("llvm.fabs", t, xs, flags) }
            if !kind.isSigned { return xs[0] }
            // abs(T.min) wraps to T.min, consistent with wrapping negation.
            let (fn, type) = module.intrinsic("llvm.abs", [t])
            return b.call(type, fn, [xs[0], ctx.falseValue])
        case .min, .max:
            let isMin = op == .min
            if kind.isFloating {
                let (x, y) = (xs[0], xs[1])
                let takeY = b.fcmp(isMin ? .olt : .oge, y, x, flags)
                return b.flag(b.select(takeY, y, x), flags)
            }
            let name =
                kind.isSigned
                ? (isMin ? "llvm.smin" : "llvm.smax") : (isMin ? "llvm.umin" : "llvm.umax")
            let (fn, type) = module.intrinsic(name, [t])
            return b.call(type, fn, xs)
        case .isNaN:
            return b.fcmp(.uno, xs[0], xs[0])
        case .isInfinite:
            let magnitude = intrinsic("llvm.fabs", t, xs, .strict)
            return b.fcmp(.oeq, magnitude, ctx.constReal(t, .infinity))
        case .isFinite:
            let magnitude = intrinsic("llvm.fabs", t, xs, .strict)
            return b.fcmp(.olt, magnitude, ctx.constReal(t, .infinity))
        }
    }

    private func intrinsic(_ name: String, _ t: LLVMType, _ xs: [LLVMValue], _ flags: FloatFlags)
        -> LLVMValue
    {
        let (fn, type) = module.intrinsic(name, [t])
        return b.flag(b.call(type, fn, xs), flags)
    }

    /// A libm function, declared without memory effects: Kern never observes errno, so
    /// LLVM may hoist, combine and drop these calls like the intrinsics.
    func libm(_ name: String, _ kind: ScalarKind, _ xs: [LLVMValue], _ flags: FloatFlags)
        -> LLVMValue
    {
        let t = llvmType(kind)
        let symbol = kind == .f32 ? name + "f" : name
        let type = ctx.functionType(t, Array(repeating: t, count: xs.count))
        let fn: LLVMValue
        if let existing = module.function(named: symbol) {
            fn = existing
        } else {
            fn = module.addFunction(symbol, type)
            for attribute in ["nounwind", "willreturn", "nosync", "nofree"] {
                module.addAttribute(fn, param: nil, ctx.enumAttribute(attribute))
            }
            module.addAttribute(fn, param: nil, ctx.enumAttribute("memory", 0))
        }
        return b.flag(b.call(type, fn, xs), flags)
    }
}
