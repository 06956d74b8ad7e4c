import Foundation
import KernBasics
import KernIR
import KernLLVM
import KernRuntime
import Testing

@testable import KernJIT

#if canImport(Glibc)
    import Glibc
#endif

/// ObjectLinker, the in-process linker for compile-cache hits: the objects LLVM emits
/// (the JIT's large code model, the small model with stubs for far calls) link and compute what ORC's linking of the same code computes;
/// malformed, truncated, foreign or unsupported objects give nil (the caller then uses
/// ORC), never a crash. A split compile's partitions: CachedLinkTests (KernTests).
@Suite struct ObjectLinkerTests {
    typealias D = @convention(c) (Ctx, Double, Result8) -> Int32

    /// Functions calling libm (external symbols): exp, cbrt, erf, tanh, log1p.
    static let operations: [MathFunction] = [.exp, .cbrt, .erf, .tanh, .log1p]
    static let inputs: [Double] = [-3.5, -1, -0.0, 0, 0.25, 1, 2.5, 700, .infinity, .nan]

    static func functions() -> [KernIR.Function] {
        operations.map { op in
            makeFunction(op.irName, [("x", .scalar(.double), false)], returns: .scalar(.double)) {
                b, p in
                b.ret(b.emit(.math(op, [p[0].value]), .scalar(.double)))
            }
        }
    }

    static var names: [String] { operations.map(\.irName) }

    /// Calls every function of `entry` on every input: the bit patterns.
    static func results(_ entry: (String) throws -> D) throws -> [UInt64] {
        let call = Call()
        var out: [UInt64] = []
        for name in names {
            let f = try entry(name)
            for x in inputs { out.append(call.value(Double.self) { f($0, x, $1) }.bitPattern) }
        }
        return out
    }

    static func results(of linked: LinkedModule) throws -> [UInt64] {
        try results { name in
            unsafeBitCast(try #require(linked.address(ofEntry: name)), to: D.self)
        }
    }

    static func reference() throws -> [UInt64] {
        let m = try Loaded(functions())
        return try results { try m.entry($0, as: D.self) }
    }

    /// The relocation types of an object.
    static func relocationTypes(_ object: [UInt8]) throws -> Set<UInt32> {
        let elf = try #require(ELFObject(object))
        return Set(elf.relocations.values.flatMap { $0.map(\.type) })
    }

    @Test func jitObjectLinksLikeORC() throws {
        let compiled = try LLVMBackend.compile(makeModule(Self.functions()), options: .init())
        let object = try compiled.objectCode()
        // The JIT's large code model: GOT-relative 64-bit relocations.
        #expect(try Self.relocationTypes(object).isSuperset(of: [27, 29]))
        let linked = try #require(
            ObjectLinker.link(objects: [object], exportedFunctions: Self.names))
        #expect(try Self.results(of: linked) == Self.reference())
    }

    @Test func smallCodeModelCallsOutOfRangeGoThroughStubs() throws {
        let compiled = try LLVMBackend.compile(
            makeModule(Self.functions()), options: .init(), runsInProcess: false)
        let object = try compiled.objectCode()
        // PLT32 calls of libm, ±2 GiB from wherever the image is mapped.
        #expect(try Self.relocationTypes(object).contains(4))
        let linked = try #require(
            ObjectLinker.link(objects: [object], exportedFunctions: Self.names))
        #expect(try Self.results(of: linked) == Self.reference())
    }

    @Test func releasingTheModuleUnmapsItsCode() throws {
        let object = try LLVMBackend.compile(makeModule(Self.functions()), options: .init())
            .objectCode()
        var linked = ObjectLinker.link(objects: [object], exportedFunctions: Self.names)
        let entry = try #require(linked?.address(ofEntry: "exp"))
        let page = UnsafeMutableRawPointer(
            bitPattern: UInt(bitPattern: entry) & ~UInt(getpagesize() - 1))
        #expect(msync(page, 1, MS_ASYNC) == 0)
        linked = nil
        // An unmapped page: msync fails with ENOMEM.
        #expect(msync(page, 1, MS_ASYNC) == -1 && errno == ENOMEM)
    }

    // MARK: - Bad input falls back (nil)

    static func jitObject() throws -> [UInt8] {
        try LLVMBackend.compile(makeModule(Self.functions()), options: .init()).objectCode()
    }

    static func links(_ object: [UInt8]) -> Bool {
        ObjectLinker.link(objects: [object], exportedFunctions: names) != nil
    }

    @Test func truncatedAndForeignObjectsFallBack() throws {
        let object = try Self.jitObject()
        #expect(Self.links(object))
        var cuts = Array(0..<160)
        cuts += stride(from: 160, to: object.count, by: 61)
        for n in cuts { #expect(!Self.links(Array(object.prefix(n))), "\(n) bytes") }
        #expect(!Self.links([]))
        #expect(!Self.links(Array("KERNOBJS not an object".utf8)))
        func patched(_ at: Int, _ value: UInt8) -> [UInt8] {
            var copy = object
            copy[at] = value
            return copy
        }
        #expect(!Self.links(patched(0, 0x7e)))  // magic
        #expect(!Self.links(patched(4, 1)))  // 32-bit
        #expect(!Self.links(patched(5, 2)))  // big-endian
        #expect(!Self.links(patched(16, 2)))  // an executable, not relocatable
        #expect(!Self.links(patched(18, 183)))  // AArch64
        // A missing entry point is not linked either.
        #expect(ObjectLinker.link(objects: [object], exportedFunctions: ["nope"]) == nil)
    }

    /// Writes a little-endian integer into `bytes`.
    static func poke<T: FixedWidthInteger>(_ bytes: inout [UInt8], _ at: Int, _ value: T) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for k in 0..<raw.count { bytes[at + k] = raw[k] }
        }
    }

    /// The file offset of the section header of the first section with `flags` set.
    static func sectionHeader(_ object: [UInt8], flags: UInt64) throws -> Int {
        let elf = try #require(ELFObject(object))
        let table = Int(object[40]) | Int(object[41]) << 8 | Int(object[42]) << 16
        let k = try #require(elf.sections.firstIndex { $0.flags & flags == flags && $0.size > 0 })
        return table + k * 64
    }

    @Test func unknownSectionFlagsAndTypesFallBack() throws {
        let object = try Self.jitObject()
        let text = try Self.sectionHeader(object, flags: ELF.alloc | ELF.execute)
        var tls = object
        Self.poke(&tls, text + 8, UInt64(0x2 | 0x4 | 0x400))  // SHF_TLS
        #expect(!Self.links(tls))
        var writableCode = object
        Self.poke(&writableCode, text + 8, UInt64(0x1 | 0x2 | 0x4))
        #expect(!Self.links(writableCode))
        var unwind = object
        Self.poke(&unwind, text + 4, UInt32(0x7000_0001))  // SHT_X86_64_UNWIND
        #expect(!Self.links(unwind))
        var rel = object
        let elf = try #require(ELFObject(object))
        let table = Int(object[40]) | Int(object[41]) << 8 | Int(object[42]) << 16
        let rela = try #require(elf.sections.firstIndex { $0.type == ELF.rela })
        Self.poke(&rel, table + rela * 64 + 4, UInt32(9))  // SHT_REL
        #expect(!Self.links(rel))
    }

    /// The file offset of the first RELA entry of relocation type `type`.
    static func relocationEntry(_ object: [UInt8], type: UInt32) throws -> Int {
        let elf = try #require(ELFObject(object))
        for section in elf.sections where section.type == ELF.rela {
            for k in 0..<(section.size / 24) {
                let at = section.offset + k * 24
                if UInt32(object[at + 8]) | UInt32(object[at + 9]) << 8 == type { return at }
            }
        }
        Issue.record("no relocation of type \(type)")
        return 0
    }

    @Test func unknownRelocationsAndOverflowsFallBack() throws {
        let object = try Self.jitObject()
        let got64 = try Self.relocationEntry(object, type: 27)
        var unknown = object
        Self.poke(&unknown, got64 + 8, UInt32(36))  // R_X86_64_TLSDESC_CALL
        #expect(!Self.links(unknown))
        // R_X86_64_32 of an address above 4 GiB (the image, libm): does not fit.
        var overflow = object
        let gotoff = try Self.relocationEntry(object, type: 25)
        Self.poke(&overflow, gotoff + 8, UInt32(10))
        #expect(!Self.links(overflow))
        // A relocation past the end of its section.
        var outside = object
        Self.poke(&outside, got64, UInt64(1) << 32)
        #expect(!Self.links(outside))
        // A symbol index past the symbol table.
        var symbol = object
        Self.poke(&symbol, got64 + 12, UInt32(0xffff))
        #expect(!Self.links(symbol))
    }

    @Test func unresolvedSymbolsFallBack() throws {
        var object = try Self.jitObject()
        // libm's `cbrt`, as the object names it, renamed to `brt` (a name nothing defines)
        // by pointing its name one byte further into the string table.
        let elf = try #require(ELFObject(object))
        let table = try #require(elf.sections.first { $0.type == ELF.symbolTable })
        let index = try #require(
            elf.symbols.firstIndex { $0.name == "cbrt" && $0.section == ELF.undefined })
        let at = table.offset + index * 24
        let name = UInt32(object[at]) | UInt32(object[at + 1]) << 8 | UInt32(object[at + 2]) << 16
        Self.poke(&object, at, name + 1)
        #expect(try #require(ELFObject(object)).symbols[index].name == "brt")
        #expect(!Self.links(object))
    }

    /// Random damage: never a crash (the result may link or not; it is never called).
    @Test func randomDamageNeverCrashes() throws {
        let object = try Self.jitObject()
        var random = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var copy = object
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                copy[Int.random(in: 0..<copy.count, using: &random)] = UInt8.random(
                    in: 0...255, using: &random)
            }
            _ = ObjectLinker.link(objects: [copy], exportedFunctions: Self.names)
        }
    }
}
