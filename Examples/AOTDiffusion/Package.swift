// swift-tools-version:6.0
// An app using Kern kernels compiled ahead of time: `DiffusionKernels` is a C target whose
// sources `kernelc build --emit c-target` writes (assembly + header; see ../../scripts/
// aot-example.sh), linked with the Kern runtime. Neither LLVM nor the Kern compiler is
// needed to build or run the app.
import Foundation
import PackageDescription

// Kern itself, two folders up. A path dependency's identity is its folder's name (a clone
// may be called anything), so it is computed here; an app outside this repository writes
// `.package(url: "…/kern", from: "0.1.0")` and `package: "kern"` instead.
let kernFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../..").standardized

let package = Package(
    name: "AOTExample",
    dependencies: [.package(path: kernFolder.path)],
    targets: [
        .target(
            name: "DiffusionKernels",
            dependencies: [.product(name: "KernRuntime", package: kernFolder.lastPathComponent)],
            // The code may call glibc's SIMD math (libmvec) for exp, log, sin, …
            linkerSettings: [.linkedLibrary("mvec"), .linkedLibrary("m")]),
        .executableTarget(name: "aot-demo", dependencies: ["DiffusionKernels"]),
    ]
)
