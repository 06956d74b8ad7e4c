// swift-tools-version: 6.0
// kern-bench: Kern's benchmark harness, a nested package so the main package does not
// depend on it. Peers: C (gcc/clang, serial/OpenMP; built by CPeers/Makefile and dlopened),
// idiomatic Swift (-O), unsafe-pointer Swift (-Ounchecked), Numba/NumPy (python/), and
// Kern itself behind the `KernelSuite` seam in Sources/KernPeer/KernSuite.swift.
import Foundation
import PackageDescription

/// The main package's identity is its directory's name (whatever the clone is called).
let kernPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "KernBenchmarks",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kern-bench", targets: ["kern-bench"]),
        .executable(name: "vecmath-bench", targets: ["vecmath-bench"]),
        .executable(name: "call-bench", targets: ["call-bench"]),
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
            // typed.kern → `Kernels.trivial(x:)`, the typed-wrapper row of "call overhead".
            plugins: [.plugin(name: "KernPlugin", package: kernPackage)]),
        .executableTarget(
            name: "kern-bench",
            dependencies: [
                "BenchCore", "SwiftPeers", "SwiftUnsafePeers", "SwiftUnsafeNativePeers", "KernPeer",
            ]),
        // One call from Swift: KernPlugin's typed wrapper vs the dynamic path vs plain Swift.
        .executableTarget(
            name: "call-bench", dependencies: [.product(name: "Kern", package: kernPackage)],
            plugins: [.plugin(name: "KernPlugin", package: kernPackage)]),
        // Vectorized transcendentals and Black-Scholes vs Numba fastmath (docs/vector-math.md).
        .executableTarget(
            name: "vecmath-bench",
            dependencies: [.product(name: "Kern", package: kernPackage)]),
    ],
    swiftLanguageModes: [.v5]
)
