import Foundation
import PackagePlugin

/// The build-tool plugin: a target's `.kern` files become `enum Kernels`, one typed Swift
/// function per Kern function (README, "Build plugin"). A kernel with an error fails the
/// build with the error at its own file, line and column. Add it to a target that
/// depends on the `Kern` library:
///
///     .executableTarget(name: "App", dependencies: [.product(name: "Kern", package: "kern")],
///                       plugins: [.plugin(name: "KernPlugin", package: "kern")])
@main
struct KernPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let kernels = target.sourceFiles(withSuffix: "kern").map(\.url)
        guard !kernels.isEmpty else { return [] }
        let output = context.pluginWorkDirectoryURL.appending(path: "Kernels.swift")
        return [
            .buildCommand(
                displayName: "Kern: checking and wrapping \(kernels.count) kernel file(s) of \(target.name)",
                executable: try context.tool(named: "kern-plugin-tool").url,
                arguments: ["--output", output.path] + kernels.map(\.path),
                inputFiles: kernels,
                outputFiles: [output])
        ]
    }
}
