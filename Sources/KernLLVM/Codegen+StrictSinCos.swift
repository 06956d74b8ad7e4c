/// Kern's own SIMD `sin` and `cos` for strict mode (docs/vector-math.md): libmvec's
/// Double sin/cos are 3 ulp from libm, over the strict bound of 2.
/// `kern_vsin_f64_<lanes>` / `kern_vcos_f64_<lanes>` follow Codegen+StrictExp: internal
/// vector functions offered to the loop vectorizer as variants of the scalar libm call,
/// so scalar code keeps calling libm (and agrees with the interpreter). Float sin/cos
/// need nothing: libmvec's Float variants are within 2 ulp.
///
/// Algorithm (fdlibm): n = rint(x·2/π); r = x − n·π/2 with π/2 = P1 + P2 + P3 (the
/// first product exact by FMA, the second with its exact error by FMA + 2Sum), kept as a
/// double-double (y0, y1); fdlibm's __kernel_sin / __kernel_cos minimax polynomials on
/// |r| ≤ π/4; n mod 4 picks the polynomial and the sign. Lanes below 2^-26 return x
/// (sin), below 2^-27 1 (cos), as glibc does, which keeps ±0 and subnormals exact.
/// Lanes beyond 2^20·π/2 (where this reduction is no longer proven accurate), ±inf and
/// NaN take a cold block that calls scalar libm, so their results are exactly libm's.
import KernBasics
import KernIR

extension Codegen {
    /// The scalar libm `sin` / `cos` call annotated with Kern's vector versions for the
    /// target's vector ISAs, or nil on targets without AVX2/AVX-512.
    func strictSinCos(_ op: MathFunction, _ x: LLVMValue, _ flags: FloatFlags) -> LLVMValue? {
        precondition(op == .sin || op == .cos)
        return libmCallWithStrictVariants(op.name, x, flags) {
            strictVectorSinCos(op, lanes: $0)
        }
    }

    /// Defines (once) `<lanes x double> kern_v<op>_f64_<lanes>(<lanes x double>)`;
    /// returns its name.
    private func strictVectorSinCos(_ op: MathFunction, lanes: Int) -> String {
        let isCos = op == .cos
        return defineStrictVectorFunction("kern_v\(op.name)_f64_\(lanes)", lanes: lanes) {
            fn, v in
            let cold = module.appendBlock(fn, "libm")
            let done = module.appendBlock(fn, "done")
            let mask = ctx.int(bits: lanes)
            func c(_ d: Double) -> LLVMValue { v.c(d) }
            func ci(_ i: Int64) -> LLVMValue { v.ci(i) }
            func call(_ intrinsic: String, _ args: [LLVMValue]) -> LLVMValue {
                vectorIntrinsic(intrinsic, v, args)
            }
            func fma(_ a: LLVMValue, _ m: LLVMValue, _ s: LLVMValue) -> LLVMValue {
                call("llvm.fma", [a, m, s])
            }
            func add(_ a: LLVMValue, _ c: LLVMValue) -> LLVMValue { b.fadd(a, c, .strict) }
            func sub(_ a: LLVMValue, _ c: LLVMValue) -> LLVMValue { b.fsub(a, c, .strict) }
            func mul(_ a: LLVMValue, _ c: LLVMValue) -> LLVMValue { b.fmul(a, c, .strict) }

            let x = module.param(fn, 0)
            let ax = call("llvm.fabs", [x])
            // False for NaN: those lanes go to libm with ±inf and huge arguments.
            let inRange = b.fcmp(.ole, ax, c(0x1p20 * (Double.pi / 2)))
            let xc = b.select(inRange, x, c(0))

            // Reduction. x − n·P1 is exact: both are multiples of 2^-53 once n ≠ 0, and the
            // difference is below 1.
            let n = call("llvm.rint", [mul(xc, c(0x1.45f306dc9c883p-1))])
            let minusN = b.fneg(n, .strict)
            let r1 = fma(minusN, c(0x1.921fb54442d18p0), xc)
            let p = mul(n, c(0x1.1a62633145c07p-54))
            let pError = fma(n, c(0x1.1a62633145c07p-54), b.fneg(p, .strict))  // n·P2 − p
            let r2 = sub(r1, p)
            let virtualP = sub(r2, r1)  // 2Sum: r1 − p = r2 + e exactly
            let e = add(sub(r1, sub(r2, virtualP)), sub(b.fneg(p, .strict), virtualP))
            let tail = fma(minusN, c(-0x1.f1976b7ed8fbcp-110), sub(e, pError))
            let y0 = add(r2, tail)
            let y1 = add(sub(r2, y0), tail)

            // fdlibm __kernel_sin(y0, y1, 1).
            let z = mul(y0, y0)
            var sr = c(1.58969099521155010221e-10)
            for s in [
                -2.50507602534068634195e-08, 2.75573137070700676789e-06,
                -1.98412698298579493134e-04, 8.33333333332248946124e-03,
            ] {
                sr = fma(sr, z, c(s))
            }
            let zy0 = mul(z, y0)
            let sinInner = sub(mul(z, sub(mul(c(0.5), y1), mul(zy0, sr))), y1)
            let sinR = sub(y0, sub(sinInner, mul(zy0, c(-1.66666666666666324348e-01))))

            // fdlibm __kernel_cos(y0, y1).
            let w = mul(z, z)
            var cLow = c(2.48015872894767294178e-05)
            cLow = fma(cLow, z, c(-1.38888888888741095749e-03))
            cLow = fma(cLow, z, c(4.16666666666666019037e-02))
            var cHigh = c(-1.13596475577881948265e-11)
            cHigh = fma(cHigh, z, c(2.08757232129817482790e-09))
            cHigh = fma(cHigh, z, c(-2.75573143513906633035e-07))
            let cr = fma(mul(w, w), cHigh, mul(z, cLow))
            let hz = mul(c(0.5), z)
            let oneMinusHz = sub(c(1), hz)
            let cosR = add(
                oneMinusHz,
                add(sub(sub(c(1), oneMinusHz), hz), sub(mul(z, cr), mul(y0, y1))))

            // Quadrant: sin(x) = ±sin(r) or ±cos(r); cos(x) = sin(x + π/2).
            let quadrant = b.and(
                b.add(b.fptosi(n, v.i64), ci(isCos ? 1 : 0)), ci(3))
            let usesCos = b.icmp(.ne, b.and(quadrant, ci(1)), ci(0))
            let signBit = b.shl(b.and(quadrant, ci(2)), ci(62))
            let magnitude = b.bitcast(b.select(usesCos, cosR, sinR), v.i64)
            let reduced = b.bitcast(b.xor(magnitude, signBit), v.f64)
            // glibc's own cut-offs: sin(x) = x below 2^-26, cos(x) = 1 below 2^-27.
            let tiny = b.fcmp(.olt, ax, c(isCos ? 0x1p-27 : 0x1p-26))
            let fast = b.select(tiny, isCos ? c(1) : x, reduced)

            let inRangeBits = b.bitcast(inRange, mask)
            let allInRange = b.icmp(.eq, inRangeBits, ctx.allOnes(mask))
            b.condBr(allInRange, done, cold, weights: (1000, 1))

            b.position(at: done)
            b.ret(fast)

            // Rare: some lane is NaN, ±inf or huge. libm for every lane, kept where needed.
            b.position(at: cold)
            var exact = fast
            for lane in 0..<lanes {
                let index = ctx.constInt(ctx.i32, UInt64(lane))
                let xi = b.extractElement(x, index)
                exact = b.insertElement(exact, libm(op.name, .double, [xi], .strict), lane: lane)
            }
            b.ret(b.select(inRange, fast, exact))
        }
    }
}
