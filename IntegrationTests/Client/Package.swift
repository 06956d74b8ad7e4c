// swift-tools-version: 6.1
// A client of Kern as a new user would write it: Kern by version, from a git tag. Built
// by scripts/integration-test.sh, which puts a copy of the current tree, tagged with
// Kern's version, in a fresh temporary folder and points the URL below of its copy of
// this manifest there (so runs at the same time do not collide).
import PackageDescription

let package = Package(
    name: "KernClient",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "file:///tmp/kern-integration/kern", from: "0.1.0")
    ],
    targets: [
        .executableTarget(
            name: "kern-client", dependencies: [.product(name: "Kern", package: "kern")]),
        // The build plugin: heat.kern becomes typed Swift functions (`Kernels.step(…)`).
        .executableTarget(
            name: "kern-plugin-client", dependencies: [.product(name: "Kern", package: "kern")],
            plugins: [.plugin(name: "KernPlugin", package: "kern")]),
    ]
)
