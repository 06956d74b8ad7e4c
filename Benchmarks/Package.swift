// swift-tools-version: 6.0
// kern-bench: Kern's benchmark harness, a nested package so the main package does not
// depend on it. Peers: C (gcc/clang, serial/OpenMP; built by CPeers/Makefile and dlopened),
// idiomatic Swift (-O), unsafe-pointer Swift (-Ounchecked), Numba/NumPy (python/), and
// Kern itself behind the `KernelSuite` seam in Sources/KernPeer/KernSuite.swift.
import Foundation
import PackageDescription

/// Swift targets that import Kern see LLVM's C headers through Kern's CLLVM module, so
/// they need LLVM's include directory (found as the main package finds it: $LLVM_CONFIG,
/// else the newest llvm-config-NN on PATH).
func llvmIncludeDirectory() -> String {
    let env = ProcessInfo.processInfo.environment
    let dirs = (env["PATH"] ?? "/usr/bin").split(separator: ":").map(String.init)
    var tool = env["LLVM_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
    if let t = tool, !t.contains("/") {
        tool = dirs.map { $0 + "/" + t }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
    if tool == nil {
        let candidates = dirs.flatMap { dir in
            ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
                .compactMap { name in
                    name.hasPrefix("llvm-config-")
                        ? Int(name.dropFirst("llvm-config-".count)).map { ($0, dir + "/" + name) } : nil
                }
        }
        tool = candidates.max { $0.0 < $1.0 }?.1
    }
    guard let tool else { return "/usr/include" }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = ["--includedir"]
    let pipe = Pipe()
    process.standardOutput = pipe
    guard (try? process.run()) != nil else { return "/usr/include" }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
let kernSwiftFlags: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-I", "-Xcc", llvmIncludeDirectory()])]

/// The main package's identity is its directory's name (whatever the clone is called).
let kernPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "KernBenchmarks",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kern-bench", targets: ["kern-bench"]),
        .executable(name: "vecmath-bench", targets: ["vecmath-bench"]),
    ],
    dependencies: [
        .package(path: ".."),
    ],
    targets: [
        // Inputs, timing, verification, C loader, Python bridge, reports. Built with -O.
        .target(name: "BenchCore"),
        // Idiomatic Swift on [T], release (-O), default target CPU.
        .target(name: "SwiftPeers", dependencies: ["BenchCore"]),
        // Unsafe-pointer Swift, -Ounchecked (no overflow/bounds preconditions).
        .target(
            name: "SwiftUnsafePeers", dependencies: ["BenchCore"],
            swiftSettings: [.unsafeFlags(["-Ounchecked"])]),
        // The same source (symlinked) with -target-cpu native, as Kern targets the host CPU.
        .target(
            name: "SwiftUnsafeNativePeers", dependencies: ["BenchCore"],
            swiftSettings: [.unsafeFlags(["-Ounchecked", "-target-cpu", "native"])]),
        // Kern (JIT), checked and unchecked.
        .target(
            name: "KernPeer",
            dependencies: ["BenchCore", .product(name: "Kern", package: kernPackage)],
            swiftSettings: kernSwiftFlags),
        .executableTarget(
            name: "kern-bench",
            dependencies: [
                "BenchCore", "SwiftPeers", "SwiftUnsafePeers", "SwiftUnsafeNativePeers", "KernPeer",
            ],
            swiftSettings: kernSwiftFlags),
        // Vectorized transcendentals and Black-Scholes vs Numba fastmath (docs/vector-math.md).
        .executableTarget(
            name: "vecmath-bench",
            dependencies: [.product(name: "Kern", package: kernPackage)],
            swiftSettings: kernSwiftFlags),
    ],
    swiftLanguageModes: [.v5]
)
