import Foundation
import Kern
import KernFuzzGen
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Vectorized transcendentals (docs/vector-math.md): loops calling exp, log, sin, … use
/// libmvec's SIMD variants; strict mode only those within 2 ulp of libm, fast-math all
/// of them (≤ 4 ulp); special values (±0, ±inf, NaN, subnormals, huge arguments) come
/// out exactly as libm's; `--no-vector-math` and the vector width are honoured.
/// KERN_MEASURE=1 runs ten times more inputs and the speed comparison.
@Suite(.serialized)
struct VectorMathTests {
    static let measuring = ProcessInfo.processInfo.environment["KERN_MEASURE"] == "1"

    /// A math function under test: Kern name, libm reference for Double and Float,
    /// and the range its ordinary inputs come from.
    struct MathFunction: Sendable, CustomStringConvertible {
        var name: String
        var double: @Sendable (Double, Double) -> Double
        var float: @Sendable (Float, Float) -> Float
        var range: ClosedRange<Double>
        var arity = 1
        var description: String { name }
    }

    static func unary(
        _ name: String, _ d: @escaping @Sendable (Double) -> Double,
        _ f: @escaping @Sendable (Float) -> Float, _ range: ClosedRange<Double>
    ) -> MathFunction {
        MathFunction(name: name, double: { x, _ in d(x) }, float: { x, _ in f(x) }, range: range)
    }

    static let functions: [MathFunction] = [
        unary("exp", { exp($0) }, { expf($0) }, -750...720),
        unary("exp2", { exp2($0) }, { exp2f($0) }, -1100...1030),
        unary("expm1", { expm1($0) }, { expm1f($0) }, -50...720),
        unary("log", { log($0) }, { logf($0) }, 0...1e6),
        unary("log2", { log2($0) }, { log2f($0) }, 0...1e6),
        unary("log10", { log10($0) }, { log10f($0) }, 0...1e6),
        unary("log1p", { log1p($0) }, { log1pf($0) }, -1...1e6),
        unary("sin", { sin($0) }, { sinf($0) }, -1e4...1e4),
        unary("cos", { cos($0) }, { cosf($0) }, -1e4...1e4),
        unary("tan", { tan($0) }, { tanf($0) }, -1e4...1e4),
        unary("asin", { asin($0) }, { asinf($0) }, -1...1),
        unary("acos", { acos($0) }, { acosf($0) }, -1...1),
        unary("atan", { atan($0) }, { atanf($0) }, -1e3...1e3),
        unary("sinh", { sinh($0) }, { sinhf($0) }, -720...720),
        unary("cosh", { cosh($0) }, { coshf($0) }, -720...720),
        unary("tanh", { tanh($0) }, { tanhf($0) }, -30...30),
        unary("cbrt", { cbrt($0) }, { cbrtf($0) }, -1e6...1e6),
        unary("erf", { erf($0) }, { erff($0) }, -6...6),
        unary("erfc", { erfc($0) }, { erfcf($0) }, -6...30),
        MathFunction(
            name: "pow", double: { pow($0, $1) }, float: { powf($0, $1) }, range: 0...100, arity: 2),
        MathFunction(
            name: "atan2", double: { atan2($0, $1) }, float: { atan2f($0, $1) }, range: -100...100,
            arity: 2),
        MathFunction(
            name: "hypot", double: { hypot($0, $1) }, float: { hypotf($0, $1) }, range: -1e3...1e3,
            arity: 2),
    ]

    /// One kernel per function and element type: `y[i] = f(x[i])` / `f(x[i], z[i])`.
    static var source: String {
        functions.flatMap { f in
            ["Double", "Float"].map { t in
                let call = f.arity == 2 ? "\(f.name)(x[i], z[i])" : "\(f.name)(x[i])"
                return """
                    func \(f.name)_\(t)(x: [\(t)], z: [\(t)], y: inout [\(t)]) {
                        for i in 0..<x.count { y[i] = \(call) }
                    }

                    """
            }
        }.joined()
    }

    static let strict = Result { try KernModule.compile(source: source, fileName: "vecmath.kern") }
    static let fast = Result {
        try KernModule.compile(
            source: source, fileName: "vecmath.kern", options: CompileOptions(fastMath: true))
    }

    // MARK: Inputs

    /// Values every function must treat exactly as libm does.
    static let specialDoubles: [Double] = [
        0, -0.0, .infinity, -.infinity, .nan, -.nan, .leastNonzeroMagnitude,
        -.leastNonzeroMagnitude, .leastNormalMagnitude, 0x1p-1030, -0x1p-1040,
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e300, -1e300, 1e22, 1, -1, 0.5,
        2, 709.78, 709.79, -745.1, -745.2, 1e-300, .pi, -.pi / 2, 1e15, 0x1p52,
    ]

    /// A reproducible stream of test inputs (the fuzzer's SplitMix64).
    struct Inputs: RandomNumberGenerator {
        var generator: FuzzRandom
        init(state: UInt64) { generator = FuzzRandom(seed: state) }
        mutating func next() -> UInt64 { generator.next() }

        /// A quarter random bit patterns (every magnitude, subnormals, NaN payloads),
        /// the rest uniform in the function's range.
        mutating func double(in range: ClosedRange<Double>) -> Double {
            let r = next()
            if r % 4 == 0 { return Double(bitPattern: next()) }
            return Double.random(in: range, using: &self)
        }

        mutating func float(in range: ClosedRange<Double>) -> Float {
            let r = next()
            if r % 4 == 0 { return Float(bitPattern: UInt32(truncatingIfNeeded: next())) }
            return Float(Double.random(in: range, using: &self))
        }
    }

    static var count: Int { measuring ? 2_000_000 : 200_000 }

    // MARK: ULP distance

    /// Error of `got` in units in the last place of `ref`; .infinity when they disagree
    /// on NaN, infinity or the sign of zero.
    static func ulps(_ ref: Double, _ got: Double) -> Double {
        if ref.isNaN || got.isNaN { return ref.isNaN && got.isNaN ? 0 : .infinity }
        if ref.isInfinite || got.isInfinite { return ref == got ? 0 : .infinity }
        if ref == got { return ref.sign == got.sign ? 0 : .infinity }
        let ulp = max(ref.ulp, Double.leastNonzeroMagnitude)
        return abs(ref - got) / ulp
    }

    static func ulps(_ ref: Float, _ got: Float) -> Double {
        if ref.isNaN || got.isNaN { return ref.isNaN && got.isNaN ? 0 : .infinity }
        if ref.isInfinite || got.isInfinite { return ref == got ? 0 : .infinity }
        if ref == got { return ref.sign == got.sign ? 0 : .infinity }
        return abs(Double(ref) - Double(got)) / Double(max(ref.ulp, Float.leastNonzeroMagnitude))
    }

    /// Largest error of the compiled Double kernel against libm, and the worst input.
    static func worstDouble(_ module: KernModule, _ f: MathFunction) throws -> (Double, Double) {
        var rng = Inputs(state: 42)
        var x = specialDoubles + (0..<count).map { _ in rng.double(in: f.range) }
        var z = (0..<x.count).map { _ in rng.double(in: -30...30) }
        if f.arity == 2 { appendSpecialPairs(specialDoubles, &x, &z) }
        var y = [Double](repeating: 0, count: x.count)
        try module.function(named: "\(f.name)_Double")(x, z, &y)
        return worst(x, z, y, reference: f.double, ulps: ulps)
    }

    static func worstFloat(_ module: KernModule, _ f: MathFunction) throws -> (Double, Float) {
        var rng = Inputs(state: 7)
        let specials = specialDoubles.map(Float.init)
        var x = specials + (0..<count).map { _ in rng.float(in: f.range) }
        var z = (0..<x.count).map { _ in rng.float(in: -30...30) }
        if f.arity == 2 { appendSpecialPairs(specials, &x, &z) }
        var y = [Float](repeating: 0, count: x.count)
        try module.function(named: "\(f.name)_Float")(x, z, &y)
        return worst(x, z, y, reference: f.float, ulps: ulps)
    }

    /// Pairs of special values for two-argument functions: pow(±0, -1), pow(-8, 1/3),
    /// atan2(±0, ±0), …
    static func appendSpecialPairs<T: BinaryFloatingPoint>(
        _ specials: [T], _ x: inout [T], _ z: inout [T]
    ) {
        for a in specials.prefix(8) {
            for b in specials.prefix(8) + [-1, 0.5, 3] {
                x.append(a)
                z.append(b)
            }
        }
    }

    /// Largest error of `y` against `reference(x, z)`, in ulp, and the input where it is.
    static func worst<T: BinaryFloatingPoint>(
        _ x: [T], _ z: [T], _ y: [T], reference: (T, T) -> T, ulps: (T, T) -> Double
    ) -> (Double, T) {
        var worst = (0.0, T(0))
        for i in x.indices {
            let e = ulps(reference(x[i], z[i]), y[i])
            if e > worst.0 { worst = (e, x[i]) }
        }
        return worst
    }

    // MARK: Accuracy

    @Test(arguments: functions)
    func strictModeStaysWithinTwoULPOfLibm(_ f: MathFunction) throws {
        try Self.expectAccuracy(of: f, in: Self.strict.get(), mode: "strict", maxULP: 2)
    }

    @Test(arguments: functions)
    func fastMathStaysWithinFourULPOfLibm(_ f: MathFunction) throws {
        try Self.expectAccuracy(of: f, in: Self.fast.get(), mode: "fast", maxULP: 4)
    }

    /// Checks `f`'s Double and Float kernels in `module` against libm; prints the worst
    /// errors when measuring.
    static func expectAccuracy(
        of f: MathFunction, in module: KernModule, mode: String, maxULP: Double
    ) throws {
        let (d, dx) = try worstDouble(module, f)
        let (s, sx) = try worstFloat(module, f)
        if measuring {
            print("\(mode) \(f.name): Double \(d) ulp (at \(dx)), Float \(s) ulp (at \(sx))")
        }
        #expect(d <= maxULP, "\(f.name)(Double): \(d) ulp at \(dx)")
        #expect(s <= maxULP, "\(f.name)(Float): \(s) ulp at \(sx)")
    }

    /// Inputs for Kern's own sin/cos across magnitudes: subnormal, tiny, around the
    /// 2^-26 cut-off, ordinary, the doubles nearest to k·π/2 (where the reduction
    /// cancels most), up to 1e6, both sides of the libm fallback at 2^20·π/2, huge and
    /// special values.
    static func sinCosInputs() -> [Double] {
        var rng = Inputs(state: 2026)
        var x = specialDoubles
        let bands: [(Double, Double)] = [
            (0x1p-1074, 0x1p-1022), (0x1p-1022, 0x1p-27), (0x1p-28, 0x1p-25), (0x1p-25, 1),
            (1, 10), (10, 1e3), (1e3, 1e5), (1e5, 1e6), (1.6e6, 1.7e6), (1e6, 1e300),
        ]
        let perBand = measuring ? 500_000 : 100_000
        for (low, high) in bands {
            // Log-uniform, so every exponent in the band is covered.
            for _ in 0..<perBand {
                let v = exp(Double.random(in: log(low)...log(high), using: &rng))
                x.append(rng.next() % 2 == 0 ? v : -v)
            }
        }
        for k in 1...(measuring ? 1_000_000 : 200_000) {
            let m = Double(k) * (Double.pi / 2)
            x += [m, m.nextUp, m.nextDown, -m]
        }
        for k in 0..<64 {  // the multiples of π/2 near the fallback threshold
            let m = (0x1p20 - 32 + Double(k)) * (Double.pi / 2)
            x += [m, m.nextUp, m.nextDown]
        }
        return x + [
            0x1p-26, -0x1p-26, (0x1p-26).nextDown, (0x1p-26).nextUp, 0x1p20 * (Double.pi / 2),
        ]
    }

    /// Kern's strict Double sin/cos (Codegen+StrictSinCos) on millions of inputs: within
    /// 1 ulp of libm, and bitwise libm on ±0, subnormals, ±inf, NaN and huge arguments.
    @Test(arguments: ["sin", "cos"])
    func strictSinCosStayWithinOneULPAcrossMagnitudes(_ name: String) throws {
        try Self.checkSinCos(Self.strict.get(), name)
    }

    /// The 4-lane AVX2 versions (`kern_vsin_f64_4`), on an AVX2-only target.
    @Test(arguments: ["sin", "cos"])
    func strictSinCosOnAVX2UseFourLanesAndStayWithinOneULP(_ name: String) throws {
        let source = """
            func \(name)_Double(x: [Double], z: [Double], y: inout [Double]) {
                for i in 0..<x.count { y[i] = \(name)(x[i]) }
            }
            """
        let avx2 = try KernModule.compile(
            source: source, options: CompileOptions(targetCPU: "x86-64-v3"))
        #expect(
            Self.entryBody(avx2, "\(name)_Double").contains(
                "call <4 x double> @kern_v\(name)_f64_4("))
        #expect(!avx2.llvmIR.contains("_f64_8"))
        try Self.checkSinCos(avx2, name)
        let sse = try KernModule.compile(
            source: source, options: CompileOptions(targetCPU: "x86-64"))
        #expect(!sse.llvmIR.contains("kern_v\(name)"))
    }

    static func checkSinCos(_ module: KernModule, _ name: String) throws {
        let f = Self.functions.first { $0.name == name }!
        let x = Self.sinCosInputs()
        var y = [Double](repeating: 0, count: x.count)
        try module.function(named: "\(name)_Double")(x, x, &y)
        var worst = (0.0, 0.0)
        var mismatches: [Double] = []
        var identical = 0
        for i in x.indices {
            let ref = f.double(x[i], 0)
            let e = Self.ulps(ref, y[i])
            if e == 0 { identical += 1 }
            if e > worst.0 { worst = (e, x[i]) }
            let mustBeExact =
                !x[i].isFinite || abs(x[i]) > 0x1p20 * (Double.pi / 2) || abs(x[i]) < 0x1p-1000
            if mustBeExact && y[i].bitPattern != ref.bitPattern && !(ref.isNaN && y[i].isNaN) {
                mismatches.append(x[i])
            }
        }
        if Self.measuring {
            print(
                "strict \(name) Double, \(x.count) inputs: \(worst.0) ulp (at \(worst.1)), \(identical) equal to libm"
            )
        }
        #expect(worst.0 <= 1, "\(name): \(worst.0) ulp at \(worst.1)")
        #expect(mismatches.count == 0, "\(name) differs from libm at \(mismatches.prefix(5))")
    }

    // MARK: Which loops vectorize

    /// The SIMD calls in the entry function of `kernel` in a module's optimized IR (the
    /// kernel body is inlined there).
    static func vectorCalls(_ module: KernModule, _ kernel: String) -> Set<String> {
        var names: Set<String> = []
        var rest = entryBody(module, kernel)[...]
        while let r = rest.range(of: "@_ZGV") {
            let name = rest[r.lowerBound...].dropFirst().prefix {
                $0.isLetter || $0.isNumber || $0 == "_"
            }
            names.insert(String(name))
            rest = rest[r.upperBound...]
        }
        return names
    }

    /// The 512-bit SIMD calls of `kernel`: its main vector loop. LLVM may also vectorize
    /// the loop's remainder at half width, with the matching AVX2 (`_ZGVd`) variant.
    static func mainLoopCalls(_ module: KernModule, _ kernel: String) -> Set<String> {
        let calls = vectorCalls(module, kernel)
        let main = calls.filter { $0.hasPrefix("_ZGVe") }
        let mainFunctions = Set(main.map { $0.drop { $0 != "_" }.dropFirst().drop { $0 != "_" } })
        // Any AVX2 call is the same function's epilogue.
        for call in calls where !call.hasPrefix("_ZGVe") {
            #expect(
                mainFunctions.contains(call.drop { $0 != "_" }.dropFirst().drop { $0 != "_" }),
                "\(kernel): \(call) is not an epilogue of \(main)")
        }
        return main
    }

    /// The optimized IR of the entry function of `kernel`.
    static func entryBody(_ module: KernModule, _ kernel: String) -> String {
        let ir = module.llvmIR
        guard let start = ir.range(of: "@kern_entry_\(kernel)(") else { return "" }
        let body = ir[start.upperBound...]
        return String(body.range(of: "\n}\n").map { body[..<$0.lowerBound] } ?? body)
    }

    @Test func fastMathVectorizesEveryLibmvecFunction() throws {
        let module = try Self.fast.get()
        for f in Self.functions {
            let v = String(repeating: "v", count: f.arity)
            #expect(Self.mainLoopCalls(module, "\(f.name)_Double") == ["_ZGVeN8\(v)_\(f.name)"])
            #expect(Self.mainLoopCalls(module, "\(f.name)_Float") == ["_ZGVeN16\(v)_\(f.name)f"])
        }
    }

    /// Strict mode: the decisions of docs/vector-math.md (measured ulp per variant).
    @Test func strictModeVectorizesOnlyAccurateVariants() throws {
        let module = try Self.strict.get()
        #expect(Self.mainLoopCalls(module, "log_Double") == ["_ZGVeN8v_log"])
        #expect(Self.mainLoopCalls(module, "pow_Double") == ["_ZGVeN8vv_pow"])
        #expect(Self.mainLoopCalls(module, "erf_Double") == ["_ZGVeN8v_erf"])
        #expect(Self.mainLoopCalls(module, "sin_Float") == ["_ZGVeN16v_sinf"])
        #expect(Self.mainLoopCalls(module, "cos_Float") == ["_ZGVeN16v_cosf"])
        #expect(Self.mainLoopCalls(module, "pow_Float") == ["_ZGVeN16vv_powf"])
        // Float through the accurate Double variant, rounded once.
        #expect(Self.mainLoopCalls(module, "log_Float") == ["_ZGVeN8v_log"])
        #expect(Self.mainLoopCalls(module, "atan2_Float") == ["_ZGVeN8vv_atan2"])
        // 3–4 ulp from libm in both types: scalar libm in strict mode.
        for kernel in ["tan_Double", "tan_Float", "erfc_Double"] {
            #expect(Self.vectorCalls(module, kernel).isEmpty, "\(kernel) should stay scalar")
        }
        // exp, Double sin and cos: Kern's own SIMD versions; the scalar remainder calls libm.
        for (kernel, function) in [
            ("exp_Double", "exp"), ("exp_Float", "exp"), ("sin_Double", "sin"),
            ("cos_Double", "cos"),
        ] {
            let body = Self.entryBody(module, kernel)
            #expect(Self.vectorCalls(module, kernel).isEmpty)
            #expect(
                body.contains("call <8 x double> @kern_v\(function)_f64_8("),
                "\(kernel) should vectorize")
            #expect(body.contains("call double @\(function)("))
        }
    }

    static let small = """
        func expAll(x: [Double], y: inout [Double]) {
            for i in 0..<x.count { y[i] = exp(x[i]) }
        }
        func logAll(x: [Float], y: inout [Float]) {
            for i in 0..<x.count { y[i] = log(x[i]) }
        }
        """

    @Test func noVectorMathKeepsScalarCalls() throws {
        let module = try KernModule.compile(
            source: Self.small, options: CompileOptions(fastMath: true, vectorMath: false))
        #expect(!module.llvmIR.contains("_ZGV"))
        var y = [Double](repeating: 0, count: 3)
        try module.function(named: "expAll")([0.0, 1, -.infinity], &y)
        #expect(y == [1, exp(1.0), 0])
    }

    @Test func preferredWidth256UsesAVX2Variants() throws {
        let module = try KernModule.compile(
            source: Self.small, options: CompileOptions(fastMath: true, preferredVectorWidth: 256))
        #expect(Self.vectorCalls(module, "expAll") == ["_ZGVdN4v_exp"])
        #expect(Self.vectorCalls(module, "logAll") == ["_ZGVdN8v_logf"])
        #expect(module.llvmIR.contains("\"prefer-vector-width\"=\"256\""))
    }

    @Test func targetWithoutAVX2GetsNoVariants() throws {
        let module = try KernModule.compile(
            source: Self.small, options: CompileOptions(fastMath: true, targetCPU: "x86-64"))
        #expect(!module.llvmIR.contains("_ZGV"))
        let avx2 = try KernModule.compile(
            source: Self.small,
            options: CompileOptions(fastMath: true, targetCPU: "x86-64-v3"))
        #expect(Self.vectorCalls(avx2, "expAll") == ["_ZGVdN4v_exp"])
    }

    /// Box–Muller draws vectorize: with libmvec's log and cos under fast-math, with
    /// libmvec's log and Kern's own cos in strict mode; `--no-vector-math` keeps libm.
    @Test func normalDrawsUseVectorMath() throws {
        let source = """
            func fill(z: inout [Double]) {
                for i in 0..<z.count { z[i] = randomNormal() }
            }
            """
        let fast = try KernModule.compile(source: source, options: CompileOptions(fastMath: true))
        let calls = Self.vectorCalls(fast, "fill")
        #expect(calls.contains("_ZGVeN8v_log") && calls.contains("_ZGVeN8v_cos"))
        let strict = try KernModule.compile(source: source)
        #expect(Self.vectorCalls(strict, "fill") == ["_ZGVeN8v_log"])
        #expect(Self.entryBody(strict, "fill").contains("call <8 x double> @kern_vcos_f64_8("))
        let scalar = try KernModule.compile(
            source: source, options: CompileOptions(vectorMath: false))
        #expect(!scalar.llvmIR.contains("_ZGV") && !scalar.llvmIR.contains("kern_vcos"))
        for module in [fast, strict] {
            var z = [Double](repeating: 0, count: 100_000)
            try module.function(named: "fill").with(seed: 3)(&z)
            let mean = z.reduce(0, +) / Double(z.count)
            let variance = z.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(z.count)
            #expect(abs(mean) < 0.02 && abs(variance - 1) < 0.03)
        }
        // Strict vector draws stay within a few ulp of the scalar libm draws.
        var vector = [Double](repeating: 0, count: 100_003)
        var reference = vector
        try strict.function(named: "fill").with(seed: 3)(&vector)
        try scalar.function(named: "fill").with(seed: 3)(&reference)
        let worst = zip(reference, vector).map { Self.ulps($0, $1) }.max() ?? .infinity
        #expect(worst <= 4, "strict normal draws differ from libm's by \(worst) ulp")
    }

    /// A `prange` body runs block by block, and block bounds depend only on the trip
    /// count, so which elements take the SIMD path and which the scalar remainder is the
    /// same for every thread count: vectorized math keeps results bitwise reproducible.
    @Test(arguments: [false, true])
    func vectorMathInPrangeGivesTheSameBitsForAnyThreadCount(fastMath: Bool) throws {
        let module = try KernModule.compile(
            source: """
                func run(x: [Double], y: inout [Double]) {
                    for i in prange(x.count) { y[i] = exp(x[i]) + log(x[i] + 2.0) + randomNormal() }
                }
                """,
            options: CompileOptions(fastMath: fastMath))
        #expect(module.llvmIR.contains("<8 x double> @_ZGVeN8v_log("))  // in the outlined body
        let x = (0..<100_003).map { Double($0 % 1000) / 100.0 - 5.0 }
        var reference = [Double](repeating: 0, count: x.count)
        try module.function(named: "run").with(seed: 5, threads: 1)(x, &reference)
        for threads in [2, 3, 8] {
            var y = [Double](repeating: 0, count: x.count)
            try module.function(named: "run").with(seed: 5, threads: threads)(x, &y)
            #expect(y.map(\.bitPattern) == reference.map(\.bitPattern), "threads: \(threads)")
        }
    }

    // MARK: Fast-math levels

    static let nanSource = """
        func countNaN(x: [Double]) -> Int {
            var n = 0
            for i in 0..<x.count {
                let y = x[i] * 2.0 + 1.0
                if y.isNaN || y.isInfinite { n += 1 }
            }
            return n
        }
        """

    @Test func balancedFastMathKeepsNaNChecks() throws {
        let module = try KernModule.compile(
            source: Self.nanSource, options: CompileOptions(fastMathLevel: .balanced))
        #expect(module.warnings.isEmpty)
        let n = try module.function(named: "countNaN")([1.0, .nan, 3, .infinity, -.nan, 2])
        #expect(try n.as(Int.self) == 3)
    }

    @Test func aggressiveFastMathWarnsAtEachCheck() throws {
        let module = try KernModule.compile(
            source: Self.nanSource, options: CompileOptions(fastMathLevel: .aggressive))
        let warnings = module.warnings.map { module.file.position(of: $0.range.start) }
        #expect(warnings.map(\.line) == [5, 5])
        #expect(warnings.map(\.column) == [14, 25])
        #expect(module.warnings.allSatisfy { $0.severity == .warning && $0.help != nil })
        #expect(module.warnings.first?.message.contains("isNaN") == true)
    }

    // MARK: Speed (KERN_MEASURE=1)

    /// Best of 15 runs of `y[i] = name(x[i])` over 2^20 Doubles.
    static func bestLoopTime(_ name: String, _ options: CompileOptions) throws -> Duration {
        let source = """
            func run(x: [Double], y: inout [Double]) {
                for i in 0..<x.count { y[i] = \(name)(x[i]) }
            }
            """
        let n = 1 << 20
        let x = (0..<n).map { 0.001 + Double($0 % 10_000) * 0.01 }
        var y = [Double](repeating: 0, count: n)
        let f = try KernModule.compile(source: source, options: options).function(named: "run")
        let clock = ContinuousClock()
        var best = Duration.seconds(1000)
        for _ in 0..<15 {
            let t = try clock.measure { try f(x, &y) }
            best = min(best, t)
        }
        return best
    }

    @Test(.enabled(if: measuring), arguments: ["exp", "log", "sin"])
    func vectorLoopIsFourTimesFasterThanScalarLibm(_ name: String) throws {
        let vector = try Self.bestLoopTime(name, CompileOptions(fastMath: true))
        let scalar = try Self.bestLoopTime(name, CompileOptions(fastMath: true, vectorMath: false))
        let speedup = scalar / vector
        print(
            "vector math \(name) over 2^20 doubles: scalar libm \(scalar), libmvec \(vector), \(speedup)x"
        )
        #expect(speedup >= 4)
    }

    /// Strict mode: Kern's own SIMD exp, sin and cos against scalar libm.
    @Test(.enabled(if: measuring), arguments: ["exp", "sin", "cos"])
    func strictVectorLoopIsFourTimesFasterThanScalarLibm(_ name: String) throws {
        let vector = try Self.bestLoopTime(name, CompileOptions())
        let scalar = try Self.bestLoopTime(name, CompileOptions(vectorMath: false))
        let speedup = scalar / vector
        print(
            "strict \(name) over 2^20 doubles: scalar libm \(scalar), Kern SIMD \(vector), \(speedup)x"
        )
        #expect(speedup >= 4)
    }
}
