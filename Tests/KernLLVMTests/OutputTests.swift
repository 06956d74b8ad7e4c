/// print through the runtime (captured with kern_rt_set_print_sink), vectorization of
/// a Float saxpy loop and a prange Double dot reduction at O3, fast-math flags,
/// assembly/object emission, and the compile latency of a small kernel (reported).
import Foundation
import KernBasics
import KernIR
import KernLLVM
import KernRuntime
import Testing

final class PrintCapture: @unchecked Sendable {
    static let shared = PrintCapture()
    private let lock = NSLock()
    private var text = ""
    func append(_ s: String) { lock.withLock { text += s } }
    func take() -> String {
        lock.withLock {
            defer { text = "" }
            return text
        }
    }
}

private let sink: KernPrintSink = { line, length, _ in
    guard let line else { return }
    let bytes = UnsafeRawBufferPointer(start: line, count: length)
    PrintCapture.shared.append(String(decoding: bytes, as: UTF8.self))
}

/// func dot(x: [Double], y: [Double]) -> Double {
///     var s = 0.0; for i in prange(x.count) { s += x[i] * y[i] }; return s }
func dotKernel(parallel: Bool = true) -> KernIR.Function {
    makeFunction(
        "dot", [("x", .array(.double, rank: 1), false), ("y", .array(.double, rank: 1), false)],
        returns: .scalar(.double)
    ) { b, p in
        let (x, y) = (p[0].value, p[1].value)
        let s = b.newSlot("s", .scalar(.double))
        b.store(s, b.f64(0))
        let n = b.emit(.dim(x, axis: 0), .scalar(.int64))
        b.pos = SourcePos(line: 2, column: 5)
        b.emit(
            .precondition(
                b.compare(.eq, n, b.emit(.dim(y, axis: 0), .scalar(.int64))),
                message: "lengths differ"))
        let kind: LoopKind =
            parallel
            ? .parallel(reductions: [Reduction(slot: s, op: .add)], arrayReductions: []) : .serial
        b.forLoop(b.i64(0), n, kind: kind) { b, i in
            // As IRGen emits them in checked mode.
            b.emit(.checkBounds(index: i, bound: b.emit(.dim(x, axis: 0), .scalar(.int64)), axis: 0))
            b.emit(.checkBounds(index: i, bound: b.emit(.dim(y, axis: 0), .scalar(.int64)), axis: 0))
            let xi = b.emit(.loadElement(x, indices: [i]), .scalar(.double))
            let yi = b.emit(.loadElement(y, indices: [i]), .scalar(.double))
            b.store(s, b.binary(.add, b.load(s), b.binary(.mul, xi, yi)))
        }
        b.ret(b.load(s))
    }
}

/// func saxpy(a: Float, x: [Float], y: inout [Float]) { for i in 0..<x.count { y[i] = a * x[i] + y[i] } }
func saxpyKernel() -> KernIR.Function {
    makeFunction(
        "saxpy",
        [
            ("a", .scalar(.float), false), ("x", .array(.float, rank: 1), false),
            ("y", .array(.float, rank: 1), true),
        ]
    ) { b, p in
        let (a, x, y) = (p[0].value, p[1].value, p[2].value)
        let n = b.emit(.dim(x, axis: 0), .scalar(.int64))
        b.forLoop(b.i64(0), n) { b, i in
            b.emit(.checkBounds(index: i, bound: b.emit(.dim(y, axis: 0), .scalar(.int64)), axis: 0))
            let xi = b.emit(.loadElement(x, indices: [i]), .scalar(.float))
            let yi = b.emit(.loadElement(y, indices: [i]), .scalar(.float))
            b.emit(.storeElement(y, indices: [i], value: b.binary(.add, b.binary(.mul, a, xi), yi)))
        }
    }
}

@Suite(.serialized) struct OutputTests {
    @Test func printWritesWholeLines() throws {
        let f = makeFunction("show", [("n", .scalar(.int64), false), ("x", .scalar(.double), false)]) {
            b, p in
            let t = b.emit(.makeTuple([p[0].value, p[1].value]), .tuple([.int64, .double]))
            let small = b.constant(.integer(250), .uint8)
            let flag = b.compare(.gt, p[0].value, b.i64(0))
            let half = b.constant(.floating(Double(Float(1) / 3)), .float)
            b.emit(
                .print([
                    .text("n ="), .text(" "), .value(p[0].value), .text(" "), .value(p[1].value),
                ]))
            b.emit(
                .print([
                    .value(t), .text(" "), .value(small), .text(" "), .value(flag), .text(" "),
                    .value(half),
                ]))
        }
        let m = try Loaded([f])
        typealias F = @convention(c) (Ctx, Int64, Double, Result8?) -> Int32
        let show = try m.entry("show", as: F.self)
        kern_rt_set_print_sink(sink, nil)
        defer { kern_rt_set_print_sink(nil, nil) }
        let call = Call()
        #expect(show(call.ctx, -42, 1e-5, nil) == 0)
        #expect(PrintCapture.shared.take() == "n = -42 1e-05\n(-42, 1e-05) 250 false 0.33333334\n")
    }

    @Test func prangeDotVectorizes() throws {
        let m = try Loaded([dotKernel()])
        let ir = m.compiled.llvmIR()
        #expect(ir.contains("x double>"), "the prange reduction was not vectorized")
        #expect(ir.contains("fadd reassoc"))
        // The width follows the host's preference (512-bit on znver4, 256-bit on znver3 and
        // on Intel parts that prefer 256-bit vectors), so only vectorization is asserted.
        typealias F =
            @convention(c) (
                Ctx, UnsafePointer<Double>, Int64, Int64, UnsafePointer<Double>, Int64, Int64,
                Result8
            ) -> Int32
        let dot = try m.entry("dot", as: F.self)
        let x = (0..<1001).map { Double($0) }
        let y = [Double](repeating: 0.5, count: 1001)
        let call = Call()
        #expect(dot(call.ctx, x, 1001, 1, y, 1001, 1, call.result) == 0)
        #expect(call.slot(0, Double.self) == 250_250)
        call.reset()
        #expect(dot(call.ctx, x, 1001, 1, y, 1000, 1, call.result) == 3)
        #expect(String(cString: try #require(call.error.message)) == "lengths differ")
        // A serial float accumulation keeps source order: no reassoc flag.
        let serial = try Loaded([dotKernel(parallel: false)])
        #expect(!serial.compiled.llvmIR().contains("reassoc"))
    }

    @Test func saxpyVectorizes() throws {
        let m = try Loaded([saxpyKernel()])
        let ir = m.compiled.llvmIR()
        #expect(ir.contains("x float>"), "saxpy was not vectorized")
        #expect(!ir.contains("fmuladd") && !ir.contains("llvm.fma"), "a*x+y must not be contracted")
        typealias F =
            @convention(c) (
                Ctx, Float, UnsafePointer<Float>, Int64, Int64, UnsafeMutablePointer<Float>, Int64,
                Int64, Result8?
            ) -> Int32
        let saxpy = try m.entry("saxpy", as: F.self)
        let x = (0..<100).map(Float.init)
        var y = [Float](repeating: 1, count: 100)
        let call = Call()
        #expect(saxpy(call.ctx, 2, x, 100, 1, &y, 100, 1, nil) == 0)
        #expect(y == x.map { 2 * $0 + 1 })
    }

    /// for i in 0..<x.count { y[i] = exp(x[i]) }
    @Test func expLoopVectorizes() throws {
        let f = makeFunction(
            "vexp", [("x", .array(.double, rank: 1), false), ("y", .array(.double, rank: 1), true)]
        ) { b, p in
            let (x, y) = (p[0].value, p[1].value)
            b.forEachIndex(of: x) { b, i in
                let e = b.emit(
                    .math(.exp, [b.emit(.loadElement(x, indices: [i]), .scalar(.double))]),
                    .scalar(.double))
                b.emit(.storeElement(y, indices: [i], value: e))
            }
        }
        typealias F =
            @convention(c) (
                Ctx, UnsafePointer<Double>, Int64, Int64, UnsafeMutablePointer<Double>, Int64,
                Int64, Result8?
            ) -> Int32
        let x = (0..<37).map { Double($0) / 7 }
        // Strict mode: Kern's own SIMD exp (docs/vector-math.md), within 2 ulp of libm.
        let m = try Loaded([f])
        #expect(m.compiled.llvmIR().contains("x double> @kern_vexp_f64_"))
        var y = [Double](repeating: 0, count: 37)
        let call = Call()
        #expect(try m.entry("vexp", as: F.self)(call.ctx, x, 37, 1, &y, 37, 1, nil) == 0)
        #expect(zip(y, x).allSatisfy { abs($0 - Foundation.exp($1)) <= 2 * Foundation.exp($1).ulp })
        // Without vector math: libm itself, bit for bit.
        let scalar = try Loaded([f], options: CompileOptions(vectorMath: false))
        #expect(scalar.compiled.llvmIR().contains("x double> @llvm.exp"))
        #expect(try scalar.entry("vexp", as: F.self)(call.ctx, x, 37, 1, &y, 37, 1, nil) == 0)
        #expect(y == x.map { Foundation.exp($0) })
    }

    @Test func fastMathFlagsOnlyWhenAsked() throws {
        let fast = try LLVMBackend.compile(
            makeModule([dotKernel(parallel: false)]), options: CompileOptions(fastMath: true))
        let ir = fast.llvmIR()
        #expect(ir.contains("nsz") && ir.contains("reassoc") && ir.contains("x double>"))
        #expect(!ir.contains("nnan") && !ir.contains("ninf"))
    }

    @Test func assemblyAndObjectCode() throws {
        let compiled = try LLVMBackend.compile(
            makeModule([saxpyKernel()]), options: CompileOptions())
        let asm = try compiled.assembly()
        #expect(asm.contains("kern_entry_saxpy"))
        let object = try compiled.objectCode()
        #expect(object.starts(with: [0x7F, 0x45, 0x4C, 0x46]))  // ELF
        // The module is still intact afterwards.
        #expect(compiled.llvmIR().contains("define i32 @kern_entry_saxpy"))
        let o0 = try LLVMBackend.compile(
            makeModule([saxpyKernel()]), options: CompileOptions(optimizationLevel: 0))
        #expect(o0.llvmIR().contains("kern_fn_saxpy"))
    }

    /// Lowering + O3 + JIT to an address for a ~20-line kernel; prints the median.
    @Test func compileLatency() throws {
        _ = try Loaded([dotKernel(), saxpyKernel()])  // warm up the JIT and LLVM
        var samples: [Double] = []
        for _ in 0..<20 {
            let start = ContinuousClock.now
            let m = try Loaded([dotKernel(), saxpyKernel()])
            #expect(m.jit.address(ofEntry: "dot") != nil)
            let elapsed = ContinuousClock.now - start
            samples.append(
                Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds)
                    * 1e3)
        }
        var compileOnly: [Double] = []
        for _ in 0..<20 {
            let start = ContinuousClock.now
            _ = try LLVMBackend.compile(
                makeModule([dotKernel(), saxpyKernel()]), options: CompileOptions())
            let elapsed = ContinuousClock.now - start
            compileOnly.append(
                Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds)
                    * 1e3)
        }
        compileOnly.sort()
        print(
            "KernLLVM lowering + O3 only: median \(String(format: "%.2f", (compileOnly[9] + compileOnly[10]) / 2)) ms"
        )
        samples.sort()
        let median = (samples[9] + samples[10]) / 2
        print(
            "KernLLVM compile latency (dot + saxpy, O3 + JIT): median \(String(format: "%.2f", median)) ms, min \(String(format: "%.2f", samples[0])) ms"
        )
        #expect(median > 0)
    }
}
