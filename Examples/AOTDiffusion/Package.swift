// swift-tools-version:6.0
// An app using Kern kernels compiled ahead of time: `DiffusionKernels` is a C target
// holding diffusion.kern, whose code Kern's command plugin writes next to it
// (`swift package --allow-writing-to-package-directory kern-aot --multiversion`: assembly
// for x86-64-v4, -v3 and baseline, a load-time dispatcher and include/diffusion.h; see
// ../../scripts/aot-example.sh), linked with the Kern runtime. Neither LLVM nor the Kern
// compiler is needed to build or run the app, only to regenerate the kernels.
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
            exclude: ["diffusion.kern"],
            // The code may call glibc's SIMD math (libmvec) for exp, log, sin, …
            linkerSettings: [.linkedLibrary("mvec"), .linkedLibrary("m")]),
        .executableTarget(name: "aot-demo", dependencies: ["DiffusionKernels"]),
    ]
)
