import Foundation
import Kern

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The compile cache of fuzzer processes: on (the path users get by default, which makes
/// the object code with the module's own optimization level), but in a private
/// directory per process, so the fuzzer's thousands of one-off modules neither fill nor
/// evict the user's cache. The parent removes a child's directory once it has reaped it.
public enum FuzzCache {
    /// Small: no entry is ever read again (every module is new), the cap only bounds
    /// the disk space between evictions.
    static let maxBytes: Int64 = 16 << 20

    /// The cache directory of the fuzzer process `pid`.
    public static func directory(pid: Int32) -> String {
        NSTemporaryDirectory() + "kern-fuzz-diff-cache-\(pid)"
    }

    /// Makes this process (a worker or a judge) compile with a private cache.
    public static func usePrivateDirectory() {
        var settings = KernCache.settings
        settings.directory = directory(pid: getpid())
        settings.enabled = true
        settings.maxBytes = maxBytes
        KernCache.overrideSettings(settings)
    }

    /// Removes the directory of a child that has ended.
    static func remove(pid: Int32) {
        try? FileManager.default.removeItem(atPath: directory(pid: pid))
    }
}
