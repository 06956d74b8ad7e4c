/// KernABI's tables checked against the C runtime they describe: struct layouts
/// (offsets and sizes of the imported C structs), status codes, the signature of every
/// runtime function (read from the headers), the JIT's symbol list, and the entry ABI.
import Foundation
import KernABI
import KernRuntime
import Testing

@Suite struct RuntimeABITests {
    // MARK: Layouts

    /// Offsets of a C struct's fields, given as key paths in declaration order (the
    /// order of the KernABI field enums, whose raw value is the field index).
    static func offsets<C>(_ fields: [PartialKeyPath<C>]) -> [Int?] {
        fields.map { MemoryLayout<C>.offset(of: $0) }
    }

    @Test func callContextLayoutMatchesTheCStruct() {
        typealias C = KernCallContext
        let c = Self.offsets([
            \C.error, \C.seed, \C.threads, \C.flags, \C.rng_iteration, \C.rng_ordinal,
            \C.rng_regions, \C.parallel_depth, \C.reserved, \C.stack_limit,
        ])
        #expect(CallContextField.allCases.map { Int?(RuntimeABI.offset(of: $0)) } == c)
        #expect(RuntimeABI.callContext.size == MemoryLayout<C>.size)
        #expect(RuntimeABI.callContext.alignment == MemoryLayout<C>.alignment)
        // Field sizes: the next offset (or the size) minus this one, as in C.
        #expect(CallContextField.threads.type.size == MemoryLayout<Int32>.size)
    }

    @Test func errorRecordLayoutMatchesTheCStruct() {
        typealias C = KernErrorRecord
        let c = Self.offsets([
            \C.kind, \C.line, \C.column, \C.origin, \C.value0, \C.value1, \C.value2, \C.message,
        ])
        #expect(
            ErrorRecordField.allCases.map {
                Int?(RuntimeABI.errorRecord.offset(ofField: $0.rawValue))
            }
                == c)
        #expect(RuntimeABI.errorRecord.size == MemoryLayout<C>.size)
        #expect(RuntimeABI.statusOffset == 0)
    }

    // MARK: Constants

    @Test func statusCodesMatchKernStatus() {
        let c: [RuntimeStatus: KernStatus] = [
            .ok: KERN_OK, .bounds: KERN_ERR_BOUNDS, .division: KERN_ERR_DIVISION,
            .precondition: KERN_ERR_PRECONDITION, .stride: KERN_ERR_STRIDE,
            .allocation: KERN_ERR_ALLOCATION, .size: KERN_ERR_SIZE, .mpi: KERN_ERR_MPI,
            .stackOverflow: KERN_ERR_STACK,
        ]
        #expect(c.count == RuntimeStatus.allCases.count)
        for status in RuntimeStatus.allCases {
            #expect(c[status].map { Int32($0.rawValue) } == status.rawValue, "\(status)")
        }
        // The header declares no status the table lacks.
        let declared = Self.headerText.matches(of: /\bKERN_(OK|ERR_[A-Z_]+)\s*=/).count
        #expect(declared == RuntimeStatus.allCases.count)
        #expect(RuntimeABI.rngRegionShift == Int(KERN_RNG_REGION_SHIFT))
    }

    // MARK: Runtime functions

    /// The headers' text (kern_runtime.h and kern_parallel.h), comments removed.
    static let headerText: String = {
        let include = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/KernRuntime/include").standardized
        let text = ["kern_runtime.h", "kern_parallel.h"].map { name in
            (try? String(contentsOf: include.appendingPathComponent(name), encoding: .utf8)) ?? ""
        }.joined(separator: "\n")
        return text.replacing(/\/\*[\s\S]*?\*\//, with: " ")
    }()

    /// A C type of the headers as the ABI sees it; nil for what the table cannot hold.
    static func abiType(_ c: String) -> ABIType? {
        let t = c.replacing(/\bconst\b/, with: "").replacing(/\s+/, with: " ")
            .trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("*") || t == "KernBlockBody" || t == "KernPrintSink" { return .pointer }
        switch t {
        case "void": return .void
        case "int8_t", "uint8_t": return .int8
        case "int32_t", "uint32_t", "int": return .int32
        case "int64_t", "uint64_t", "size_t": return .int64
        case "float": return .float
        case "double": return .double
        default: return nil
        }
    }

    /// The C prototype `name(...)` of the headers as an ABI function type.
    static func declaredType(of name: String) -> ABIFunctionType? {
        let text = headerText
        guard
            let match = text.firstMatch(
                of: try! Regex("([A-Za-z_][A-Za-z0-9_ ]*\\**)\\s*\\b\(name)\\s*\\(([^)]*)\\)\\s*;"))
        else { return nil }
        let resultText = String(match.output[1].substring ?? "")
        let parameterText = String(match.output[2].substring ?? "")
        guard let result = abiType(resultText) else { return nil }
        if parameterText.trimmingCharacters(in: .whitespaces) == "void" {
            return ABIFunctionType(result, [])
        }
        var parameters: [ABIType] = []
        for p in parameterText.split(separator: ",") {
            // Drop the parameter's name: the last identifier after the type.
            let typeText = String(p).replacing(/\s*\b[A-Za-z_][A-Za-z0-9_]*\s*$/, with: "")
            guard let t = abiType(typeText.contains("*") ? typeText : typeText) else { return nil }
            parameters.append(t)
        }
        return ABIFunctionType(result, parameters)
    }

    @Test(arguments: RuntimeFunction.allCases)
    func runtimeFunctionMatchesItsPrototype(_ f: RuntimeFunction) {
        #expect(Self.declaredType(of: f.symbol) == f.type, "\(f.symbol)")
    }

    @Test func blockBodyMatchesTheTypedef() throws {
        let text = Self.headerText
        let match = try #require(
            text.firstMatch(of: /typedef\s+int32_t\s*\(\s*\*\s*KernBlockBody\s*\)\s*\(([^)]*)\)/))
        let parameters = match.output.1.split(separator: ",").map { p in
            Self.abiType(String(p).replacing(/\s*\b[A-Za-z_][A-Za-z0-9_]*\s*$/, with: ""))
        }
        #expect(parameters == RuntimeABI.blockBody.parameters.map { Optional($0) })
        #expect(RuntimeABI.blockBody.result == .int32)
    }

    /// The parser itself reads a known prototype right (guards against a test that
    /// agrees with anything).
    @Test func headerParserReadsKernRtFail() {
        #expect(
            Self.declaredType(of: "kern_rt_fail")
                == ABIFunctionType(
                    .void, [.pointer, .int32, .int32, .int32, .int64, .int64, .int64, .pointer]))
        #expect(
            Self.declaredType(of: "kern_rt_format_f64")
                == ABIFunctionType(.int32, [.double, .pointer]))
        #expect(Self.declaredType(of: "no_such_function") == nil)
    }

    // MARK: The JIT's symbol table

    @Test func everyRuntimeFunctionHasAnAddressAndNothingElseIsListed() {
        for f in RuntimeFunction.allCases {
            #expect(kern_rt_symbol_address(f.symbol) != nil, "\(f.symbol)")
        }
        #expect(Int(kern_rt_symbol_count()) == RuntimeFunction.allCases.count)
        #expect(kern_rt_symbol_address("kern_rt_set_print_sink") == nil)
    }

    // MARK: Entry ABI

    @Test func entryArgumentsFollowTheHeadersConvention() {
        let parameters: [EntryParameter<String>] = [
            .scalar("Float", isInout: false), .array("Double", rank: 2),
            .scalar("Int", isInout: true),
        ]
        #expect(
            EntryABI.entryArguments(parameters) == [
                .context, .value(parameter: 0, "Float"), .data(parameter: 1, "Double"),
                .extent(parameter: 1, axis: 0), .extent(parameter: 1, axis: 1),
                .stride(parameter: 1, axis: 0), .stride(parameter: 1, axis: 1),
                .address(parameter: 2, "Int"), .result,
            ])
        #expect(EntryABI.internalArguments(parameters).last == .address(parameter: 2, "Int"))
        #expect(EntryABI.internalArguments([EntryParameter<String>]()) == [.context])
    }
}
