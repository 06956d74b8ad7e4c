import KernBasics
import Testing

@testable import KernSwiftGen

/// The build plugin's generator: typed wrappers for good kernels, compiler-style errors
/// at the kernel's own position for bad ones.
struct SwiftWrapperGeneratorTests {
    static let kernels = """
        func saxpy(a: Float, x: [Float], y: inout [Float]) {
            for i in prange(x.count) { y[i] = a * x[i] + y[i] }
        }

        func stats(_ m: [[Double]], scale s: inout Double) -> (Int, Double) {
            s = s * 2.0
            return (m.shape(0), m[0, 0])
        }

        func cube(_ t: [[[Int32]]]) -> Int32 { t[0, 0, 0] }
        """

    @Test func wrappersKeepNamesLabelsAndTypes() throws {
        let text = swift([SourceFile(name: "/p/k.kern", text: Self.kernels)])
        #expect(text.contains("enum Kernels {"))
        #expect(text.contains("static func saxpy(a: Float, x: [Float], y: inout [Float]) throws {"))
        // Rank 2: a Tensor (no copy) and nested arrays (copied in and out).
        #expect(
            text.contains(
                "static func stats(_ m: Tensor<Double>, scale s: inout Double) throws -> (Int, Double) {"
            ))
        #expect(
            text.contains(
                "static func stats(_ m: [[Double]], scale s: inout Double) throws -> (Int, Double) {"
            ))
        // Rank 3: Tensors only.
        #expect(text.contains("static func cube(_ t: Tensor<Int32>) throws -> Int32 {"))
        #expect(!text.contains("[[[Int32]]]) throws"))
        #expect(text.contains("fileName: \"/p/k.kern\""))
        #expect(text.contains("(k.kern:5)"))
    }

    /// Wrappers call the entry point directly with its exact C type (EntryABI order).
    @Test func wrappersCallTheEntryPointDirectly() throws {
        let text = swift([SourceFile(name: "/p/k.kern", text: Self.kernels)])
        #expect(
            text.contains(
                "try _KernDirectEntry(_module0.get().function(named: \"saxpy\"), abi: \"func saxpy(Float, [Float], inout [Float]) -> Void\")"
            ))
        #expect(
            text.contains(
                "typealias _Entry = @convention(c) (UnsafeMutableRawPointer, Float, UnsafeRawPointer?, Int64, Int64, UnsafeMutableRawPointer?, Int64, Int64, UnsafeMutableRawPointer?) -> Int32"
            ))
        #expect(text.contains("try _d.array(m, rank: 2, argument: 0) { _a0 in"))
        #expect(
            text.contains(
                "return withUnsafeBytes(of: _r) { ($0.load(fromByteOffset: 0, as: Int.self), $0.load(fromByteOffset: 8, as: Double.self)) }"
            ))
        #expect(!text.contains("_invoke"), "no signature here needs the lowered path")
    }

    @Test func errorsPointIntoTheKernelFile() {
        let bad = "func f(n: Int) -> Double {\n    return n\n}\n"
        let output = SwiftWrapperGenerator.generate([SourceFile(name: "/src/bad.kern", text: bad)])
        guard case .errors(let text) = output else {
            Issue.record("expected errors, got \(output)")
            return
        }
        #expect(
            text.hasPrefix(
                "/src/bad.kern:2:12: error: cannot convert return expression of type 'Int' to return type 'Double'"
            ))
    }

    @Test func aFunctionDefinedInTwoFilesIsAnError() {
        let output = SwiftWrapperGenerator.generate([
            SourceFile(name: "/a.kern", text: "func f() -> Int { 1 }\n"),
            SourceFile(name: "/b.kern", text: "\nfunc f() -> Int { 2 }\n"),
        ])
        #expect(
            output
                == .errors(
                    "/b.kern:2:1: error: function 'f' is also defined in /a.kern:1; the functions of a target's .kern files share one 'Kernels' namespace\n"
                ))
    }

    @Test func sourceTextSurvivesAsALiteral() {
        #expect(SwiftWrapperGenerator.stringLiteral("a\n") == "#\"\"\"\na\n\"\"\"#")
        // A `"#` inside the kernel needs one more `#`.
        #expect(SwiftWrapperGenerator.stringLiteral("print(\"x\"#)").hasPrefix("##\"\"\""))
        #expect(SwiftWrapperGenerator.quoted("a\"b\\c") == "\"a\\\"b\\\\c\"")
    }
}

/// Array results: a Swift array for rank 1 (one copy), a Tensor for ranks 2 and 3.
struct SwiftWrapperArrayResultTests {
    @Test func arrayResultsAreReturned() throws {
        let source = """
            func ramp(n: Int) -> [Double] { [Double](repeating: 1, count: n) }
            func grid(n: Int) -> [[Float]] { [[Float]](repeating: 0, rows: n, cols: n) }
            """
        let text = swift([SourceFile(name: "/p/r.kern", text: source)])
        #expect(text.contains("static func ramp(n: Int) throws -> [Double] {"))
        #expect(text.contains(".as([Double].self)"))
        #expect(text.contains("static func grid(n: Int) throws -> Tensor<Float> {"))
        #expect(text.contains(".as(Tensor<Float>.self)"))
    }
}

/// `@vectorize` functions: the scalar wrapper plus one generic elementwise form
/// (`some KernOperand<T>` per parameter: no overload per mix of scalars and arrays) and
/// the two `out:` forms.
struct SwiftWrapperVectorizeTests {
    @Test func elementwiseFormsAreGenerated() throws {
        let source = """
            @vectorize
            func hyp(x: Double, _ y: Double) -> Double { sqrt(x * x + y * y) }

            @vectorize
            func scale(v: Float, out: Float) -> Float { v * out }

            func plain(x: Double) -> Double { x }
            """
        let text = swift([SourceFile(name: "/p/v.kern", text: source)])
        // The scalar form stays the direct one.
        #expect(text.contains("static func hyp(x: Double, _ y: Double) throws -> Double {"))
        #expect(
            text.contains(
                "static func hyp(x: some KernOperand<Double>, _ y: some KernOperand<Double>) throws -> Tensor<Double> {"
            ))
        #expect(text.contains("try _function_hyp.get()._elementwise(x, y).tensor(of: Double.self)"))
        #expect(
            text.contains(
                "static func hyp(x: some KernOperand<Double>, _ y: some KernOperand<Double>, out _out: inout [Double]) throws {"
            ))
        #expect(text.contains("try _function_hyp.get()(x, y, out: &_out)"))
        #expect(
            text.contains(
                "static func hyp(x: some KernOperand<Double>, _ y: some KernOperand<Double>, out _out: Tensor<Double>) throws {"
            ))
        #expect(text.contains("try _function_hyp.get()(x, y, out: _out)"))
        // A parameter named `out` does not clash with the out: array.
        #expect(
            text.contains(
                "static func scale(v: some KernOperand<Float>, out: some KernOperand<Float>, out _out: inout [Float]) throws {"
            ))
        #expect(text.contains("try _function_scale.get()(v, out, out: &_out)"))
        // Exactly one elementwise declaration per function and none for plain ones.
        #expect(text.components(separatedBy: "static func hyp(").count - 1 == 4)
        #expect(!text.contains("_function_plain"))
        #expect(text.components(separatedBy: "static func plain(").count - 1 == 1)
    }
}

/// The generated Swift of `inputs`; records an issue (and returns "") when the generator
/// reports errors instead.
func swift(_ inputs: [SourceFile]) -> String {
    let output = SwiftWrapperGenerator.generate(inputs)
    guard case .swift(let text) = output else {
        Issue.record("expected Swift, got \(output)")
        return ""
    }
    return text
}
