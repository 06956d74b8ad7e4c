import Foundation
import KernBasics
import Testing

@testable import KernIR

/// The built-in table (KernBasics/MathFunction.swift) is consistent: every name resolves
/// back to its case, symbols are unique, arities agree with the C functions, and every
/// function round-trips through IR text.
@Suite struct BuiltinTableTests {
    @Test func namesResolveToTheirCase() {
        for f in MathFunction.allCases {
            let entry = f.entry
            switch entry.syntax {
            case .call:
                #expect(MathFunction(callName: entry.name) == f, "\(entry.name)")
                #expect(MathFunction(propertyName: entry.name) == nil)
            case .property:
                #expect(MathFunction(propertyName: entry.name) == f, "\(entry.name)")
                #expect(MathFunction(callName: entry.name) == nil)
            }
            #expect(MathFunction(irName: entry.irName) == f, "\(entry.irName)")
        }
        #expect(Set(MathFunction.allCases.map(\.irName)).count == MathFunction.allCases.count)
        #expect(MathFunction(callName: "isNaN") == nil)
        #expect(MathFunction(callName: "nosuch") == nil)
    }

    @Test func cFunctionsHaveUniqueSymbolsAndTheirArity() {
        var symbols: [String] = []
        for f in MathFunction.allCases {
            guard case .function(let c, _) = f.entry.implementation else { continue }
            #expect(c.pointers.arity == f.entry.arity, "\(f.name)")
            #expect(c.symbol(for: .double) == c.double)
            #expect(c.symbol(for: .float) == c.float)
            #expect(c.symbols.allSatisfy { $0.1 != 0 })
            symbols += c.symbols.map(\.0)
        }
        #expect(Set(symbols).count == symbols.count, "a symbol is listed twice")
        #expect(symbols.contains("hypotf") && symbols.contains("kern_sinpi"))
    }

    @Test func builtinNamesCoverMathOtherBuiltinsAndTypes() {
        let names = BuiltinFunction.bareNames
        for expected in [
            "sqrt", "sinpi", "cospi", "print", "atomicAdd", "prange", "Int64", "Double",
        ] {
            #expect(names.contains(expected), "\(expected)")
        }
        #expect(!names.contains("random"), "random is written Double.random(in:)")
        #expect(!names.contains("isNaN"), "isNaN is a property")
        #expect(BuiltinFunction(bareName: "random") == nil)
        #expect(!BuiltinFunction.print.isPure && BuiltinFunction.precondition.isPure)
    }

    @Test func everyMathFunctionRoundTripsThroughIRText() throws {
        for f in MathFunction.allCases {
            let entry = f.entry
            let params = (0..<entry.arity).map { "%\($0) a\($0): f64" }.joined(separator: ", ")
            let operands = (0..<entry.arity).map { "%\($0)" }.joined(separator: ", ")
            let result = entry.result == .bool ? "bool" : "f64"
            let text = """
                module "t"
                func @f(\(params)) -> \(result) {
                  %\(entry.arity) = math.\(entry.irName) \(operands) : \(result)
                  return %\(entry.arity)
                }
                """
            let module = try parse(text)
            #expect(verify(module).isEmpty, "\(f.name)")
            #expect(printModule(module).contains("math.\(entry.irName) "), "\(f.name)")
        }
    }

    @Test func scalarTypeSpellings() {
        for s in ScalarType.allCases {
            #expect(ScalarType(name: s.name) == s)
            #expect(ScalarType(irName: s.irName) == s)
        }
        #expect(ScalarType(name: "Int64") == .int64 && ScalarType(name: "UInt64") == .uint64)
        #expect(ScalarType(irName: "Int") == nil && ScalarType(name: "i64") == nil)
        #expect(ScalarType.double.irName == "f64" && ScalarType.int64.name == "Int")
        #expect(ScalarType.bool.byteSize == 1 && ScalarType.uint16.byteSize == 2)
    }
}

/// Kern's own sinpi/cospi (KernBasics/KernMath.swift): IEEE sinPi/cosPi special values,
/// symmetry, periodicity, and agreement with sin(π·x) to a few ulp.
@Suite struct SinPiCosPiTests {
    @Test func exactAtIntegersAndHalfIntegers() {
        for n in -20...20 {
            let x = Double(n)
            #expect(kernSinPi(x) == 0 && kernSinPi(x).sign == (n < 0 ? .minus : .plus), "\(n)")
            #expect(kernCosPi(x) == (n.isMultiple(of: 2) ? 1 : -1), "\(n)")
            let h = x + 0.5
            #expect(kernCosPi(h) == 0 && kernCosPi(h).sign == .plus, "\(h)")
            #expect(kernSinPi(h) == (((n % 2) + 2) % 2 == 0 ? 1 : -1), "\(h)")
        }
        #expect(kernSinPi(-0.0).sign == .minus)
        #expect(kernSinPi(0x1p60) == 0 && kernCosPi(0x1p60) == 1)
        #expect(kernCosPi(0x1p52 + 1) == -1 && kernSinPi(-(0x1p52 + 1)).sign == .minus)
        #expect(kernSinPi(.infinity).isNaN && kernCosPi(-.infinity).isNaN)
        #expect(kernSinPi(.nan).isNaN && kernCosPi(.nan).isNaN)
        #expect(kernSinPiF(0.5) == 1 && kernCosPiF(1) == -1 && kernCosPiF(0.5) == 0)
    }

    @Test func closeToSinAndCosOfPiX() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let x = Double.random(in: -0.25...0.25, using: &rng)
            // sin(π·x) through Double.pi is itself ~1 ulp off; both within 3 ulp.
            let s = sin(Double.pi * x)
            #expect(abs(kernSinPi(x) - s) <= 3 * s.ulp, "sinpi(\(x))")
            let c = cos(Double.pi * x)
            #expect(abs(kernCosPi(x) - c) <= 3 * c.ulp, "cospi(\(x))")
        }
    }

    @Test func symmetricAndPeriodic() {
        for k in 1..<2000 {
            let x = Double(k) * 0x1p-9  // exact, so x + 2 is exact too
            #expect(kernSinPi(-x) == -kernSinPi(x))
            #expect(kernCosPi(-x) == kernCosPi(x))
            #expect(kernSinPi(x + 2) == kernSinPi(x), "\(x)")
            #expect(kernCosPi(x + 2) == kernCosPi(x), "\(x)")
            #expect(Float(kernSinPi(x)) == kernSinPiF(Float(x)))
        }
    }

    @Test func interpreterCallsTheTableFunction() throws {
        #expect(try evalMath(.sinpi, [.double(1.0 / 3)]) == .double(kernSinPi(1.0 / 3)))
        #expect(try evalMath(.cospi, [.float(0.3)]) == .float(kernCosPiF(0.3)))
    }
}
