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
/// Without `--target`, every C target folder under `Sources/` that holds `.kern` files
/// (also before the first run, when SwiftPM still ignores the target for having no
/// sources). List the `.kern` files in the target's `exclude:`.
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
        // Folders, not targets: SwiftPM drops a C target that has no sources yet (before
        // the first run), so a target's folder is found under Sources/ by its name too.
        let sources = context.package.directoryURL.appending(path: "Sources")
        var folders: [(name: String, url: URL)] = []
        if names.isEmpty {
            let all = (try? FileManager.default.contentsOfDirectory(atPath: sources.path)) ?? []
            for name in all.sorted() {
                let target = context.package.targets.first { $0.name == name }
                // Swift targets' .kern files belong to the KernPlugin build plugin.
                if let target, !(target is ClangSourceModuleTarget) { continue }
                let url = target?.directoryURL ?? sources.appending(path: name)
                if !kernels(in: url).isEmpty { folders.append((name, url)) }
            }
            guard !folders.isEmpty else {
                throw PluginError("no C target folder under Sources/ has .kern files")
            }
        } else {
            for name in names {
                if let target = context.package.targets.first(where: { $0.name == name }) {
                    guard target is ClangSourceModuleTarget else {
                        throw PluginError(
                            "'\(name)' is not a C target: AOT kernels go into a C target (Swift targets use the KernPlugin build plugin)"
                        )
                    }
                    folders.append((name, target.directoryURL))
                } else {
                    folders.append((name, sources.appending(path: name)))
                }
            }
        }
        let kernelc = try context.tool(named: "kernelc").url
        for (name, folder) in folders {
            let files = kernels(in: folder)
            guard !files.isEmpty else {
                throw PluginError("no .kern files in \(folder.path) (target '\(name)')")
            }
            for file in files {
                var arguments = ["build", file.path, "--emit", "c-target", "-o", folder.path]
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
                print("kern-aot: \(file.lastPathComponent) → \(name)")
            }
        }
    }

    /// The `.kern` files directly in a folder, sorted.
    private func kernels(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".kern") }.sorted().map { folder.appending(path: $0) }
    }
}

struct PluginError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
