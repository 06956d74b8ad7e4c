/// The in-process linker for compile-cache hits: links the x86-64 ELF relocatable objects
/// LLVM emitted for this process (one, or one per partition of a split compile) into
/// memory without LLVM, so a warm start never loads libLLVM (docs/decisions.md,
/// "Cache hits without LLVM").
///
/// In: the objects and the exported Kern function names. Out: a `LinkedModule` with the
/// address of every `kern_entry_<name>`, or nil — for anything this linker does not
/// implement or does not trust (an unknown relocation, section type or flag, symbol kind,
/// an unresolved symbol, a value that does not fit its field, malformed input, another
/// architecture). Nil is never an error: the caller links the same objects with ORC.
///
/// Layout: one anonymous mapping, three page-aligned regions — code (read + execute),
/// read-only data followed by the GOT, and writable data (zero-filled NOBITS included).
/// Symbols resolve to the objects' own definitions first (a partition's hidden symbols
/// are visible to the other partitions), then to the runtime and C functions the JIT
/// defines (`RuntimeSymbols.all`, with the test overrides), then to the process (dlsym:
/// libm, libmvec). Relocations: the large code model's GOT-relative ones that Kern's JIT
/// objects use (GOTPC64, GOTOFF64, GOT64, PLTOFF64) and the small model's (PC32, PLT32,
/// GOTPCREL and its relaxable forms, 32, 32S, 64, PC64); a PLT32 call to a function
/// outside the image goes through a stub and a GOT slot inside it.
import KernABI
import KernLLVM

#if canImport(Glibc)
    import Glibc
#endif

/// A module linked by `ObjectLinker`: its memory, freed when the last reference goes.
public final class LinkedModule: LoadedCode, @unchecked Sendable {
    /// The one mapping that holds the whole image (see the top of this file).
    private let mapping: UnsafeMutableRawBufferPointer
    private let entries: EntryTable

    fileprivate init(mapping: UnsafeMutableRawBufferPointer, entries: EntryTable) {
        self.mapping = mapping
        self.entries = entries
    }

    deinit { munmap(mapping.baseAddress, mapping.count) }

    public func address(ofEntry function: String) -> UnsafeRawPointer? {
        entries.address(ofEntry: function)
    }
}

public enum ObjectLinker {
    /// Links `objects` into memory (see the top of this file); nil when it cannot.
    public static func link(objects: [[UInt8]], exportedFunctions: [String]) -> LinkedModule? {
        #if arch(x86_64) && os(Linux)
            var parsed: [ELFObject] = []
            for object in objects {
                guard let elf = ELFObject(object) else { return nil }
                parsed.append(elf)
            }
            guard var linking = Linking(parsed) else { return nil }
            return linking.run(exportedFunctions: exportedFunctions)
        #else
            return nil
        #endif
    }
}

#if arch(x86_64) && os(Linux)

    /// One link: the plan (where each section, stub and GOT slot goes), then the image.
    private struct Linking {
        /// Which region a section goes to.
        enum Region: Int {
            case text = 0
            case readOnly = 1
            case data = 2
        }

        /// Where a symbol's address comes from.
        enum Target: Hashable {
            /// A section of an object (index), plus the symbol's value.
            case section(object: Int, section: Int, value: UInt64)
            case absolute(UInt)
            /// The GOT's base (`_GLOBAL_OFFSET_TABLE_`).
            case globalOffsetTable
        }

        let objects: [ELFObject]
        /// Per object, per section: (region, offset in the region) for loaded sections.
        var placement: [[Int: (Region, Int)]]
        var regionSizes = [0, 0, 0]
        /// Per object, per symbol: its resolved target (nil: not referenced or unknown).
        var targets: [[Target?]]
        /// GOT slot index per target; stub index per external address.
        var gotSlots: [Target: Int] = [:]
        var stubs: [UInt: Int] = [:]
        var globals: [String: Target] = [:]

        static let pageSize = 4096
        static let stubSize = 8

        init?(_ objects: [ELFObject]) {
            self.objects = objects
            placement = Array(repeating: [:], count: objects.count)
            targets = objects.map { Array(repeating: nil, count: $0.symbols.count) }
            // Sections: only allocated ones are loaded; each must be of a known kind.
            for (o, object) in objects.enumerated() {
                for (s, section) in object.sections.enumerated()
                where section.flags & ELF.alloc != 0 {
                    guard section.flags & ~ELF.knownAllocFlags == 0,
                        section.type == ELF.progBits || section.type == ELF.noBits,
                        section.alignment <= UInt64(Self.pageSize), section.size <= 1 << 30,
                        section.alignment & (section.alignment &- 1) == 0
                    else { return nil }
                    let region: Region
                    switch (section.flags & ELF.execute != 0, section.flags & ELF.write != 0) {
                    case (true, true): return nil
                    case (true, false): region = .text
                    case (false, true): region = .data
                    case (false, false): region = .readOnly
                    }
                    let align = max(Int(section.alignment), 1)
                    let offset = (regionSizes[region.rawValue] + align - 1) & ~(align - 1)
                    placement[o][s] = (region, offset)
                    regionSizes[region.rawValue] = offset + section.size
                }
            }
            // Definitions visible across objects (a split compile's partitions).
            for (o, object) in objects.enumerated() {
                for symbol in object.symbols
                where symbol.binding != ELF.local && symbol.section != ELF.undefined {
                    guard let target = Self.definition(symbol, object: o, placement[o]),
                        globals.updateValue(target, forKey: symbol.name) == nil
                    else { return nil }
                }
            }
            guard resolveAndPlan() else { return nil }
        }

        /// The target of a defined symbol, nil for kinds this linker does not load.
        static func definition(
            _ symbol: ELFObject.Symbol, object: Int, _ placed: [Int: (Region, Int)]
        ) -> Target? {
            switch symbol.type {
            case ELF.noType, ELF.object, ELF.function, ELF.sectionSymbol: break
            default: return nil  // TLS, IFUNC, common, file symbols are never relocation targets
            }
            if symbol.section == ELF.absolute { return .absolute(UInt(symbol.value)) }
            let index = Int(symbol.section)
            guard placed[index] != nil else { return nil }
            return .section(object: object, section: index, value: symbol.value)
        }

        /// Resolves every symbol a relocation names, and reserves GOT slots and stubs.
        mutating func resolveAndPlan() -> Bool {
            let runtime = Self.runtimeTable()
            for (o, object) in objects.enumerated() {
                for (s, list) in object.relocations where placement[o][s] != nil {
                    guard object.sections[s].type == ELF.progBits else { return false }
                    for r in list {
                        guard let target = resolve(object: o, symbol: r.symbol, runtime) else {
                            return false
                        }
                        targets[o][r.symbol] = target
                        switch RelocationKind(r.type) {
                        case nil: return false
                        case .gotEntry?:
                            if gotSlots[target] == nil { gotSlots[target] = gotSlots.count }
                        case .call?:
                            if case .absolute(let address) = target, stubs[address] == nil {
                                stubs[address] = stubs.count
                                if gotSlots[target] == nil { gotSlots[target] = gotSlots.count }
                            }
                        case .plain?: break
                        }
                    }
                }
            }
            return true
        }

        func resolve(object o: Int, symbol index: Int, _ runtime: [String: UInt]) -> Target? {
            let symbol = objects[o].symbols[index]
            if symbol.section != ELF.undefined {
                return symbol.binding == ELF.local
                    ? Self.definition(symbol, object: o, placement[o]) : globals[symbol.name]
            }
            guard index != 0, symbol.binding != ELF.local else { return nil }
            if symbol.name == "_GLOBAL_OFFSET_TABLE_" { return .globalOffsetTable }
            if let own = globals[symbol.name] { return own }
            if let address = runtime[symbol.name] { return .absolute(address) }
            guard let found = dlsym(Self.process, symbol.name) else { return nil }
            return .absolute(UInt(bitPattern: found))
        }

        /// The runtime and C functions the JIT defines, by name (the test overrides applied).
        static func runtimeTable() -> [String: UInt] {
            let overrides = SymbolOverrides.shared.current
            var table: [String: UInt] = [:]
            for (name, address) in RuntimeSymbols.all { table[name] = overrides[name] ?? address }
            return table
        }

        /// The process's global scope; libmvec joins it first (as for the JIT).
        static var process: UnsafeMutableRawPointer? {
            UnsafeMutableRawPointer(bitPattern: processHandle)
        }
        private static let processHandle: UInt = {
            _ = VectorMathLibrary.isAvailable
            return UInt(bitPattern: dlopen(nil, RTLD_NOW))
        }()

        // MARK: - The image

        mutating func run(exportedFunctions: [String]) -> LinkedModule? {
            // Stubs after the code, GOT after the read-only data.
            let stubsAt = (regionSizes[0] + 15) & ~15
            regionSizes[0] = stubsAt + stubs.count * Self.stubSize
            let gotAt = (regionSizes[1] + 7) & ~7
            regionSizes[1] = gotAt + gotSlots.count * 8
            let page = Self.pageSize
            let sizes = regionSizes.map { ($0 + page - 1) & ~(page - 1) }
            let starts = [0, sizes[0], sizes[0] + sizes[1]]
            let total = max(sizes.reduce(0, +), page)
            guard
                let mapped = mmap(
                    nil, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                mapped != MAP_FAILED
            else { return nil }
            let base = UInt(bitPattern: mapped)
            let image = Image(
                base: base, starts: starts, placement: placement,
                got: base + UInt(starts[1] + gotAt))
            for (o, object) in objects.enumerated() {
                for (s, spot) in placement[o] where object.sections[s].type == ELF.progBits {
                    let section = object.sections[s]
                    object.bytes.withUnsafeBytes { raw in
                        let to = mapped + starts[spot.0.rawValue] + spot.1
                        to.copyMemory(
                            from: raw.baseAddress! + section.offset, byteCount: section.size)
                    }
                }
            }
            func fail() -> LinkedModule? {
                munmap(mapped, total)
                return nil
            }
            for (target, slot) in gotSlots {
                mapped.storeBytes(
                    of: UInt64(image.address(of: target)),
                    toByteOffset: starts[1] + gotAt + slot * 8,
                    as: UInt64.self)
            }
            var stubAddress: [UInt: UInt] = [:]
            for (address, k) in stubs {
                guard let slot = gotSlots[.absolute(address)] else { return fail() }
                let at = stubsAt + k * Self.stubSize
                let next = Int64(base) + Int64(at) + 6
                let displacement = Int64(image.got) + Int64(slot * 8) - next
                guard let d32 = Int32(exactly: displacement) else { return fail() }
                // jmp *disp32(%rip), then two int3 bytes of padding.
                for (k, byte) in [0xff, 0x25].enumerated() {
                    mapped.storeBytes(of: UInt8(byte), toByteOffset: at + k, as: UInt8.self)
                }
                mapped.storeBytes(of: d32.littleEndian, toByteOffset: at + 2, as: Int32.self)
                mapped.storeBytes(of: UInt16(0xcccc), toByteOffset: at + 6, as: UInt16.self)
                stubAddress[address] = base + UInt(at)
            }
            for (o, object) in objects.enumerated() {
                for (s, list) in object.relocations {
                    guard let spot = placement[o][s] else { continue }
                    let sectionAt = starts[spot.0.rawValue] + spot.1
                    for r in list {
                        guard
                            let target = targets[o][r.symbol],
                            apply(
                                r, target: target, in: mapped, sectionAt: sectionAt,
                                sectionSize: object.sections[s].size, image: image,
                                stubs: stubAddress)
                        else { return fail() }
                    }
                }
            }
            // Code read + execute, read-only data (with the GOT) read-only, data writable.
            let protections = [PROT_READ | PROT_EXEC, PROT_READ, PROT_READ | PROT_WRITE]
            for region in 0..<3 where sizes[region] > 0 {
                guard mprotect(mapped + starts[region], sizes[region], protections[region]) == 0
                else { return fail() }
            }
            var entries: [String: UInt] = [:]
            for function in exportedFunctions {
                guard let target = globals[EntryABI.entrySymbol(function)],
                    case .section = target
                else { return fail() }
                entries[function] = image.address(of: target)
            }
            return LinkedModule(
                mapping: UnsafeMutableRawBufferPointer(start: mapped, count: total),
                entries: EntryTable(entries))
        }

        /// Writes one relocation's value; false when it does not fit or is out of bounds.
        func apply(
            _ r: ELFObject.Relocation, target: Target, in mapped: UnsafeMutableRawPointer,
            sectionAt: Int, sectionSize: Int, image: Image, stubs: [UInt: UInt]
        ) -> Bool {
            guard let kind = RelocationKind(r.type), r.offset < UInt64(sectionSize),
                UInt64(sectionSize) - r.offset >= UInt64(kind.width(r.type))
            else { return false }
            let at = sectionAt + Int(r.offset)
            let place = Int64(bitPattern: UInt64(image.base) &+ UInt64(at))
            let s = Int64(bitPattern: UInt64(image.address(of: target)))
            let a = r.addend
            let got = Int64(bitPattern: UInt64(image.got))
            func slot() -> Int64? { gotSlots[target].map { Int64($0 * 8) } }
            let value: Int64
            switch r.type {
            case R.x64: value = s &+ a
            case R.pc64: value = s &+ a &- place
            case R.gotOff64, R.pltOff64: value = s &+ a &- got
            case R.gotPC64, R.gotPC32: value = got &+ a &- place
            case R.got64:
                guard let g = slot() else { return false }
                value = g &+ a
            case R.gotPCRel, R.gotPCRelX, R.rexGotPCRelX, R.gotPCRel64:
                guard let g = slot() else { return false }
                value = got &+ g &+ a &- place
            case R.pc32: value = s &+ a &- place
            case R.plt32:
                var callee = s
                if case .absolute(let address) = target, let stub = stubs[address] {
                    let direct = s &+ a &- place
                    if Int32(exactly: direct) == nil { callee = Int64(bitPattern: UInt64(stub)) }
                }
                value = callee &+ a &- place
            case R.abs32, R.abs32S: value = s &+ a
            default: return false
            }
            switch r.type {
            case R.pc32, R.plt32, R.gotPCRel, R.gotPCRelX, R.rexGotPCRelX, R.gotPC32, R.abs32S:
                guard let v = Int32(exactly: value) else { return false }
                mapped.storeBytes(of: v.littleEndian, toByteOffset: at, as: Int32.self)
            case R.abs32:
                guard let v = UInt32(exactly: value) else { return false }
                mapped.storeBytes(of: v.littleEndian, toByteOffset: at, as: UInt32.self)
            default:
                mapped.storeBytes(of: value.littleEndian, toByteOffset: at, as: Int64.self)
            }
            return true
        }
    }

    /// Addresses in the mapped image.
    private struct Image {
        let base: UInt
        let starts: [Int]
        let placement: [[Int: (Linking.Region, Int)]]
        let got: UInt

        func address(of target: Linking.Target) -> UInt {
            switch target {
            case .absolute(let address): return address
            case .globalOffsetTable: return got
            case .section(let o, let s, let value):
                guard let (region, offset) = placement[o][s] else {
                    preconditionFailure("a resolved target's section is placed")
                }
                return base &+ UInt(starts[region.rawValue] + offset)
                    &+ UInt(truncatingIfNeeded: value)
            }
        }
    }

    /// The x86-64 relocation types the linker applies (psABI numbering).
    private enum R {
        static let x64: UInt32 = 1
        static let pc32: UInt32 = 2
        static let plt32: UInt32 = 4
        static let gotPCRel: UInt32 = 9
        static let abs32: UInt32 = 10
        static let abs32S: UInt32 = 11
        static let pc64: UInt32 = 24
        static let gotOff64: UInt32 = 25
        static let gotPC32: UInt32 = 26
        static let got64: UInt32 = 27
        static let gotPCRel64: UInt32 = 28
        static let gotPC64: UInt32 = 29
        static let pltOff64: UInt32 = 31
        static let gotPCRelX: UInt32 = 41
        static let rexGotPCRelX: UInt32 = 42
    }

    /// What a relocation type needs besides its symbol's address.
    private enum RelocationKind {
        /// A GOT slot for its symbol.
        case gotEntry
        /// A call: a stub when the callee is out of the 32-bit range.
        case call
        case plain

        init?(_ type: UInt32) {
            switch type {
            case R.got64, R.gotPCRel, R.gotPCRelX, R.rexGotPCRelX, R.gotPCRel64: self = .gotEntry
            case R.plt32: self = .call
            case R.x64, R.pc32, R.abs32, R.abs32S, R.pc64, R.gotOff64, R.gotPC32, R.gotPC64,
                R.pltOff64:
                self = .plain
            default: return nil
            }
        }

        /// Bytes the relocation writes.
        func width(_ type: UInt32) -> Int {
            switch type {
            case R.x64, R.pc64, R.gotOff64, R.got64, R.gotPCRel64, R.gotPC64, R.pltOff64: return 8
            default: return 4
            }
        }
    }
#endif
