/// A relocatable x86-64 ELF object as the in-process linker (ObjectLinker.swift) needs it:
/// its sections, symbols and RELA relocations, read with every offset and size checked.
///
/// In: the bytes of one object (a compile-cache entry's, as LLVM emitted it). Out: the
/// parsed object, or nil for anything that is not a well-formed little-endian 64-bit
/// relocatable object for x86-64 (truncated, corrupt, foreign, or using ELF features this
/// reader does not implement: REL sections, extended section numbering). Nil is never an
/// error here: the caller then links the object with LLVM's JIT instead.
struct ELFObject {
    struct Section {
        var type: UInt32
        var flags: UInt64
        var offset: Int
        var size: Int
        var link: UInt32
        var info: UInt32
        var alignment: UInt64
    }

    struct Symbol {
        var name: String
        var binding: UInt8
        var type: UInt8
        /// The section index, or one of `ELF.undefined`, `ELF.absolute`, `ELF.common`, ….
        var section: UInt16
        var value: UInt64
    }

    struct Relocation {
        /// The byte offset in the section the relocation applies to.
        var offset: UInt64
        var type: UInt32
        var symbol: Int
        var addend: Int64
    }

    let bytes: [UInt8]
    private(set) var sections: [Section] = []
    private(set) var symbols: [Symbol] = []
    /// Relocations by the index of the section they apply to.
    private(set) var relocations: [Int: [Relocation]] = [:]

    init?(_ bytes: [UInt8]) {
        self.bytes = bytes
        let reader = Reader(bytes: bytes)
        // "\x7fELF", 64-bit (2), little-endian (1), version 1.
        guard bytes.count >= 64, bytes[0] == 0x7f, bytes[1] == 0x45, bytes[2] == 0x4c,
            bytes[3] == 0x46, bytes[4] == 2, bytes[5] == 1,
            bytes[6] == 1, reader.u16(16) == ELF.relocatable, reader.u16(18) == ELF.machineX86x64,
            let sectionTable = reader.u64(40), reader.u16(58) == 64,
            let count = reader.u16(60).map(Int.init), count > 0,
            let names = reader.u16(62).map(Int.init), names < count
        else { return nil }
        guard sectionTable <= UInt64(bytes.count),
            UInt64(bytes.count) - sectionTable >= UInt64(count) * 64
        else { return nil }
        for k in 0..<count {
            let at = Int(sectionTable) + k * 64
            guard let type = reader.u32(at + 4), let flags = reader.u64(at + 8),
                let offset = reader.u64(at + 24), let size = reader.u64(at + 32),
                let link = reader.u32(at + 40), let info = reader.u32(at + 44),
                let alignment = reader.u64(at + 48), size < 1 << 40
            else { return nil }
            // NOBITS occupies no file bytes; every other section must lie inside the file.
            if type != ELF.noBits && type != ELF.null {
                guard offset <= UInt64(bytes.count), UInt64(bytes.count) - offset >= size else {
                    return nil
                }
            }
            sections.append(
                Section(
                    type: type, flags: flags, offset: Int(truncatingIfNeeded: offset),
                    size: Int(size), link: link, info: info, alignment: alignment))
        }
        let tables = sections.indices.filter { sections[$0].type == ELF.symbolTable }
        guard tables.count == 1, let symbols = readSymbols(tables[0], reader) else { return nil }
        self.symbols = symbols
        for section in sections {
            switch section.type {
            case ELF.rel: return nil
            case ELF.rela:
                guard section.link == UInt32(tables[0]), Int(section.info) < count,
                    let list = readRelocations(section, reader)
                else { return nil }
                relocations[Int(section.info), default: []] += list
            default: break
            }
        }
    }

    private func readSymbols(_ index: Int, _ reader: Reader) -> [Symbol]? {
        let table = sections[index]
        guard table.size % 24 == 0, Int(table.link) < sections.count,
            sections[Int(table.link)].type == ELF.stringTable
        else { return nil }
        let strings = sections[Int(table.link)]
        var out: [Symbol] = []
        out.reserveCapacity(table.size / 24)
        for k in 0..<(table.size / 24) {
            let at = table.offset + k * 24
            guard let nameOffset = reader.u32(at), let info = reader.u8(at + 4),
                let section = reader.u16(at + 6), let value = reader.u64(at + 8),
                let name = reader.string(in: strings, at: Int(nameOffset))
            else { return nil }
            out.append(
                Symbol(
                    name: name, binding: info >> 4, type: info & 0xf, section: section,
                    value: value))
        }
        return out
    }

    private func readRelocations(_ section: Section, _ reader: Reader) -> [Relocation]? {
        guard section.size % 24 == 0 else { return nil }
        var out: [Relocation] = []
        out.reserveCapacity(section.size / 24)
        for k in 0..<(section.size / 24) {
            let at = section.offset + k * 24
            guard let offset = reader.u64(at), let info = reader.u64(at + 8),
                let addend = reader.u64(at + 16), Int(info >> 32) < symbols.count
            else { return nil }
            out.append(
                Relocation(
                    offset: offset, type: UInt32(truncatingIfNeeded: info),
                    symbol: Int(info >> 32), addend: Int64(bitPattern: addend)))
        }
        return out
    }
}

/// Bounds-checked little-endian reads; nil past the end.
private struct Reader {
    let bytes: [UInt8]

    func u8(_ at: Int) -> UInt8? { at >= 0 && at < bytes.count ? bytes[at] : nil }

    func integer(_ at: Int, _ size: Int) -> UInt64? {
        guard at >= 0, size <= bytes.count, at <= bytes.count - size else { return nil }
        var value: UInt64 = 0
        for k in stride(from: size - 1, through: 0, by: -1) {
            value = value << 8 | UInt64(bytes[at + k])
        }
        return value
    }

    func u16(_ at: Int) -> UInt16? { integer(at, 2).map { UInt16($0) } }
    func u32(_ at: Int) -> UInt32? { integer(at, 4).map { UInt32($0) } }
    func u64(_ at: Int) -> UInt64? { integer(at, 8) }

    /// The NUL-terminated string at `at` inside `table`; nil if it runs past the table.
    func string(in table: ELFObject.Section, at: Int) -> String? {
        guard at >= 0, at < table.size else { return nil }
        let start = table.offset + at
        let end = table.offset + table.size
        guard let nul = bytes[start..<end].firstIndex(of: 0) else { return nil }
        return String(decoding: bytes[start..<nul], as: UTF8.self)
    }
}

/// The ELF constants the reader and the linker use (System V ABI, x86-64 psABI).
enum ELF {
    static let relocatable: UInt16 = 1
    static let machineX86x64: UInt16 = 62

    // Section types.
    static let null: UInt32 = 0
    static let progBits: UInt32 = 1
    static let symbolTable: UInt32 = 2
    static let stringTable: UInt32 = 3
    static let rela: UInt32 = 4
    static let noBits: UInt32 = 8
    static let rel: UInt32 = 9

    // Section flags.
    static let write: UInt64 = 0x1
    static let alloc: UInt64 = 0x2
    static let execute: UInt64 = 0x4
    /// Every flag an allocated section may carry here: write, alloc, execute, merge,
    /// strings, info-link, and x86-64's large-section flag (`.ltext`, `.lrodata`).
    static let knownAllocFlags: UInt64 = 0x1 | 0x2 | 0x4 | 0x10 | 0x20 | 0x40 | 0x1000_0000

    // Special section indices of symbols.
    static let undefined: UInt16 = 0
    static let absolute: UInt16 = 0xfff1

    // Symbol bindings and types.
    static let local: UInt8 = 0
    static let global: UInt8 = 1
    static let weak: UInt8 = 2
    static let noType: UInt8 = 0
    static let object: UInt8 = 1
    static let function: UInt8 = 2
    static let sectionSymbol: UInt8 = 3
    static let file: UInt8 = 4
}
