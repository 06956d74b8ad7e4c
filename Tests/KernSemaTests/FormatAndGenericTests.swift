import KernBasics
import KernSyntax
import Testing

@testable import KernSema

/// `String(format:)` (issue 18.2) and generic functions (issue 18.6): what Sema accepts,
/// what it records, and where its errors point (caret and help).
@Suite struct FormatTests {
    /// Rejected programs, one `expectError` each: Rejections/FormatTests.txt.
    static let rejected = RejectCase.load("FormatTests")

    @Test(arguments: rejected) func rejects(_ c: RejectCase) { c.check() }

    @Test func aFormatCallRecordsItsPieces() throws {
        let run = expectAccepted(
            body("print(String(format: \"x=%8.3f n=%-5ld%%\", x, n))", params: "x: Double, n: Int"))
        let program = try #require(run.program)
        let pieces = program.calls.values.compactMap { call -> [FormatPiece]? in
            if case .format(let p) = call { p } else { nil }
        }
        #expect(
            pieces == [
                [
                    .text("x="),
                    .conversion(.init(flags: "", width: 8, precision: 3, letter: .f)),
                    .text(" n="),
                    .conversion(.init(flags: "-", width: 5, precision: nil, letter: .d)),
                    .text("%"),
                ]
            ])
    }

    @Test func literalsTakeTheConversionsKind() {
        expectAccepted(body("print(String(format: \"%d %f %e\", 1, 2, 0.5))"))
    }

    @Test func theParserKeepsSpecsRoundTripping() {
        for spec in ["%d", "%-+08.3f", "% x", "%#o", "%.0e", "%12G", "%a"] {
            #expect(FormatConversion(spec: spec)?.spec == spec)
        }
        #expect(FormatConversion(spec: "%ld")?.spec == "%d")
        #expect(FormatConversion(spec: "x%d") == nil)
    }
}

@Suite struct GenericFunctionTests {
    static let axpy = """
        func axpy<T: BinaryFloatingPoint>(a: T, x: [T], y: inout [T]) {
            for i in 0..<x.count { y[i] = a * x[i] + y[i] }
        }

        """

    @Test func instancesAreMadeForEveryAllowedTypeAndCalled() throws {
        let run = expectAccepted(
            Self.axpy
                + body("axpy(a: 2, x: x, y: &y)", params: "x: [Float], y: inout [Float]"))
        let program = try #require(run.program)
        let names = program.functions.map(\.name)
        #expect(names.contains("axpy<Float>") && names.contains("axpy<Double>"))
        #expect(!names.contains("axpy"))
        let callees = program.calls.values.compactMap { call -> String? in
            if case .function(let f) = call { program.functions[f].name } else { nil }
        }
        #expect(callees == ["axpy<Float>"])
        let instance = try #require(program.functions.first { $0.name == "axpy<Float>" })
        #expect(
            instance.params.map(\.type) == [
                .scalar(.float), .array(.float, rank: 1), .array(.float, rank: 1),
            ])
    }

    @Test func manyCombinationsAreInstantiatedOnDemand() throws {
        let source = """
            func mix<T: FixedWidthInteger, U: FixedWidthInteger>(_ a: T, _ b: U) -> Int { Int(a) + Int(b) }
            func twice<T: Numeric>(_ x: T) -> Int { mix(Int8(1), Int16(2)) }

            """ + body("let r = twice(Int32(3))")
        let run = expectAccepted(source)
        let names = try #require(run.program).functions.map(\.name)
        #expect(names.contains("mix<Int8, Int16>"))
        #expect(names.filter { $0.hasPrefix("mix<") }.count == 1)
        #expect(names.filter { $0.hasPrefix("twice<") }.count == 8 + 2)
    }

    @Test func unmetConstraintsAreNamed() {
        expectError(
            Self.axpy + body("axpy(a: 1, x: x, y: &y)", params: "x: [Int], y: inout [Int]"),
            "'Int' does not conform to 'BinaryFloatingPoint'", at: "x, y",
            help: "'axpy' needs T: BinaryFloatingPoint (Float, Double)")
        expectError(
            Self.axpy + body("axpy(a: 1.0, x: x, y: &y)", params: "x: [Double], y: inout [Float]"),
            "conflicting types for generic parameter 'T'", at: "y)")
        expectError(
            Self.axpy + body("axpy(a: 1.0, x: 2.0, y: &y)", params: "y: inout [Float]"),
            "cannot convert value of type 'Double' to expected argument type '[Float]'", at: "2.0")
    }

    @Test func badDeclarationsAreReported() {
        expectError(
            "func f<T: Hashable>(_ x: T) -> T { x }\n", "unknown constraint 'Hashable'",
            at: "Hashable")
        expectError(
            "func f<T: Numeric>() -> Int { 1 }\n",
            "generic parameter 'T' is not used in a parameter type", at: "T:",
            help: "Kern infers 'T' from the arguments: use it in a parameter's type")
        expectError(
            "func f<Int: Numeric>(_ x: Int) -> Int { x }\n",
            "invalid generic parameter name 'Int'", at: "Int:")
        expectError(
            "func f<T: Numeric>(_ x: T) -> T { x }\nfunc f(_ x: Int) -> Int { x }\n",
            "invalid redeclaration of 'f'", at: "f<")
    }

    @Test func anErrorInTheBodyIsReportedOnce() {
        let run = expectError(
            "func g<T: FixedWidthInteger>(_ x: T) -> T { x + 1.5 }\n",
            "binary operator '+' cannot be applied to operands of type 'Int8' and 'Double'",
            at: "+ 1.5")
        #expect(run.diagnostics.filter { $0.severity == .error }.count == 1)
    }

    /// `axpy<Double>` is exported as `kern_entry_axpy__Double`: a plain function of that
    /// name would define the same symbol, so names with `__` are reserved.
    @Test func namesWithTwoUnderscoresAreReserved() {
        expectError(
            "func axpy__Double(_ x: Double) -> Double { x }\n",
            "function name 'axpy__Double' contains '__', which Kern reserves for generic instances",
            at: "axpy__Double",
            help:
                "rename the function: 'axpy<Double>' is exported as 'kern_entry_axpy__Double', so '__' in a name could collide with an instance"
        )
        expectError(
            "func scale__by<T: Numeric>(_ x: T) -> T { x }\n",
            "function name 'scale__by' contains '__', which Kern reserves for generic instances",
            at: "scale__by")
        expectAccepted("func axpy_double(_ x: Double) -> Double { x }\n")
    }
}
