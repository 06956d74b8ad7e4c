/// Kern's own SIMD `exp` for strict mode (docs/vector-math.md): libmvec's exp is 3 ulp
/// from libm, over the strict bound of 2. `kern_vexp_f64_<lanes>` is straight-line
/// vector code (no calls, no branches), measured ≤ 1 ulp from libm and exact on ±0,
/// ±inf, NaN, subnormals and at the overflow/underflow edges (VectorMathTests). Like a
/// libmvec function it is offered to the loop vectorizer as a variant of the scalar
/// `exp` call, so scalar code keeps calling libm (and agrees with the interpreter).
/// Float `exp` in strict mode runs it in Double and rounds once.
///
/// exp(x) = 2^k · e^r with k = rint(x / ln 2), r = x − k·ln 2 (two FMAs, ln 2 split in
/// a high and a low part), |r| ≤ ln2/2; e^r by its Taylor polynomial to degree 13
/// (truncation 4·10^-18 relative) in Horner form with FMAs; 2^k applied as two exact
/// power-of-two factors so that subnormal results are rounded only once.
import KernIR

extension Codegen {
    /// The scalar libm `exp` call annotated with Kern's vector versions for the target's
    /// vector ISAs, or nil on targets without AVX2/AVX-512.
    func strictExp(_ x: LLVMValue, _ flags: FloatFlags) -> LLVMValue? {
        libmCallWithStrictVariants("exp", x, flags) { strictVectorExp(lanes: $0) }
    }

    /// Defines (once) `<lanes x double> kern_vexp_f64_<lanes>(<lanes x double>)`; returns
    /// its name.
    private func strictVectorExp(lanes: Int) -> String {
        defineStrictVectorFunction("kern_vexp_f64_\(lanes)", lanes: lanes) { fn, v in
            let x = module.param(fn, 0)
            let isNaN = b.fcmp(.uno, x, x)
            // Clamp: beyond 710 / -746 the result is already inf / 0, and k must fit the
            // exponent field.
            var xc = b.select(b.fcmp(.ogt, x, v.c(710)), v.c(710), x)
            xc = b.select(b.fcmp(.olt, xc, v.c(-746)), v.c(-746), xc)
            xc = b.select(isNaN, v.c(0), xc)

            let k = vectorIntrinsic("llvm.rint", v, [b.fmul(xc, v.c(0x1.71547652b82fep0), .strict)])
            let minusK = b.fneg(k, .strict)
            var r = vectorIntrinsic("llvm.fma", v, [minusK, v.c(0x1.62e42fefa39efp-1), xc])
            r = vectorIntrinsic("llvm.fma", v, [minusK, v.c(0x1.abc9e3b39803fp-56), r])

            // 1/n!, n = 1...13, evaluated from the top in Horner form.
            var coefficients: [Double] = []
            var factorial = 1.0
            for n in 1...13 {
                factorial *= Double(n)
                coefficients.append(1 / factorial)
            }
            var p = v.c(coefficients[12])
            for n in stride(from: 11, through: 0, by: -1) {
                p = vectorIntrinsic("llvm.fma", v, [p, r, v.c(coefficients[n])])
            }
            p = vectorIntrinsic("llvm.fma", v, [p, r, v.c(1)])

            // 2^k = 2^k1 · 2^k2 with k1 = k >> 1: both factors are normal numbers.
            let ki = b.fptosi(k, v.i64)
            let k1 = b.ashr(ki, v.ci(1))
            let k2 = b.sub(ki, k1)
            func power(_ e: LLVMValue) -> LLVMValue {
                b.bitcast(b.shl(b.add(e, v.ci(1023)), v.ci(52)), v.f64)
            }
            let result = b.fmul(b.fmul(p, power(k1), .strict), power(k2), .strict)
            b.ret(b.select(isNaN, b.fadd(x, x, .strict), result))
        }
    }
}
