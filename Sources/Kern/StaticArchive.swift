/// A static library (`libNAME.a`) written without `ar`: the System V / GNU archive format
/// that GNU ld, gold, lld and the Swift driver read.
///
/// In: object files (name, bytes) and, for each, the global symbols it defines. Out: the
/// archive bytes: the `!<arch>` magic, a symbol index (member `/`: big-endian count,
/// big-endian member offsets, NUL-terminated names; linkers refuse archives without one
/// unless `ranlib` ran), then the members, each behind a 60-byte header and padded to an
/// even offset. Member names are short (at most 15 bytes with the `/` terminator), so no
/// long-name table is needed. Dates, owners and modes are fixed: the same input gives
/// the same bytes (reproducible builds).
enum StaticArchive {
    /// One object file of the archive.
    struct Member {
        /// File name inside the archive, at most 15 bytes (e.g. `kernels.o`).
        var name: String
        var bytes: [UInt8]
        /// The global symbols the object defines (what the index lists).
        var symbols: [String]
    }

    static func bytes(_ members: [Member]) -> [UInt8] {
        precondition(members.allSatisfy { $0.name.utf8.count <= 15 && !$0.name.contains("/") })
        var out = Array("!<arch>\n".utf8)
        // The index comes first, so member offsets depend on its size: compute it first.
        var symbolCount = 0
        var names: [UInt8] = []
        for member in members {
            for symbol in member.symbols {
                symbolCount += 1
                names += Array(symbol.utf8)
                names.append(0)
            }
        }
        let indexSize = 4 + 4 * symbolCount + names.count
        var offset = out.count + 60 + indexSize + indexSize % 2
        var offsets: [UInt32] = []
        for member in members {
            offsets += Array(repeating: UInt32(offset), count: member.symbols.count)
            offset += 60 + member.bytes.count + member.bytes.count % 2
        }
        var index = bigEndian(UInt32(symbolCount))
        for o in offsets { index += bigEndian(o) }
        index += names
        append(name: "/", index, to: &out)
        for member in members { append(name: member.name + "/", member.bytes, to: &out) }
        return out
    }

    private static func append(name: String, _ data: [UInt8], to out: inout [UInt8]) {
        func field(_ text: String, _ width: Int) -> [UInt8] {
            let bytes = Array(text.utf8)
            precondition(bytes.count <= width, "archive header field '\(text)' too wide")
            return bytes + Array(repeating: UInt8(ascii: " "), count: width - bytes.count)
        }
        // name, date, uid, gid, mode (octal), size (decimal), terminator.
        out += field(name, 16) + field("0", 12) + field("0", 6) + field("0", 6)
        out += field("644", 8) + field(String(data.count), 10) + Array("`\n".utf8)
        out += data
        if data.count % 2 == 1 { out.append(UInt8(ascii: "\n")) }
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> UInt32($0)) }
    }
}
