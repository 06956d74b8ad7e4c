/// What Kern's own strict-mode SIMD math functions (Codegen+StrictExp, +StrictSinCos)
/// share: the scalar libm call that offers them to the loop vectorizer as vector
/// variants, and the definition of an internal `<lanes x double> (<lanes x double>)`
/// function with the constants and intrinsics its body needs.
import KernIR

/// Vector types and splatted constants of one lane count, for writing a vector body.
struct VectorLanes {
    let lanes: Int
    let f64: LLVMType
    let i64: LLVMType
    private let ctx: Context

    init(_ ctx: Context, lanes: Int) {
        self.lanes = lanes
        f64 = ctx.vectorType(ctx.f64, lanes: lanes)
        i64 = ctx.vectorType(ctx.i64, lanes: lanes)
        self.ctx = ctx
    }

    func splat(_ v: LLVMValue) -> LLVMValue {
        ctx.constVector(Array(repeating: v, count: lanes))
    }
    /// `v` in every Double lane.
    func c(_ v: Double) -> LLVMValue { splat(ctx.constReal(ctx.f64, v)) }
    /// `v` in every Int64 lane.
    func ci(_ v: Int64) -> LLVMValue { splat(ctx.constInt(ctx.i64, signed: v)) }
}

extension Codegen {
    /// The scalar libm `name` call on a Double, annotated with Kern's vector versions for
    /// the target's vector ISAs (`define(lanes)` defines one and returns its name), or
    /// nil on targets without AVX2/AVX-512.
    func libmCallWithStrictVariants(
        _ name: String, _ x: LLVMValue, _ flags: FloatFlags, define: (Int) -> String
    ) -> LLVMValue? {
        let widths = target.vectorISAs.map { $0.bits / 64 }
        if widths.isEmpty { return nil }
        let mapping = widths.map { lanes in "_ZGV_LLVM_N\(lanes)v_\(name)(\(define(lanes)))" }
        let call = libm(name, .double, [x], flags)
        module.addCallSiteAttribute(
            call, ctx.stringAttribute("vector-function-abi-variant", mapping.joined(separator: ","))
        )
        return call
    }

    /// Defines (once) the internal pure function `<lanes x double> name(<lanes x double>)`
    /// and returns `name`. `body` gets the function, positioned in its entry block; the
    /// builder's position is restored afterwards.
    func defineStrictVectorFunction(
        _ name: String, lanes: Int, body: (_ fn: LLVMValue, _ v: VectorLanes) -> Void
    ) -> String {
        if module.function(named: name) != nil { return name }
        let v = VectorLanes(ctx, lanes: lanes)
        let fn = module.addFunction(name, ctx.functionType(v.f64, [v.f64]))
        module.setLinkage(fn, .internal)
        addCommonAttributes(fn)
        for attribute in ["willreturn", "nosync", "nofree"] {
            module.addAttribute(fn, param: nil, ctx.enumAttribute(attribute))
        }
        // Libm calls inside (a cold fallback) are declared memory(none) like every Kern
        // libm call, so the function as a whole touches no memory.
        module.addAttribute(fn, param: nil, ctx.enumAttribute("memory", 0))
        vectorVariants.append(fn)  // kept alive until the vectorizer has run

        let saved = b.block
        defer { b.position(at: saved) }
        b.position(at: module.appendBlock(fn, "entry"))
        body(fn, v)
        return name
    }

    /// A call of the vector overload of an LLVM intrinsic (`llvm.fma`, `llvm.rint`, …).
    func vectorIntrinsic(_ name: String, _ v: VectorLanes, _ args: [LLVMValue]) -> LLVMValue {
        let (f, t) = module.intrinsic(name, [v.f64])
        return b.call(t, f, args)
    }
}
