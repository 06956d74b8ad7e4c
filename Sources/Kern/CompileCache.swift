/// The persistent compile cache (issue 14.1): where it is, whether it is on, its size
/// cap, its key, and `KernCache` — the public face `kernelc cache stats|clear` uses.
///
/// In: a source file, `CompileOptions`, and the environment (`KERN_CACHE`,
/// `KERN_CACHE_DIR`, `XDG_CACHE_HOME`, `HOME`, `KERN_CACHE_MAX_SIZE`). Out: a 32-byte key
/// and a `CacheStore`, or nil when caching is off. Entries hold relocatable object code
/// (CacheStore.swift); `CachingJITBackend` (Compiler.swift) looks them up and fills them.
///
/// Key (SHA-256 over, in order): the key format, Kern's version, the identity of the
/// executable (path, size, modification time — a rebuilt Kern never sees a previous
/// build's code even with the same version string), the loaded LLVM's version, the
/// target triple, CPU name, feature string, vector width and libmvec's presence, every
/// option that reaches codegen, the file name, the text's placement in it (a literal in
/// a Swift file) and the source text. The source, its name and placement, not the
/// checked program: the code embeds the file name and the line and column of every
/// check, so these are what determines it (docs/decisions.md).
import Foundation
import KernBasics
internal import KernLLVM

#if canImport(Glibc)
    import Glibc
#endif

/// The compile cache as a whole: its settings and maintenance (`kernelc cache`).
public enum KernCache {
    /// The default size cap: 256 MiB (a kernel file's object code is 10–200 kB).
    public static let defaultMaxBytes: Int64 = 256 << 20

    /// What the cache does in this process, from the environment (tests may override).
    public struct Settings: Sendable, Equatable {
        /// The cache directory; nil when neither `KERN_CACHE_DIR`, `XDG_CACHE_HOME` nor
        /// `HOME` gives one.
        public var directory: String?
        /// False with `KERN_CACHE=off` (or `0`, `false`, `no`).
        public var enabled: Bool
        /// `KERN_CACHE_MAX_SIZE` (bytes, or with a K, M or G suffix), else 256 MiB.
        public var maxBytes: Int64
        /// Kern's version as the key sees it (`KernInfo.version`).
        public var kernVersion: String
    }

    /// The settings from this process's environment.
    public static var settings: Settings {
        if let override = overrides.withLock({ $0 }) { return override }
        return settings(environment: ProcessInfo.processInfo.environment)
    }

    /// The settings an environment gives (a bad `KERN_CACHE_MAX_SIZE` warns once and
    /// means the default).
    public static func settings(environment env: [String: String]) -> Settings {
        func nonEmpty(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        let directory = CacheLocation.directory(environment: env)
        let enabled = CacheLocation.enabled(environment: env)
        var maxBytes = defaultMaxBytes
        if let text = nonEmpty("KERN_CACHE_MAX_SIZE") {
            if let parsed = parseSize(text) {
                maxBytes = parsed
            } else {
                warnOnce(
                    "KERN_CACHE_MAX_SIZE='\(text)' is not a size (bytes, or a number with K, M or G); using 256M"
                )
            }
        }
        return Settings(
            directory: directory, enabled: enabled, maxBytes: maxBytes,
            kernVersion: KernInfo.version)
    }

    /// "1048576", "512K", "64M", "1G" (binary multiples) → bytes; nil if not a size.
    static func parseSize(_ text: String) -> Int64? {
        let multipliers: [Character: Int64] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
        var digits = text.uppercased()
        var multiplier: Int64 = 1
        if let last = digits.last, let m = multipliers[last] {
            multiplier = m
            digits.removeLast()
        }
        guard let n = Int64(digits), n >= 0 else { return nil }
        let (product, overflow) = n.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }

    /// What the cache holds now.
    public struct Statistics: Sendable, Equatable {
        /// The cache directory in use, or `nil` when none could be chosen.
        public var directory: String?
        /// Whether compiles read and write the cache (`KERN_CACHE=off` disables it).
        public var enabled: Bool
        /// How many compiled modules the directory holds.
        public var entries: Int
        /// The total size of those entries, in bytes.
        public var bytes: Int64
        /// The size limit above which the oldest entries are evicted (`KERN_CACHE_MAX_SIZE`).
        public var maxBytes: Int64
    }

    /// Counts the entries of the cache directory (none when there is no directory).
    public static func statistics() -> Statistics {
        let s = settings
        let entries = s.directory.map { CacheStore(directory: $0, maxBytes: s.maxBytes).entries() }
        return Statistics(
            directory: s.directory, enabled: s.enabled, entries: entries?.count ?? 0,
            bytes: entries?.reduce(0) { $0 + $1.size } ?? 0, maxBytes: s.maxBytes)
    }

    /// Deletes every entry (and temporary files left by interrupted writes); returns how
    /// many entries there were. Other files in the directory are left alone.
    @discardableResult
    public static func clear() -> Int {
        let s = settings
        guard let directory = s.directory else { return 0 }
        return CacheStore(directory: directory, maxBytes: s.maxBytes).clear()
    }

    // MARK: - Test hooks and the one warning

    private static let overrides = Mutex<Settings?>(nil)
    private static let warning = Mutex<(warned: Set<String>, sink: (@Sendable (String) -> Void)?)>(
        ([], nil))

    /// Tests: use these settings instead of the environment's (nil: the environment again).
    package static func overrideSettings(_ settings: Settings?) {
        overrides.withLock { $0 = settings }
    }

    /// Tests: link cache hits with ORC instead of `ObjectLinker` (to compare the two).
    package static func linkHitsWithORC(_ on: Bool) { CachingJITBackend.linkHitsWithORC(on) }

    /// Tests: where warnings go (nil: standard error) and forgets which were given.
    package static func redirectWarnings(_ sink: (@Sendable (String) -> Void)?) {
        warning.withLock { $0 = ([], sink) }
    }

    /// Writes `message` as a warning the first time a message of this `kind` comes up in
    /// the process (one warning for an unwritable cache, not one per compile).
    static func warnOnce(_ message: String, kind: String? = nil) {
        let sink: (@Sendable (String) -> Void)?? = warning.withLock { state in
            guard state.warned.insert(kind ?? message).inserted else { return .none }
            return .some(state.sink)
        }
        guard case .some(let target) = sink else { return }
        let line = "warning: kern: " + message
        if let target { target(line) } else { StandardStreams.writeError(line) }
    }
}

/// A little lock-protected box (Synchronization's Mutex needs macOS 15).
final class Mutex<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        try lock.withLock { try body(&value) }
    }
}

/// One compilation's view of the cache: its key and store.
struct CompileCache {
    let store: CacheStore
    let key: [UInt8]
    /// The key's target part came from `HostIdentity` (no LLVM was needed to make it).
    let keyedWithoutLLVM: Bool

    /// The cache for compiling `file` with `options` in this process, or nil when
    /// caching is off (`KERN_CACHE=off`, `options.compileCache == false`, no directory) or
    /// the compile is for a report (remarks come from LLVM's optimization, which a hit skips).
    /// For the host target the key is made without LLVM (`HostIdentity`); otherwise, or
    /// when that cannot be, from LLVM's own answers (loading LLVM).
    static func forCompile(_ file: SourceFile, options: CompileOptions) throws -> CompileCache? {
        let settings = KernCache.settings
        guard settings.enabled, options.compileCache, !options.optimizationRemarks,
            let directory = settings.directory
        else { return nil }
        let host = HostIdentity.withoutLLVM(for: options)
        let target = try host ?? LLVMBackend.targetIdentity(for: options)
        let key = Self.key(
            file: file, options: options, kernVersion: settings.kernVersion, build: buildIdentity,
            target: target)
        return CompileCache(
            store: CacheStore(directory: directory, maxBytes: settings.maxBytes), key: key,
            keyedWithoutLLVM: host != nil)
    }

    /// Whether an entry for compiling `file` with `options` exists and its key needs no
    /// LLVM: then a compile will most likely not load LLVM at all, and starting to load it
    /// in the background (`LLVMLibrary.preload`) would only cost CPU and the loader's lock.
    /// `host` is `HostIdentity.withoutLLVM(for: options)` where the caller has it already
    /// (it depends only on the target options, not on the entry points).
    static func expectsHitWithoutLLVM(
        _ file: SourceFile, options: CompileOptions, host: String?? = nil
    ) -> Bool {
        let settings = KernCache.settings
        guard settings.enabled, options.compileCache, !options.optimizationRemarks,
            let directory = settings.directory,
            let host = host ?? HostIdentity.withoutLLVM(for: options)
        else { return false }
        let key = Self.key(
            file: file, options: options, kernVersion: settings.kernVersion, build: buildIdentity,
            target: host)
        return access(directory + "/" + CacheStore.name(of: key), R_OK) == 0
    }

    /// The key: every input that decides the object code (see the top of this file).
    static func key(
        file: SourceFile, options: CompileOptions, kernVersion: String, build: String,
        target: String
    ) -> [UInt8] {
        var h = SHA256()
        h.update(field: "kern compile cache key 1")
        h.update(field: kernVersion)
        h.update(field: build)
        h.update(field: target)
        // Every option codegen or the passes read (`entryPoints`: what is compiled). Not
        // `threads` (a call's default, set by the host), `verifyEach` or `dumpAfter`
        // (checks and printing only) or `compileCache` itself.
        h.update(field: "O\(options.optimizationLevel)")
        h.update(field: "checked=\(options.checked)")
        h.update(field: "fastMath=\(options.fastMathLevel.rawValue)")
        h.update(field: "cpu=\(options.targetCPU ?? "-")")
        h.update(field: "features=\(options.targetFeatures ?? "-")")
        h.update(field: "vectorMath=\(options.vectorMath)")
        h.update(field: "width=\(options.preferredVectorWidth.map(String.init) ?? "-")")
        h.update(field: "remarks=\(options.optimizationRemarks)")
        let entries = options.entryPoints.map { $0.sorted().joined(separator: ",") } ?? "*"
        h.update(field: "entries=\(entries)")
        h.update(field: "spmd=\(options.spmd)")
        h.update(field: "unrollJam=\(options.unrollAndJam)")
        h.update(field: file.name)
        // Where the text sits in `name` (a literal in a Swift file): the code reports
        // runtime errors at those lines and columns.
        h.update(field: "placement=\(file.lineOffset):\(file.columnOffsets)")
        h.update(file.utf8)
        return h.finalize()
    }

    /// The executable (kernelc, or an app linking Kern statically, SwiftPM's default) as
    /// path, size and modification time; "unknown" when the system cannot say (then only
    /// the version separates builds). Kern in a shared library is identified by the
    /// executable that loads it: a rebuilt libKern under an unchanged executable and
    /// version is not noticed (`kernelc cache clear`).
    static let buildIdentity: String = {
        guard let path = Bundle.main.executablePath else { return "unknown" }
        var st = stat()
        guard stat(path, &st) == 0 else { return path }
        return "\(path):\(st.st_size):\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)"
    }()

    /// The verified object code stored under the key, or nil.
    func load() -> [UInt8]? { store.load(key) }

    /// Stores object code; an unwritable cache warns once per process and is otherwise
    /// ignored (the compile already succeeded).
    func save(_ object: [UInt8]) {
        do {
            try store.store(object, key: key)
        } catch {
            KernCache.warnOnce(
                "compile cache not written, compiling without it: \(error)", kind: "unwritable")
        }
    }
}

/// A cache entry's payload: one relocatable object, or several (a module compiled in
/// partitions on several threads) behind a magic that no ELF or Mach-O object starts
/// with: `KERNOBJS`, a little-endian UInt32 count, then per object a UInt64 length and
/// the bytes. The entry's checksum (CacheStore) covers all of it; a payload that does not
/// parse is treated like a corrupt entry.
enum ObjectBundle {
    static let magic = Array("KERNOBJS".utf8)

    static func encode(_ objects: [[UInt8]]) -> [UInt8] {
        if objects.count == 1 { return objects[0] }
        var out = magic
        withUnsafeBytes(of: UInt32(objects.count).littleEndian) { out += $0 }
        for object in objects {
            withUnsafeBytes(of: UInt64(object.count).littleEndian) { out += $0 }
            out += object
        }
        return out
    }

    /// The objects, or nil when the payload is not a well-formed bundle.
    static func decode(_ payload: [UInt8]) -> [[UInt8]]? {
        guard payload.starts(with: magic) else { return [payload] }
        var at = magic.count
        func integer(_ size: Int) -> UInt64? {
            guard payload.count - at >= size else { return nil }
            defer { at += size }
            return (0..<size).reduce(UInt64(0)) { $0 | UInt64(payload[at + $1]) << (8 * $1) }
        }
        guard let count = integer(4), count >= 1 else { return nil }
        var objects: [[UInt8]] = []
        for _ in 0..<count {
            guard let length = integer(8), UInt64(payload.count - at) >= length else {
                return nil
            }
            objects.append(Array(payload[at..<at + Int(length)]))
            at += Int(length)
        }
        return at == payload.count ? objects : nil
    }
}
