/// `.kern` files shipped as package resources (`resources: [.process("heat.kern")]`,
/// loaded from `Bundle.module`): compiled from the bundle, but errors name the file in the
/// package's sources, where the user edits it, not SwiftPM's copy inside `.build`.
///
/// In: a resource name, its bundle, the caller's Swift file. Out: a `KernModule` whose
/// `SourceFile` is named after the original file when it is found (ResourceOrigin).
import Foundation

extension KernModule {
    /// Compiles the `.kern` resource `name` of `bundle` (usually `Bundle.module`).
    ///
    /// Errors name the resource's original file: the file of that name and the same text
    /// in the caller's target folder (found from `file`, the caller's Swift file: the
    /// folder under `Sources/` or `Tests/` holding it). When the sources are not there
    /// (an app run elsewhere) they name `<bundle>/<name>.<ext>`.
    /// - Throws: `KernError.unreadableFile` when the bundle has no such resource or it
    ///   cannot be read; `KernError.compile` with every diagnostic, or `KernError.backend`.
    public static func compile(
        resource name: String, withExtension ext: String = "kern", in bundle: Bundle,
        options: CompileOptions = .init(), file: String = #filePath
    ) throws -> KernModule {
        let fileName = ext.isEmpty ? name : "\(name).\(ext)"
        guard let url = bundle.url(forResource: name, withExtension: ext) else {
            throw KernError.unreadableFile(
                path: "\(bundle.bundleURL.lastPathComponent)/\(fileName)",
                reason: "the bundle has no resource of that name")
        }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw KernError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        let shownName =
            ResourceOrigin.sourcePath(of: fileName, text: text, callerFile: file)
            ?? "\(bundle.bundleURL.lastPathComponent)/\(fileName)"
        return try Compiler.compile(SourceFile(name: shownName, text: text), options: options)
    }
}

/// Finds the file a resource was copied from, in the caller's target folder.
enum ResourceOrigin {
    /// Files visited at most (a target folder is small; a wrong `file` must not scan a disk).
    static let maximumEntries = 20_000

    /// The path of the file named `fileName` holding exactly `text` in the target folder of
    /// `callerFile`, or nil.
    static func sourcePath(of fileName: String, text: String, callerFile: String) -> String? {
        let root = targetFolder(of: URL(fileURLWithPath: callerFile))
        guard
            let entries = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey],
                options: [.skipsHiddenFiles, .skipsPackageDescendants])
        else { return nil }
        var visited = 0
        for case let url as URL in entries {
            visited += 1
            if visited > maximumEntries { return nil }
            if url.lastPathComponent == ".build" { entries.skipDescendants() }
            guard url.lastPathComponent == fileName,
                (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                let candidate = try? String(contentsOf: url, encoding: .utf8), candidate == text
            else { continue }
            return url.path
        }
        return nil
    }

    /// The target folder holding a Swift file: the folder right under `Sources` or `Tests`
    /// on its path, else the file's own folder.
    static func targetFolder(of file: URL) -> URL {
        var folder = file.deletingLastPathComponent()
        var candidate = folder
        while candidate.pathComponents.count > 1 {
            let parent = candidate.deletingLastPathComponent()
            if ["Sources", "Tests"].contains(parent.lastPathComponent) { return candidate }
            candidate = parent
        }
        folder.standardize()
        return folder
    }
}
