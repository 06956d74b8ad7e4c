/// Codegen of the math built-ins (LANGUAGE.md §8), driven by the built-in table
/// (`MathFunction.entry`): a function backed by a C function becomes a libmvec-annotated
/// call when vector math allows it, else the entry's LLVM intrinsic (so the vectorizer can
/// widen it), else a call of its C symbol (`tan`, `atan2f`, …). The `InlineMath` cases are
/// generated here: integer abs/min/max, the floating classification properties, and
/// floating `min`/`max` exactly as Swift's: `min(x, y)` is `y < x ? y : x` and `max(x, y)`
/// is `y >= x ? y : x` (so NaN and ±0 behave as in Swift).
import KernBasics
import KernIR

extension Codegen {
    func math(_ op: MathFunction, _ args: [ValueID], flags: FloatFlags) -> LLVMValue {
        let xs = args.map(value)
        let kind = scalarKind(args[0])
        let t = llvmType(kind)
        switch op.entry.implementation {
        case .function(let f, let intrinsic):
            if let call = vectorizableMath(op, kind, xs, flags) { return call }
            if let intrinsic { return self.intrinsic(intrinsic, t, xs, flags) }
            return libm(f.symbol(for: kind), kind, xs, flags)
        case .inline(let m):
            return inlineMath(m, kind, t, xs, flags)
        }
    }

    /// One in-line case on operands of `kind` whose LLVM type is `t`: a scalar type, or a
    /// vector of it (SPMD lanes; floating cases only).
    func inlineMath(
        _ m: InlineMath, _ kind: ScalarType, _ t: LLVMType, _ xs: [LLVMValue], _ flags: FloatFlags
    ) -> LLVMValue {
        switch m {
        case .abs:
            if kind.isFloating { return intrinsic("llvm.fabs", t, xs, flags) }
            if !kind.isSigned { return xs[0] }
            // abs(T.min) wraps to T.min, consistent with wrapping negation.
            let (fn, type) = module.intrinsic("llvm.abs", [t])
            return b.call(type, fn, [xs[0], ctx.falseValue])
        case .min, .max:
            let isMin = m == .min
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
        case .copysign:
            // A NaN sign source counts as positive (InlineMath.copysign says why).
            let signed = intrinsic("llvm.copysign", t, xs, flags)
            let magnitude = intrinsic("llvm.fabs", t, [xs[0]], flags)
            return b.flag(b.select(b.fcmp(.uno, xs[1], xs[1], flags), magnitude, signed), flags)
        }
    }

    private func intrinsic(_ name: String, _ t: LLVMType, _ xs: [LLVMValue], _ flags: FloatFlags)
        -> LLVMValue
    {
        let (fn, type) = module.intrinsic(name, [t])
        return b.flag(b.call(type, fn, xs), flags)
    }

    /// A C math function (`symbol` from the built-in table: `exp`, `expf`, …) on operands
    /// of `kind`, declared without memory effects: Kern never observes errno, so LLVM may
    /// hoist, combine and drop these calls like the intrinsics.
    func libm(_ symbol: String, _ kind: ScalarType, _ xs: [LLVMValue], _ flags: FloatFlags)
        -> LLVMValue
    {
        let t = llvmType(kind)
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
