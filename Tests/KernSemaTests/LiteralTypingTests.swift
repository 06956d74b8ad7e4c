import KernBasics
import Testing

@testable import KernSema

/// Contextual typing of literals (LANGUAGE.md §2) and the `constants` table.
@Suite struct LiteralTypingTests {
    @Test func integerLiteralTakesAnnotatedFloatType() {
        let run = expectAccepted(body("let a: Float = 1\nlet b: Double = 2\nlet c: UInt8 = 255"))
        #expect(run.constant(of: "1") == .floating(.float, 1))
        #expect(run.constant(of: "2") == .floating(.double, 2))
        #expect(run.constant(of: "255") == .integer(.uint8, bits: 255))
    }

    @Test func defaultsAreIntAndDouble() {
        let run = expectAccepted(body("let a = 7\nlet b = 0.5"))
        #expect(run.type(of: "7") == .scalar(.int64))
        #expect(run.type(of: "0.5") == .scalar(.double))
        #expect(run.program?.locals[run.local("a")!].type == .scalar(.int64))
        #expect(run.program?.locals[run.local("b")!].type == .scalar(.double))
    }

    /// Rejected programs, one `expectError` each: Rejections/LiteralTypingTests.txt.
    static let rejected = RejectCase.load("LiteralTypingTests")

    @Test(arguments: rejected) func rejects(_ c: RejectCase) { c.check() }

    @Test func negativeLiteralFits() {
        let run = expectAccepted(body("let b: Int8 = -128\nlet c: Int8 = 127"))
        #expect(run.constant(of: "-128") == .integer(.int8, bits: UInt64(bitPattern: -128)))
        #expect(run.type(of: "-128") == .scalar(.int8))
    }

    @Test func uint64Max() {
        let run = expectAccepted(body("let b: UInt = 18446744073709551615"))
        #expect(run.constant(of: "18446744073709551615") == .integer(.uint64, bits: UInt64.max))
    }

    @Test func int64Min() {
        let run = expectAccepted(body("let b = -9223372036854775808"))
        #expect(run.constant(of: "-9223372036854775808") == .integer(.int64, bits: 1 << 63))
    }

    @Test func floatLiteralRoundedToFloat() {
        let run = expectAccepted(body("let f: Float = 0.1"))
        #expect(run.constant(of: "0.1") == .floating(.float, Double(Float(0.1))))
    }

    @Test func bidirectionalRightLiteral() {
        let run = expectAccepted(body("let y = x * 2.0", params: "x: Float"))
        #expect(run.type(of: "2.0") == .scalar(.float))
        #expect(run.type(of: "x * 2.0") == .scalar(.float))
        #expect(run.constant(of: "2.0") == .floating(.float, 2))
    }

    @Test func bidirectionalLeftLiteral() {
        let run = expectAccepted(body("let y = 2 * x", params: "x: Float"))
        #expect(run.type(of: "2") == .scalar(.float))
        #expect(run.constant(of: "2") == .floating(.float, 2))
    }

    @Test func twoLiteralsTakeContext() {
        let run = expectAccepted(body("let y: Float = 1 + 2.5\nlet z = 1 + 2.5\nlet w = 3 * 4"))
        #expect(run.program?.locals[run.local("z")!].type == .scalar(.double))
        #expect(run.type(of: "1 + 2.5") == .scalar(.float))
        #expect(run.type(of: "3 * 4") == .scalar(.int64))
    }

    @Test func literalTakesParameterType() {
        let run = expectAccepted(
            "func g(a: Int32, b: Float) -> Float { b }\nfunc f() -> Float { g(a: 3, b: 4) }")
        #expect(run.constant(of: "3") == .integer(.int32, bits: 3))
        #expect(run.constant(of: "4") == .floating(.float, 4))
    }

    @Test func literalTakesReturnType() {
        let run = expectAccepted("func f() -> UInt16 { return 65535 }")
        #expect(run.constant(of: "65535") == .integer(.uint16, bits: 65535))
    }

    @Test func literalTakesArrayElementType() {
        let run = expectAccepted(body("var a = [Float](repeating: 0, count: 4)\na[0] = 1.5"))
        #expect(run.constant(of: "0") == .floating(.float, 0))
        #expect(run.constant(of: "1.5") == .floating(.float, 1.5))
    }

    @Test func negatedFloatLiteral() {
        let run = expectAccepted(body("let a: Float = -2.5"))
        #expect(run.constant(of: "-2.5") == .floating(.float, -2.5))
    }

    @Test func everyLiteralHasAConstant() {
        let run = expectAccepted(body("let a = true\nlet b = 1 + 2 * 3\nlet c = (4)"))
        guard let program = run.program else { return }
        for id in run.ast.exprs.ids {
            switch run.ast.exprs[id].kind {
            case .integerLiteral, .floatLiteral, .boolLiteral:
                #expect(program.constants[id] != nil)
            default:
                break
            }
        }
        #expect(run.constant(of: "true") == .bool(true))
    }

    @Test func hexAndBinaryLiterals() {
        let run = expectAccepted(body("let a: UInt8 = 0xFF\nlet b = 0b1010"))
        #expect(run.constant(of: "0xFF") == .integer(.uint8, bits: 255))
        #expect(run.constant(of: "0b1010") == .integer(.int64, bits: 10))
    }

    @Test func literalInComparisonTakesOtherSide() {
        let run = expectAccepted(body("let b = x < 10", params: "x: UInt8"))
        #expect(run.constant(of: "10") == .integer(.uint8, bits: 10))
    }

}
