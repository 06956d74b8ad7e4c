/// Math calls the loop vectorizer can widen to libmvec (VectorMathLibrary,
/// docs/vector-math.md). A call becomes the scalar libm function (`exp`, `expf`, …)
/// carrying the `vector-function-abi-variant` attribute that names its SIMD variants;
/// the variants are declared and kept alive through `llvm.compiler.used` until the
/// vectorizer has run. LLVM's own intrinsics (`llvm.exp`) would widen to `llvm.exp.v8f64`,
/// which the code generator splits back into scalar libm calls.
import KernBasics
import KernIR

extension Codegen {
    /// The annotated libm call for `op`, or nil when vector math is off or no variant
    /// is accurate enough for the fast-math level (the caller then emits its usual code).
    /// Strict Float functions without an accurate Float variant are computed through an
    /// accurate Double variant and rounded (e.g. `logf`: the Float variants are 4 ulp
    /// from libm, Double `log` rounded to Float is within 1).
    func vectorizableMath(
        _ op: MathFunction, _ kind: ScalarType, _ xs: [LLVMValue], _ flags: FloatFlags
    ) -> LLVMValue? {
        guard options.vectorMath, kind.isFloating, VectorMathLibrary.isAvailable,
            VectorMathLibrary.hasVariants(op)
        else { return nil }
        if let call = annotatedCall(op, kind, xs, flags) { return call }
        guard options.fastMathLevel == .strict, !target.vectorISAs.isEmpty else { return nil }
        if op == .exp {
            // Kern's own SIMD exp (Codegen+StrictExp): within 1 ulp of libm.
            if kind == .double { return strictExp(xs[0], flags) }
            return strictExp(b.fpext(xs[0], ctx.f64), flags).map { b.fptrunc($0, ctx.f32) }
        }
        if (op == .sin || op == .cos) && kind == .double {
            // Kern's own SIMD sin/cos (Codegen+StrictSinCos): within 1 ulp of libm.
            return strictSinCos(op, xs[0], flags)
        }
        guard kind == .float else { return nil }
        let wide = xs.map { b.fpext($0, ctx.f64) }
        guard let call = annotatedCall(op, .double, wide, flags) else { return nil }
        return b.fptrunc(call, ctx.f32)
    }

    private func annotatedCall(
        _ op: MathFunction, _ kind: ScalarType, _ xs: [LLVMValue], _ flags: FloatFlags
    ) -> LLVMValue? {
        let bound =
            options.fastMathLevel == .strict ? VectorMathLibrary.strictMaxULP : Int.max
        let variants = VectorMathLibrary.variants(op, kind, isas: target.vectorISAs, maxULP: bound)
        if variants.isEmpty { return nil }
        for variant in variants { declareVariant(variant, kind) }
        guard let symbol = op.entry.symbol(for: kind) else { return nil }
        let call = libm(symbol, kind, xs, flags)
        let mapping = variants.map(\.abiVariant).joined(separator: ",")
        module.addCallSiteAttribute(
            call, ctx.stringAttribute("vector-function-abi-variant", mapping))
        return call
    }

    /// Declares a SIMD variant once (`<8 x double> @_ZGVeN8v_exp(<8 x double>)`).
    private func declareVariant(_ variant: VectorVariant, _ kind: ScalarType) {
        if module.function(named: variant.symbol) != nil { return }
        let vector = ctx.vectorType(llvmType(kind), lanes: variant.lanes)
        let type = ctx.functionType(vector, Array(repeating: vector, count: variant.arity))
        let fn = module.addFunction(variant.symbol, type)
        for attribute in ["nounwind", "willreturn", "nosync", "nofree"] {
            module.addAttribute(fn, param: nil, ctx.enumAttribute(attribute))
        }
        module.addAttribute(fn, param: nil, ctx.enumAttribute("memory", 0))
        vectorVariants.append(fn)
    }

    /// `@llvm.compiler.used` listing the declared variants: without it the optimizer
    /// drops the unused declarations before the loop vectorizer looks for them.
    func emitCompilerUsed() {
        if vectorVariants.isEmpty { return }
        module.addCompilerUsed(vectorVariants)
    }
}
