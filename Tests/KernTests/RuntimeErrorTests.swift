import KernRuntime
import KernTestSupport
/// Failed checks inside generated code (status + ctx->error) come back as
/// `KernError.runtime` with kind, message and source position.
import Testing

@testable import Kern

@Suite struct RuntimeErrorTests {
    private func runtimeError(_ body: () throws -> Void) -> (
        RuntimeErrorKind, String, SourcePos, KernError
    )? {
        do {
            try body()
        } catch let e as KernError {
            if case .runtime(let kind, let message, let position, _, _) = e {
                return (kind, message, position, e)
            }
        } catch {}
        return nil
    }

    @Test func outOfBounds() throws {
        let get = try Entries.get()
        let x = [Double](repeating: 1.5, count: 10)
        #expect(try get(x, 9).as(Double.self) == 1.5)
        let e = runtimeError { try get(x, 10) }
        #expect(e?.0 == .outOfBounds(index: 10, bound: 10, dimension: 0))
        #expect(e?.1 == "index 10 is out of bounds for dimension 0 of length 10")
        #expect(e?.2 == SourcePos(line: 4, column: 12))
        #expect(
            runtimeError { try get(x, -1) }?.0 == .outOfBounds(index: -1, bound: 10, dimension: 0))
    }

    @Test func divisionByZero() throws {
        let divmod = try Entries.divmod()
        let e = runtimeError { try divmod(1, 0) }
        #expect(e?.0 == .divisionByZero)
        #expect(e?.2 == SourcePos(line: 3, column: 14))
        #expect(
            try divmod(-7, 2) == .tuple([.int64(-3), .int64(-1)]),
            "a failed call leaves the function usable")
    }

    @Test func preconditionWithAndWithoutMessage() throws {
        let check = try Entries.function("check", [.init(name: "v", type: .scalar(.int64))])
        let seven = runtimeError { try check(7) }
        #expect(seven?.0 == .preconditionFailed(message: "seven is unlucky"))
        #expect(seven?.1 == "precondition failed: seven is unlucky")
        #expect(seven?.2 == SourcePos(line: 8, column: 3))
        let negative = runtimeError { try check(-1) }
        #expect(negative?.0 == .preconditionFailed(message: nil))
        #expect(negative?.1 == "precondition failed")
        try check(3)
        let saxpy = try Entries.saxpy()
        var y: [Float] = [1, 2]
        #expect(
            runtimeError { try saxpy(Float(1), [Float(1)], &y) }?.1
                == "precondition failed: x and y differ in length")
    }

    @Test func renderedWithTheSourceLine() throws {
        let source = """
            func get(x: [Double], i: Int) -> Double {
                // a comment
                // another
                return x[i]
            }
            """
        let file = SourceFile(name: "get.kern", text: source)
        let get = try Entries.get(file: file)
        let e = runtimeError { try get([1.0], 3) }
        #expect(
            e.map { "\($0.3)" } == """
                get.kern:4:12: error: runtime error in 'get': index 3 is out of bounds for dimension 0 of length 1
                        return x[i]
                               ^
                """)
        let bare = runtimeError { try Entries.get()([1.0], 3) }
        #expect(
            bare.map { "\($0.3)" }
                == "get:4:12: error: runtime error in 'get': index 3 is out of bounds for dimension 0 of length 1"
        )
    }

    @Test func everyStatusHasAMessage() {
        func decode(_ kind: Int32, _ v0: Int64 = 0, _ message: StaticString? = nil)
            -> RuntimeErrorKind
        {
            var record = KernErrorRecord()
            record.kind = kind
            record.value0 = v0
            if let message {
                record.message = UnsafeRawPointer(message.utf8Start).assumingMemoryBound(
                    to: CChar.self)
            }
            return RuntimeErrorKind(record)
        }
        #expect(decode(4) == .zeroStride)
        #expect(
            decode(5, 1 << 40).message == "could not allocate 1099511627776 bytes for a local array"
        )
        #expect(decode(6, -3).message == "cannot create a local array with negative count -3")
        #expect(decode(3, 0, "m") == .preconditionFailed(message: "m"))
        #expect(decode(99) == .unknown(status: 99))
    }
}
