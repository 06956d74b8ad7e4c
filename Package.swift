// swift-tools-version: 6.1
// Kern: a JIT-compiling numeric kernel language for Swift.
//
// The pipeline is visible in the target list: KernBasics → KernSyntax → KernSema →
// KernIRGen → KernIR (passes) → KernLLVM → KernJIT → Kern (host API) → KernCLI/kernelc;
// KernCompiler drives the stages (docs/architecture.md), KernInterpreter is the oracle.
// LLVM is not needed to build: CLLVM declares the part of LLVM's C API Kern uses and
// loads a libLLVM (19-22) with dlopen when the first kernel compiles (docs/architecture.md,
// "LLVM boundary and loading"). Building needs a C compiler and libffi only, and no target
// uses unsafe flags, so other packages can depend on Kern by version.
import PackageDescription

let swift6: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Kern",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Kern", targets: ["Kern"]),
        .executable(name: "kernelc", targets: ["kernelc"]),
        // MPI from Swift (LANGUAGE.md §12): Open MPI opened at run time, never linked.
        .library(name: "KernMPI", targets: ["KernMPI"]),
        // The C runtime alone: what ahead-of-time compiled kernels link (no LLVM, no Swift).
        .library(name: "KernRuntime", targets: ["KernRuntime"]),
        // `.kern` files of a target become typed Swift functions (`enum Kernels`).
        .plugin(name: "KernPlugin", targets: ["KernPlugin"]),
        // `swift package kern-aot`: a C target's `.kern` files compiled ahead of time into it.
        .plugin(name: "KernAOTPlugin", targets: ["KernAOTPlugin"]),
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
        .target(name: "KernIRGen", dependencies: ["KernSema", "KernIR", "KernABI"], swiftSettings: swift6),
        // The staged compiler: parse → check → lower → passes, then a pluggable back end.
        .target(
            name: "KernCompiler", dependencies: ["KernSyntax", "KernSema", "KernIRGen", "KernIR"],
            swiftSettings: swift6),
        // The reference interpreter: the oracle, kept apart so no pass can depend on it.
        .target(name: "KernInterpreter", dependencies: ["KernIR", "KernRuntime", "CFFI", "KernFFI"], swiftSettings: swift6),
        // Back end
        .target(name: "CLLVM", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        .target(name: "CFFI", linkerSettings: [.linkedLibrary("ffi")]),
        // Kern's scalar types as libffi types: for the host call path and the interpreter.
        .target(name: "KernFFI", dependencies: ["CFFI", "KernBasics"], swiftSettings: swift6),
        // Built with the configuration's optimization level (debug: -O0; release: -O2), as
        // unsafeFlags(["-O2"]) would make the package unusable as a versioned dependency.
        .target(
            name: "KernRuntime",
            linkerSettings: [
                .linkedLibrary("pthread"), .linkedLibrary("m"),
                // dlopen of Open MPI's libmpi (kern_mpi.c); MPI itself is never linked.
                .linkedLibrary("dl", .when(platforms: [.linux])),
            ]),
        .target(
            name: "KernLLVM", dependencies: ["KernIR", "KernABI", "CLLVM", "KernRuntime"],
            swiftSettings: swift6),
        .target(
            name: "KernJIT", dependencies: ["KernLLVM", "KernABI", "CLLVM", "KernRuntime"],
            swiftSettings: swift6),
        // Host API and tools
        .target(
            name: "Kern",
            dependencies: ["KernCompiler", "KernIRGen", "KernJIT", "KernLLVM", "KernABI", "CFFI", "KernFFI", "KernRuntime"],
            swiftSettings: swift6),
        .target(name: "KernMPI", dependencies: ["KernRuntime"], swiftSettings: swift6),
        // Example: Kern kernels on MPI ranks from Swift (run by scripts/test-mpi.sh).
        .executableTarget(
            name: "kern-mpi-dot", dependencies: ["Kern", "KernMPI"], path: "Examples/KernMPIDot",
            swiftSettings: swift6),
        // The build plugin: its tool runs only the front end (no LLVM at build time).
        .target(
            name: "KernSwiftGen", dependencies: ["KernCompiler", "KernSema", "KernSyntax", "KernBasics"],
            swiftSettings: swift6),
        .executableTarget(
            name: "kern-plugin-tool", dependencies: ["KernSwiftGen", "KernBasics"], swiftSettings: swift6),
        .plugin(name: "KernPlugin", capability: .buildTool(), dependencies: ["kern-plugin-tool"]),
        // AOT: kernelc writes a C target's kernels as assembly + header (needs LLVM where it
        // runs; the app does not). A command, as build-tool plugins cannot feed C targets.
        .plugin(
            name: "KernAOTPlugin",
            capability: .command(
                intent: .custom(
                    verb: "kern-aot",
                    description: "Compile the .kern files of C targets ahead of time into those targets"),
                permissions: [
                    .writeToPackageDirectory(reason: "writes the compiled kernels (assembly and C header) into the C target")
                ]),
            dependencies: ["kernelc"]),
        .target(
            name: "KernREPL", dependencies: ["Kern", "KernCompiler", "KernIRGen", "KernSyntax", "KernSema", "KernBasics"],
            swiftSettings: swift6),
        .target(
            name: "KernCLI",
            dependencies: ["Kern", "KernREPL", "KernRuntime", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swift6),
        .executableTarget(
            name: "kernelc", dependencies: ["KernCLI"], swiftSettings: swift6),
        // The differential program fuzzer (issue 15): a generator of random programs, the
        // interpreter-vs-JIT comparison, and its driver. No product depends on these.
        .target(name: "KernFuzzGen", swiftSettings: swift6),
        .target(
            name: "KernFuzzDiff",
            dependencies: [
                "KernFuzzGen", "Kern", "KernCompiler", "KernIR", "KernInterpreter", "KernBasics", "KernRuntime",
            ],
            swiftSettings: swift6),
        .executableTarget(
            name: "kern-fuzz-diff",
            dependencies: [
                "KernFuzzDiff", "KernFuzzGen", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swift6),

        // Tests: one target per stage, plus the file tests over Tests/Cases.
        .testTarget(
            name: "KernSwiftGenTests", dependencies: ["KernSwiftGen", "KernBasics"], swiftSettings: swift6),
        .testTarget(name: "KernSyntaxTests", dependencies: ["KernSyntax"], swiftSettings: swift6),
        // Rejections/*.txt: the rejected programs, read by the tests from the source tree.
        .testTarget(
            name: "KernSemaTests", dependencies: ["KernSema"], exclude: ["Rejections"],
            swiftSettings: swift6),
        .testTarget(
            name: "KernIRTests", dependencies: ["KernIR", "KernInterpreter"], swiftSettings: swift6),
        .testTarget(
            name: "KernCompilerTests", dependencies: ["KernCompiler", "KernIR"], swiftSettings: swift6),
        .testTarget(name: "KernRuntimeTests", dependencies: ["KernRuntime"], swiftSettings: swift6),
        .testTarget(name: "KernMPITests", dependencies: ["KernMPI"], swiftSettings: swift6),
        .testTarget(
            name: "KernLLVMTests", dependencies: ["KernLLVM", "KernJIT", "KernABI", "KernRuntime"],
            swiftSettings: swift6),
        // Hand-written C functions following the entry ABI, for testing calls without LLVM.
        .target(name: "KernTestSupport", dependencies: ["KernRuntime"], path: "Tests/KernTestSupport"),
        .testTarget(
            name: "KernTests",
            dependencies: ["Kern", "KernIR", "KernLLVM", "KernTestSupport", "KernRuntime", "KernFuzzGen"],
            // A `.kern` resource, for errors naming the original file (SourcePositionTests).
            resources: [.copy("Resources/broken.kern")], swiftSettings: swift6),
        // The typed wrappers end to end: this package's own plugin over Tests/KernPluginTests/*.kern.
        .testTarget(
            name: "KernPluginTests", dependencies: ["Kern", "KernTestSupport"], swiftSettings: swift6,
            plugins: ["KernPlugin"]),
        .testTarget(
            name: "KernREPLTests", dependencies: ["KernREPL", "Kern", "KernCLITestSupport", "kernelc"],
            swiftSettings: swift6),
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
            swiftSettings: swift6),
        .testTarget(
            name: "KernReportTests",
            dependencies: [
                "Kern", "KernCLI", "KernCLITestSupport", "KernCompiler", "KernLLVM", "KernIR", "KernSema",
                "KernSyntax",
            ],
            swiftSettings: swift6),
        .testTarget(
            name: "KernFuzzDiffTests",
            dependencies: ["KernFuzzDiff", "KernFuzzGen", "KernCLITestSupport", "kern-fuzz-diff"],
            swiftSettings: swift6),
    ]
)

// `make docs` only (KERN_DOCS=1): the DocC plugin, for `swift package generate-documentation`.
// Left out otherwise, so neither Kern's builds nor packages depending on Kern resolve it.
if Context.environment["KERN_DOCS"] == "1" {
    package.dependencies.append(
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"))
}
