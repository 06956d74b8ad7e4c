/// Bindings: finding and loading libLLVM at run time. Kern links no LLVM; the first
/// compile (or `kernelc --version`) calls `LLVMLibrary.load()`, which searches in this
/// order and loads the first usable library (versions 19 to 22):
///
/// 1. `KERN_LLVM_LIBRARY`, a path to a libLLVM shared library. When set it is the only
///    candidate: a wrong path is an error, never a silent fallback.
/// 2. The `llvm-config` named by `LLVM_CONFIG` (a name on `PATH` or a path).
/// 3. The newest `llvm-config-NN` on `PATH` (NN from 22 down to 19).
///    An llvm-config's answer is remembered on disk while its file is unchanged, so
///    later processes skip the spawn (LLVMConfigAnswers.swift).
/// 4. The usual install locations of versions 22 down to 19.
import CLLVM
import Foundation

/// Which LLVM was loaded.
package struct LoadedLLVM: Sendable, Equatable {
    package var path: String
    package var major: Int
    package var minor: Int
    package var patch: Int
    package var version: String { "\(major).\(minor).\(patch)" }
}

/// No usable libLLVM: what was tried (one line each) and how to fix it.
package struct LLVMUnavailable: Error, Sendable, CustomStringConvertible {
    package var tried: [String]
    package var fix: String
    package var description: String {
        "LLVM \(LLVMLibrary.supported.lowerBound)–\(LLVMLibrary.supported.upperBound) not found; tried:\n"
            + tried.map { "  " + $0 }.joined(separator: "\n") + "\nfix: " + fix
    }
}

package enum LLVMLibrary {
    /// The LLVM major versions Kern's declarations (llvm_api.h) are checked against.
    package static let supported: ClosedRange<Int> = 19...22

    /// Finds and loads libLLVM once per process (later calls return the same library).
    /// Thread-safe. A failure is not cached: a later call searches again.
    @discardableResult
    package static func load() throws(LLVMUnavailable) -> LoadedLLVM {
        try state.withLock { loaded throws(LLVMUnavailable) in
            if let loaded { return loaded }
            let found = try search(
                environment: ProcessInfo.processInfo.environment, commit: true)
            loaded = found
            return found
        }
    }

    /// Starts `load()` on a background thread, once per process (a no-op when LLVM is
    /// loaded by then): opening libLLVM (its relocations and static initializers, ~15 ms on the
    /// reference machine) then overlaps with what the caller does meanwhile (argument
    /// parsing, reading and checking the source). A later `load()` waits for it to finish
    /// (the loader's lock); a failure is not kept, so that `load()` searches again and
    /// throws the reasons itself. Never blocks.
    package static func preload() {
        // Not `loaded`: its lock is held for the whole of a load in progress.
        guard
            preloadStarted.withLock({ started in
                defer { started = true }
                return !started
            })
        else { return }
        Thread.detachNewThread { _ = try? load() }
    }

    private static let preloadStarted = Locked(false)

    /// The library `load()` would use, without loading it (each candidate is opened,
    /// checked and closed again); for `kernelc --version` and tests.
    package static func probe(environment: [String: String]) throws(LLVMUnavailable) -> LoadedLLVM {
        try search(environment: environment, commit: false)
    }

    /// The file `load()` would open first, found without opening any library: the
    /// `KERN_LLVM_LIBRARY` path; else the first llvm-config's remembered answer
    /// (LLVMConfigAnswers); with no llvm-config, the first usual location that exists.
    /// Nil where only running a tool or loading a library could tell (no remembered
    /// answer yet). A guess in the rare case that the first candidate fails to load and
    /// `load()` goes on to the next: the compile cache checks the guess against the
    /// library actually loaded before it stores anything under it (HostIdentity.swift).
    package static func predictedPath(environment env: [String: String]) -> String? {
        if let explicit = env["KERN_LLVM_LIBRARY"], !explicit.isEmpty {
            return FileManager.default.fileExists(atPath: explicit) ? explicit : nil
        }
        let path = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        var tools: [String] = []
        if let named = env["LLVM_CONFIG"], !named.isEmpty, let tool = resolve(named, path: path) {
            tools.append(tool)
        }
        tools += versionedLLVMConfigs(path: path)
        if let first = tools.first {
            return LLVMConfigAnswers(environment: env).library(of: first)
        }
        return usualLocations().first { FileManager.default.fileExists(atPath: $0) }
    }

    /// The loaded LLVM, if any.
    package static var loaded: LoadedLLVM? { state.withLock { $0 } }

    // MARK: - Search

    private static let state = Locked<LoadedLLVM?>(nil)

    private static func search(environment env: [String: String], commit: Bool)
        throws(LLVMUnavailable) -> LoadedLLVM
    {
        var tried: [String] = []
        func attempt(_ path: String, _ origin: String) -> LoadedLLVM? {
            switch open(path, commit: commit) {
            case .success(let found): return found
            case .failure(let reason):
                tried.append("\(origin)\(path): \(reason)")
                return nil
            }
        }
        if let explicit = env["KERN_LLVM_LIBRARY"], !explicit.isEmpty {
            if let found = attempt(explicit, "KERN_LLVM_LIBRARY=") { return found }
            throw LLVMUnavailable(
                tried: tried,
                fix: "set KERN_LLVM_LIBRARY to a libLLVM shared library of LLVM 19 to 22 "
                    + "(e.g. /usr/lib/llvm-22/lib/libLLVM.so), or unset it to search the usual places"
            )
        }
        let path = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        var tools: [(origin: String, tool: String)] = []
        if let named = env["LLVM_CONFIG"], !named.isEmpty {
            if let tool = resolve(named, path: path) {
                tools.append(("LLVM_CONFIG=\(named) → ", tool))
            } else {
                tried.append("LLVM_CONFIG=\(named): not found")
            }
        }
        tools += versionedLLVMConfigs(path: path).map { ("", $0) }
        let answers = LLVMConfigAnswers(environment: env)
        for (origin, tool) in tools {
            // The answer a previous process got from this very tool file, if any; one
            // that no longer loads is not reported: the tool is asked again below.
            if let remembered = answers.library(of: tool),
                case .success(let found) = open(remembered, commit: commit)
            {
                return found
            }
            switch libraryFile(of: tool) {
            case .success(let library):
                if let found = attempt(library, origin + tool + " → ") {
                    answers.remember(library, of: tool)
                    return found
                }
            case .failure(let reason): tried.append(origin + tool + ": \(reason)")
            }
        }
        if tools.isEmpty { tried.append("no llvm-config-NN (NN in 19...22) on PATH") }
        var anyUsual = false
        for candidate in usualLocations() where FileManager.default.fileExists(atPath: candidate) {
            anyUsual = true
            if let found = attempt(candidate, "") { return found }
        }
        if !anyUsual {
            tried.append(
                "no libLLVM of LLVM 22 to 19 in the usual places (/usr/lib/llvm-NN/lib, "
                    + "/usr/lib/<arch>-linux-gnu, /usr/lib64, /usr/lib, Homebrew's llvm@NN)")
        }
        throw LLVMUnavailable(
            tried: tried,
            fix: "install LLVM (any of 19 to 22), e.g. `apt-get install llvm-22-dev` on "
                + "Debian/Ubuntu, or set KERN_LLVM_LIBRARY=/path/to/libLLVM.so")
    }

    private static func open(_ path: String, commit: Bool) -> Result<LoadedLLVM, Reason> {
        var version: [UInt32] = [0, 0, 0]
        var error = [CChar](repeating: 0, count: 1024)
        let failed = kern_llvm_load(
            path, UInt32(supported.lowerBound), UInt32(supported.upperBound), commit ? 1 : 0,
            &version, &error, error.count)
        if failed != 0 {
            return .failure(
                Reason(
                    String(
                        decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) },
                        as: UTF8.self)))
        }
        return .success(
            LoadedLLVM(
                path: path, major: Int(version[0]), minor: Int(version[1]), patch: Int(version[2])))
    }

    private struct Reason: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// `name` if it is a path, else the first executable of that name on `path`.
    private static func resolve(_ name: String, path: [String]) -> String? {
        if name.contains("/") {
            return FileManager.default.isExecutableFile(atPath: name) ? name : nil
        }
        return path.map { $0 + "/" + name }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// `llvm-config-NN` on `path` for supported NN, newest first.
    private static func versionedLLVMConfigs(path: [String]) -> [String] {
        supported.reversed().compactMap { resolve("llvm-config-\($0)", path: path) }
    }

    /// The shared library an llvm-config describes (`--libfiles --link-shared`).
    private static func libraryFile(of tool: String) -> Result<String, Reason> {
        var output = [CChar](repeating: 0, count: 4096)
        guard kern_llvm_config_library(tool, &output, output.count) == 0 else {
            return .failure(Reason("`--libfiles --link-shared` failed (no shared libLLVM?)"))
        }
        return .success(
            String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        )
    }

    /// Where distributions put libLLVM, newest version first.
    private static func usualLocations() -> [String] {
        supported.reversed().flatMap { v in
            [
                "/usr/lib/llvm-\(v)/lib/libLLVM-\(v).so",
                "/usr/lib/llvm-\(v)/lib/libLLVM.so.\(v).1",
                "/usr/lib/llvm-\(v)/lib/libLLVM.so",
                "/usr/lib/x86_64-linux-gnu/libLLVM-\(v).so",
                "/usr/lib/x86_64-linux-gnu/libLLVM.so.\(v).1",
                "/usr/lib/aarch64-linux-gnu/libLLVM-\(v).so",
                "/usr/lib/aarch64-linux-gnu/libLLVM.so.\(v).1",
                "/usr/lib64/libLLVM-\(v).so", "/usr/lib64/libLLVM.so.\(v).1",
                "/usr/lib/libLLVM-\(v).so", "/usr/lib/libLLVM.so.\(v).1",
                "/usr/lib64/llvm\(v)/lib/libLLVM.so", "/usr/local/lib/libLLVM-\(v).so",
                "/opt/homebrew/opt/llvm@\(v)/lib/libLLVM.dylib",
                "/usr/local/opt/llvm@\(v)/lib/libLLVM.dylib",
            ]
        }
    }
}

/// A value behind a lock (the loader's state).
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<R, E: Error>(_ body: (inout Value) throws(E) -> R) throws(E) -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
