/// Kern's version and the LLVM it compiles with (`kernelc --version`).
import Foundation
internal import KernLLVM

/// Facts about this Kern library: its version and the LLVM it compiles with.
public enum KernInfo {
    /// This release of Kern (the git tag `0.1.0` a client depends on matches it).
    public static let version = "0.1.0"

    /// Starts loading LLVM on a background thread (once per process; nothing when it is
    /// loaded): a program that will compile soon calls it early, so the first compile
    /// does not wait the whole time libLLVM takes to open (~15 ms). A failure is not
    /// reported here: the first compile searches again and throws it. Returns at once.
    public static func loadLLVMInBackground() { LLVMLibrary.preload() }

    /// Whether this process has loaded libLLVM. Compiles whose code all came from the
    /// compile cache for the host CPU link it without LLVM, and leave this false.
    public static var isLLVMLoaded: Bool { LLVMLibrary.loaded != nil }

    /// Which LLVM Kern uses: the loaded one, else the one the first compile would load
    /// (found, opened, checked and closed again), else why there is none (what was tried
    /// and the fix). One or more lines, without a trailing newline.
    public static func llvmDescription() -> String {
        if let loaded = LLVMLibrary.loaded {
            return "LLVM \(loaded.version) (\(loaded.path), loaded)"
        }
        do {
            let found = try LLVMLibrary.probe(environment: ProcessInfo.processInfo.environment)
            return "LLVM \(found.version) (\(found.path))"
        } catch {
            return "no usable LLVM: " + error.description
        }
    }
}
