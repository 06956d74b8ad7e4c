import Foundation
import PackagePlugin

/// The command plugin for ahead-of-time kernels: `swift package
/// --allow-writing-to-package-directory kern-aot [--target T]… [--multiversion]
/// [--target-cpu CPU]` compiles every `.kern` file in a C target's folder with `kernelc
/// build --emit c-target` into that folder (`<name>.S` files and `include/<name>.h`), so
/// the app links compiled kernels and the KernRuntime product and never loads LLVM. Run it
/// again after changing a kernel, and commit the output with the kernel.
///
/// Why a command and not the build-tool plugin: Swift 6.3's SwiftPM ignores assembly or C
/// that a build-tool plugin generates for a C target unless the package opts into the
/// experimental `experimentalCGen` tools version ("C source file generation not enabled"),
/// and a build-tool plugin cannot add a target. docs/decisions.md, "AOT libraries".
///
/// Without `--target`, every C target whose folder holds `.kern` files. List the `.kern`
/// files in the target's `exclude:` so SwiftPM does not warn about them.
@main
struct KernAOTPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var extractor = ArgumentExtractor(arguments)
        let names = extractor.extractOption(named: "target")
        let cpu = extractor.extractOption(named: "target-cpu")
        let multiversion = extractor.extractFlag(named: "multiversion") > 0
        guard extractor.remainingArguments.isEmpty else {
            throw PluginError(
                "unexpected arguments \(extractor.remainingArguments); usage: kern-aot [--target T]… [--multiversion] [--target-cpu CPU]"
            )
        }
        if multiversion && !cpu.isEmpty {
            throw PluginError("--multiversion picks the CPUs itself: drop --target-cpu")
        }
        let targets: [any Target]
        if names.isEmpty {
            targets = context.package.targets.filter { !kernels(in: $0).isEmpty }
        } else {
            targets = try context.package.targets(named: names)
        }
        guard !targets.isEmpty else {
            throw PluginError("no C target of this package has .kern files in its folder")
        }
        let kernelc = try context.tool(named: "kernelc").url
        for target in targets {
            guard target is ClangSourceModuleTarget else {
                throw PluginError(
                    "'\(target.name)' is not a C target: AOT kernels go into a C target (Swift targets use the KernPlugin build plugin)"
                )
            }
            let files = kernels(in: target)
            guard !files.isEmpty else { throw PluginError("'\(target.name)' has no .kern files") }
            for file in files {
                var arguments = [
                    "build", file.path, "--emit", "c-target", "-o", target.directoryURL.path,
                ]
                if multiversion { arguments.append("--multiversion") }
                if let cpu = cpu.last { arguments += ["--target-cpu", cpu] }
                let process = Process()
                process.executableURL = kernelc
                process.arguments = arguments
                try process.run()
                process.waitUntilExit()
                guard process.terminationStatus == 0 else {
                    throw PluginError("kernelc failed on \(file.path) (its errors are above)")
                }
                print("kern-aot: \(file.lastPathComponent) → \(target.name)")
            }
        }
    }

    /// The `.kern` files directly in a target's folder, sorted.
    private func kernels(in target: any Target) -> [URL] {
        let folder = target.directoryURL
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".kern") }.sorted().map { folder.appending(path: $0) }
    }
}

struct PluginError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
