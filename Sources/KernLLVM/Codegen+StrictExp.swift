/// Kern's own `exp` for strict mode (docs/vector-math.md): libmvec's exp is 3 ulp from
/// libm, over the strict bound of 2, so strict loops would call scalar libm. This
/// version is straight-line code (no calls, no branches), so the loop vectorizer
/// widens it like any arithmetic; measured ≤ 1 ulp from libm, exact on ±0, ±inf, NaN,
/// subnormals and at the overflow/underflow edges (VectorMathTests). Float `exp` in
/// strict mode runs it in Double and rounds once.
///
/// exp(x) = 2^k · e^r with k = rint(x / ln 2), r = x − k·ln 2 (two FMAs, ln 2 split in
/// a high and a low part), |r| ≤ ln2/2; e^r by its Taylor polynomial to degree 13
/// (truncation 4·10^-18 relative) in Horner form with FMAs; 2^k applied as two exact
/// power-of-two factors so that subnormal results are rounded only once.
import CLLVM
import KernIR

extension Codegen {
    /// A call of the module's `kern_exp_f64` (always inlined), declared on first use.
    func strictExp(_ x: LLVMValue) -> LLVMValue {
        let type = ctx.functionType(ctx.f64, [ctx.f64])
        let fn = module.function(named: "kern_exp_f64") ?? defineStrictExp(type)
        return b.call(type, fn, [x])
    }

    private func defineStrictExp(_ type: LLVMType) -> LLVMValue {
        let fn = module.addFunction("kern_exp_f64", type)
        module.setLinkage(fn, .internal)
        addCommonAttributes(fn)
        for attribute in ["alwaysinline", "willreturn", "nosync", "nofree"] {
            module.addAttribute(fn, param: nil, ctx.enumAttribute(attribute))
        }
        module.addAttribute(fn, param: nil, ctx.enumAttribute("memory", 0))
        let saved = b.block
        defer { b.position(at: saved) }
        b.position(at: module.appendBlock(fn, "entry"))

        let f64 = ctx.f64
        let i64 = ctx.i64
        func c(_ v: Double) -> LLVMValue { ctx.constReal(f64, v) }
        func call(_ name: String, _ args: [LLVMValue]) -> LLVMValue {
            let (f, t) = module.intrinsic(name, [f64])
            return b.call(t, f, args)
        }
        let x = module.param(fn, 0)
        let isNaN = b.fcmp(.uno, x, x)
        // Clamp: beyond ±746 the result is already inf / 0, and k must fit the exponent.
        var xc = b.select(b.fcmp(.ogt, x, c(710)), c(710), x)
        xc = b.select(b.fcmp(.olt, xc, c(-746)), c(-746), xc)
        xc = b.select(isNaN, c(0), xc)

        let k = call("llvm.rint", [b.fmul(xc, c(0x1.71547652b82fep0), .strict)])
        let minusK = b.fneg(k, .strict)
        var r = call("llvm.fma", [minusK, c(0x1.62e42fefa39efp-1), xc])
        r = call("llvm.fma", [minusK, c(0x1.abc9e3b39803fp-56), r])

        // Taylor coefficients 1/n!, n = 13 down to 1.
        var coefficients: [Double] = []
        var factorial = 1.0
        for n in 1...13 {
            factorial *= Double(n)
            coefficients.append(1 / factorial)
        }
        var p = c(coefficients[12])
        for n in stride(from: 11, through: 0, by: -1) {
            p = call("llvm.fma", [p, r, c(coefficients[n])])
        }
        p = call("llvm.fma", [p, r, c(1)])

        // 2^k = 2^k1 · 2^k2, k1 = k >> 1: both factors are normal numbers.
        let ki = LLVMBuildFPToSI(b.ref, k, i64, "")!
        let k1 = b.ashr(ki, ctx.constInt(i64, 1))
        let k2 = b.sub(ki, k1)
        func power(_ e: LLVMValue) -> LLVMValue {
            let bits = b.shl(b.add(e, ctx.constInt(i64, 1023)), ctx.constInt(i64, 52))
            return LLVMBuildBitCast(b.ref, bits, f64, "")!
        }
        let result = b.fmul(b.fmul(p, power(k1), .strict), power(k2), .strict)
        b.ret(b.select(isNaN, b.fadd(x, x, .strict), result))
        return fn
    }
}
