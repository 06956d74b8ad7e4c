// swift-tools-version: 6.1
// Kern: a JIT-compiling numeric kernel language for Swift.
//
// The pipeline is visible in the target list: KernBasics → KernSyntax → KernSema →
// KernIRGen → KernIR (passes) → KernLLVM → KernJIT → Kern (host API) → KernCLI/kernelc;
// KernCompiler drives the stages (docs/architecture.md), KernInterpreter is the oracle.
// LLVM is found through `llvm-config` at manifest time (honouring $LLVM_CONFIG,
// else the newest `llvm-config-NN` on PATH); libffi through the system linker.
import Foundation
import PackageDescription

/// Flags for LLVM, read from llvm-config so no versioned path is hard-coded.
struct LLVMFlags {
    var includeDir = "/usr/include"
    var libDir = "/usr/lib"
    var libName = "LLVM"
    var majorVersion = 0

    static func locate() -> LLVMFlags {
        var flags = LLVMFlags()
        guard let tool = findLLVMConfig() else { return flags }
        flags.includeDir = run(tool, ["--includedir"]) ?? flags.includeDir
        flags.libDir = run(tool, ["--libdir"]) ?? flags.libDir
        if let version = run(tool, ["--version"]),
           let major = Int(version.split(separator: ".").first ?? "") {
            flags.majorVersion = major
        }
        // `--libs --link-shared` prints e.g. "-lLLVM-22"; fall back to plain libLLVM.
        if let libs = run(tool, ["--libs", "--link-shared"]),
           let first = libs.split(separator: " ").first(where: { $0.hasPrefix("-l") }) {
            flags.libName = String(first.dropFirst(2))
        }
        return flags
    }

    static func findLLVMConfig() -> String? {
        let env = ProcessInfo.processInfo.environment
        let path = env["PATH"] ?? "/usr/bin:/usr/local/bin"
        if let explicit = env["LLVM_CONFIG"], !explicit.isEmpty {
            if explicit.contains("/") { return explicit }
            // A bare name: look it up on PATH.
            return path.split(separator: ":").map { $0 + "/" + explicit }
                .first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        var best: (Int, String)?
        for dir in path.split(separator: ":").map(String.init) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { continue }
            for name in names where name.hasPrefix("llvm-config-") {
                guard let major = Int(name.dropFirst("llvm-config-".count)) else { continue }
                if best == nil || major > best!.0 { best = (major, dir + "/" + name) }
            }
        }
        return best?.1
    }

    static func run(_ tool: String, _ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

let llvm = LLVMFlags.locate()
let llvmCFlags: [CSetting] = [
    .unsafeFlags(["-I", llvm.includeDir]),
    .define("KERN_LLVM_MAJOR", to: String(llvm.majorVersion)),
]
// remarks.cpp includes LLVM's C++ headers: the flags `llvm-config --cxxflags` would give,
// without RTTI so it links whether or not libLLVM was built with it.
let llvmCXXFlags: [CXXSetting] = [
    .unsafeFlags(["-I", llvm.includeDir, "-fno-rtti", "-fno-exceptions"]),
    .define("KERN_LLVM_MAJOR", to: String(llvm.majorVersion)),
    .define("__STDC_CONSTANT_MACROS"), .define("__STDC_FORMAT_MACROS"), .define("__STDC_LIMIT_MACROS"),
]
let llvmSwiftFlags: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-I", "-Xcc", llvm.includeDir])]
let llvmLinkFlags: [LinkerSetting] = [
    .unsafeFlags(["-L", llvm.libDir, "-Xlinker", "-rpath", "-Xlinker", llvm.libDir]),
    .linkedLibrary(llvm.libName),
]
let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Kern",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Kern", targets: ["Kern"]),
        .executable(name: "kernelc", targets: ["kernelc"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Front end
        .target(name: "KernBasics", swiftSettings: swift6),
        // The runtime ABI (structs, statuses, runtime functions, entry convention), once.
        .target(name: "KernABI", swiftSettings: swift6),
        .target(name: "KernSyntax", dependencies: ["KernBasics"], swiftSettings: swift6),
        .target(name: "KernSema", dependencies: ["KernSyntax"], swiftSettings: swift6),
        // Middle
        .target(name: "KernIR", dependencies: ["KernBasics", "KernABI"], swiftSettings: swift6),
        .target(name: "KernIRGen", dependencies: ["KernSema", "KernIR"], swiftSettings: swift6),
        // The staged compiler: parse → check → lower → passes, then a pluggable back end.
        .target(
            name: "KernCompiler", dependencies: ["KernSyntax", "KernSema", "KernIRGen", "KernIR"],
            swiftSettings: swift6),
        // The reference interpreter: the oracle, kept apart so no pass can depend on it.
        .target(name: "KernInterpreter", dependencies: ["KernIR"], swiftSettings: swift6),
        // Back end
        .target(
            name: "CLLVM", cSettings: llvmCFlags, cxxSettings: llvmCXXFlags,
            linkerSettings: llvmLinkFlags + [
                .linkedLibrary("stdc++", .when(platforms: [.linux])),
                .linkedLibrary("c++", .when(platforms: [.macOS])),
            ]),
        .target(name: "CFFI", linkerSettings: [.linkedLibrary("ffi")]),
        .target(
            name: "KernRuntime",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("pthread"), .linkedLibrary("m")]),
        .target(
            name: "KernLLVM", dependencies: ["KernIR", "KernABI", "CLLVM", "KernRuntime"],
            swiftSettings: swift6 + llvmSwiftFlags),
        .target(
            name: "KernJIT", dependencies: ["KernLLVM", "KernABI", "CLLVM", "KernRuntime"],
            swiftSettings: swift6 + llvmSwiftFlags),
        // Host API and tools
        .target(
            name: "Kern",
            dependencies: ["KernCompiler", "KernIRGen", "KernJIT", "KernLLVM", "KernABI", "CFFI", "KernRuntime"],
            swiftSettings: swift6 + llvmSwiftFlags),
        .target(
            name: "KernREPL", dependencies: ["Kern", "KernCompiler", "KernSyntax", "KernSema", "KernBasics"],
            swiftSettings: swift6 + llvmSwiftFlags),
        .target(
            name: "KernCLI",
            dependencies: ["Kern", "KernREPL", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swift6 + llvmSwiftFlags),
        .executableTarget(
            name: "kernelc", dependencies: ["KernCLI"], swiftSettings: swift6 + llvmSwiftFlags),
        // The differential program fuzzer (issue 15): a generator of random programs, the
        // interpreter-vs-JIT comparison, and its driver. No product depends on these.
        .target(name: "KernFuzzGen", swiftSettings: swift6),
        .target(
            name: "KernFuzzDiff",
            dependencies: [
                "KernFuzzGen", "Kern", "KernCompiler", "KernIR", "KernInterpreter", "KernBasics", "KernRuntime",
            ],
            swiftSettings: swift6 + llvmSwiftFlags),
        .executableTarget(
            name: "kern-fuzz-diff", dependencies: ["KernFuzzDiff", "KernFuzzGen"],
            swiftSettings: swift6 + llvmSwiftFlags),

        // Tests: one target per stage, plus the file tests over Tests/Cases.
        .testTarget(name: "KernSyntaxTests", dependencies: ["KernSyntax"], swiftSettings: swift6),
        .testTarget(name: "KernSemaTests", dependencies: ["KernSema"], swiftSettings: swift6),
        .testTarget(
            name: "KernIRTests", dependencies: ["KernIR", "KernInterpreter"], swiftSettings: swift6),
        .testTarget(
            name: "KernCompilerTests", dependencies: ["KernCompiler", "KernIR"], swiftSettings: swift6),
        .testTarget(name: "KernRuntimeTests", dependencies: ["KernRuntime"], swiftSettings: swift6),
        .testTarget(
            name: "KernLLVMTests", dependencies: ["KernLLVM", "KernJIT", "KernABI", "KernRuntime"],
            swiftSettings: swift6 + llvmSwiftFlags),
        // Hand-written C functions following the entry ABI, for testing calls without LLVM.
        .target(name: "KernTestSupport", dependencies: ["KernRuntime"], path: "Tests/KernTestSupport"),
        .testTarget(
            name: "KernTests", dependencies: ["Kern", "KernIR", "KernTestSupport", "KernRuntime"],
            swiftSettings: swift6 + llvmSwiftFlags),
        .testTarget(
            name: "KernREPLTests", dependencies: ["KernREPL", "Kern", "kernelc"],
            swiftSettings: swift6 + llvmSwiftFlags),
        // `kernelc` run in process, for the CLI tests of several targets.
        .target(
            name: "KernCLITestSupport",
            dependencies: ["KernCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tests/KernCLITestSupport", swiftSettings: swift6),
        .testTarget(
            name: "KernFileTests",
            dependencies: [
                "Kern", "KernCLI", "KernCLITestSupport", "KernCompiler", "KernSyntax", "KernSema", "KernIR",
                "KernInterpreter", "KernRuntime",
            ],
            swiftSettings: swift6 + llvmSwiftFlags),
        .testTarget(
            name: "KernReportTests",
            dependencies: [
                "Kern", "KernCLI", "KernCLITestSupport", "KernCompiler", "KernLLVM", "KernIR", "KernSema",
                "KernSyntax",
            ],
            swiftSettings: swift6 + llvmSwiftFlags),
        .testTarget(
            name: "KernFuzzDiffTests", dependencies: ["KernFuzzDiff", "KernFuzzGen"],
            swiftSettings: swift6 + llvmSwiftFlags),
    ],
    cxxLanguageStandard: .cxx17
)
