import Foundation
import KernBasics
import KernSwiftGen

/// `kern-plugin-tool --output Kernels.swift FILE.kern…`: the command `KernPlugin` runs
/// for a target. Writes the typed wrappers (SwiftWrapperGenerator) — only when they
/// changed, so an unchanged kernel rebuilds nothing — or prints the kernels' errors as
/// `file:line:column: error: …` and exits 1, which fails the build at those lines.
var arguments = Array(CommandLine.arguments.dropFirst())
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("kern-plugin-tool: error: \(message)\n".utf8))
    exit(1)
}
guard arguments.count >= 2, arguments[0] == "--output" else {
    fail("usage: kern-plugin-tool --output FILE.swift KERNEL.kern…")
}
let output = arguments[1]
var inputs: [SourceFile] = []
for path in arguments.dropFirst(2) {
    guard let data = FileManager.default.contents(atPath: path) else {
        fail("cannot read '\(path)'")
    }
    inputs.append(SourceFile(name: path, text: String(decoding: data, as: UTF8.self)))
}
switch SwiftWrapperGenerator.generate(inputs) {
case .errors(let text):
    FileHandle.standardError.write(Data(text.utf8))
    exit(1)
case .swift(let source):
    let bytes = Data(source.utf8)
    if FileManager.default.contents(atPath: output) == bytes { exit(0) }
    do {
        try bytes.write(to: URL(fileURLWithPath: output), options: .atomic)
    } catch {
        fail("cannot write '\(output)': \(error.localizedDescription)")
    }
}
