/// Bindings: the library an `llvm-config` names, remembered between processes.
///
/// Asking `llvm-config --libfiles --link-shared` spawns a process in every process's first
/// compile (3 ms of CPU, and 20–30 ms of wall time on a loaded machine). Its answer only
/// depends on the tool itself, so it is kept in `<cache directory>/llvm-config-answers`
/// (CacheLocation: `KERN_CACHE_DIR`, …; nothing is read or written with `KERN_CACHE=off`
/// or without a directory), one line per tool: the tool's real path, its inode, size and
/// modification time, and the library. A line is used only while the tool's file is
/// unchanged and the library still exists; `LLVMLibrary` asks the tool again if the
/// remembered library fails to load. Losing the file, or failing to write it, only costs
/// the spawn again: nothing here is an error.
import Foundation
import KernBasics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

package struct LLVMConfigAnswers {
    /// The file, or nil: remember nothing.
    package let file: String?

    package init(environment: [String: String]) {
        file =
            CacheLocation.enabled(environment: environment)
            ? CacheLocation.directory(environment: environment).map { $0 + "/llvm-config-answers" }
            : nil
    }

    /// The identity of a file (a tool, a library): real path, inode, size, modification
    /// time (ns), tab-separated; nil when it cannot be read.
    package static func identity(of tool: String) -> String? {
        guard let real = realpath(tool, nil) else { return nil }
        defer { free(real) }
        let path = String(cString: real)
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            let modified =
                Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
            let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        return "\(path)\t\(info.st_ino)\t\(info.st_size)\t\(modified)"
    }

    /// The remembered library of `tool`, if its file is unchanged and the library exists.
    package func library(of tool: String) -> String? {
        guard let file, let identity = Self.identity(of: tool) else { return nil }
        for line in lines(of: file) {
            guard let tab = line.lastIndex(of: "\t") else { continue }
            let library = String(line[line.index(after: tab)...])
            if line[..<tab] == identity, library.hasPrefix("/"),
                FileManager.default.fileExists(atPath: library)
            {
                return library
            }
        }
        return nil
    }

    /// Remembers `library` as `tool`'s answer (replacing the tool's previous line). The
    /// file is replaced atomically (temporary file, then rename), so concurrent processes
    /// read either the old or the new file, never a torn one; the last writer wins.
    package func remember(_ library: String, of tool: String) {
        guard let file, let identity = Self.identity(of: tool), !library.contains("\n") else {
            return
        }
        let path = identity.split(separator: "\t", maxSplits: 1)[0] + "\t"
        // Keep other tools' lines (a few at most: one per installed LLVM).
        let kept = lines(of: file).filter { !$0.hasPrefix(path) }.suffix(15)
        let text = (kept + [identity + "\t" + library]).joined(separator: "\n") + "\n"
        let directory = (file as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true)
        let temporary = file + ".tmp.\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            return
        }
        if rename(temporary, file) != 0 { unlink(temporary) }
    }

    private func lines(of file: String) -> [Substring] {
        guard let data = FileManager.default.contents(atPath: file),
            data.count < 64 << 10
        else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n")
    }
}
