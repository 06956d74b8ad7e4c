/// The compile cache's files: one directory of entries named `<key hex>.kobj`, each a
/// header, then the object code (docs/decisions.md, "Compile cache").
///
/// In: a directory, a 32-byte key, object bytes. Out: the bytes of a verified entry or
/// nil. An entry is used only when its magic, format version, key, length and SHA-256 of
/// the payload all match; anything else (truncated, corrupt, foreign, older format) is a
/// miss, and the next store replaces it. Writes are atomic (`OutputFile.replaceInside`:
/// temporary file + rename), so concurrent processes see a whole entry or none, and two
/// processes storing the same key just replace one valid entry by another.
///
/// Layout (little-endian): "KERNOBJ\0" (8) · format version u32 · reserved u32 ·
/// key (32) · payload length u64 · payload SHA-256 (32) · payload.
///
/// Least-recently-used eviction: a hit sets the entry's modification time to now; after
/// a store, when the entries add up to more than the cap, the oldest go first.
import Foundation
import KernBasics

#if canImport(Glibc)
    import Glibc
#endif

struct CacheStore {
    let directory: String
    let maxBytes: Int64

    static let magic: [UInt8] = Array("KERNOBJ".utf8) + [0]
    static let formatVersion: UInt32 = 1
    static let headerSize = 8 + 4 + 4 + 32 + 8 + 32
    static let suffix = ".kobj"

    /// The file name of an entry.
    static func name(of key: [UInt8]) -> String { SHA256.hex(key) + suffix }

    // MARK: - Reading

    /// The payload stored under `key`, verified; nil for a missing or unusable entry.
    func load(_ key: [UInt8]) -> [UInt8]? {
        let path = directory + "/" + Self.name(of: key)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let payload = Self.decode([UInt8](data), key: key) else { return nil }
        // Recently used: eviction takes the oldest modification time first. A read-only
        // cache simply keeps its old times.
        _ = utimensat(AT_FDCWD, path, nil, 0)
        return payload
    }

    /// The payload of an entry's bytes if everything checks out, else nil.
    static func decode(_ bytes: [UInt8], key: [UInt8]) -> [UInt8]? {
        guard bytes.count >= headerSize, Array(bytes[0..<8]) == magic,
            readUInt32(bytes, at: 8) == formatVersion, Array(bytes[16..<48]) == key
        else { return nil }
        let length = readUInt64(bytes, at: 48)
        guard length == UInt64(bytes.count - headerSize) else { return nil }
        let payload = Array(bytes[headerSize...])
        guard SHA256.hash(payload) == Array(bytes[56..<88]) else { return nil }
        return payload
    }

    // MARK: - Writing

    /// An entry's bytes: header, then `payload`.
    static func encode(_ payload: [UInt8], key: [UInt8]) -> [UInt8] {
        var bytes = magic
        appendUInt32(&bytes, formatVersion)
        appendUInt32(&bytes, 0)
        bytes += key
        appendUInt64(&bytes, UInt64(payload.count))
        bytes += SHA256.hash(payload)
        bytes += payload
        return bytes
    }

    /// Stores `payload` under `key` (creating the directory), then evicts down to the cap.
    /// - Throws: `OutputFileError` when the directory cannot be created or written.
    func store(_ payload: [UInt8], key: [UInt8]) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true)
        } catch {
            let code = (error as NSError).userInfo[NSUnderlyingErrorKey].flatMap {
                ($0 as? NSError)?.code
            }
            throw OutputFileError(
                path: directory,
                reason: "cannot create the directory (\(error.localizedDescription))",
                code: Int32(code ?? Int(EACCES)))
        }
        try OutputFile.replaceInside(
            directory: directory, name: Self.name(of: key), with: Self.encode(payload, key: key))
        evict()
    }

    // MARK: - Listing, eviction, clearing

    struct Entry {
        var path: String
        var size: Int64
        var modified: Double
    }

    /// Every entry file (not the temporary files of writes in progress).
    func entries() -> [Entry] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return []
        }
        return names.filter { $0.hasSuffix(Self.suffix) && !$0.hasPrefix(".") }.compactMap {
            let path = directory + "/" + $0
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) * 1e-9
            return Entry(path: path, size: Int64(info.st_size), modified: modified)
        }
    }

    /// Removes the least recently used entries until the rest fit in `maxBytes`.
    /// Another process may remove the same file first: a failed unlink is fine.
    func evict() {
        var all = entries()
        var total = all.reduce(Int64(0)) { $0 + $1.size }
        guard total > maxBytes else { return }
        all.sort { $0.modified < $1.modified }
        for entry in all where total > maxBytes {
            unlink(entry.path)
            total -= entry.size
        }
    }

    /// Removes every entry and leftover temporary file; returns how many entries went.
    @discardableResult
    func clear() -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var removed = 0
        for name in names {
            let isEntry = name.hasSuffix(Self.suffix) && !name.hasPrefix(".")
            let isTemporary = name.hasPrefix(".") && name.contains(Self.suffix + ".kern-tmp-")
            guard isEntry || isTemporary else { continue }
            if unlink(directory + "/" + name) == 0, isEntry { removed += 1 }
        }
        return removed
    }

    // MARK: - Integers

    private static func readUInt32(_ b: [UInt8], at i: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(b[i + $1]) << (8 * UInt32($1)) }
    }
    private static func readUInt64(_ b: [UInt8], at i: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(b[i + $1]) << (8 * UInt64($1)) }
    }
    private static func appendUInt32(_ b: inout [UInt8], _ v: UInt32) {
        b += (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * UInt32($0))) }
    }
    private static func appendUInt64(_ b: inout [UInt8], _ v: UInt64) {
        b += (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64($0))) }
    }
}
