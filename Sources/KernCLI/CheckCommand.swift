import ArgumentParser
import Foundation
import Kern

/// `kernelc check FILE`: parse and type-check only; prints every diagnostic.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a .kern file for errors without compiling it.")

    @Argument(help: "The .kern file to check.")
    var file: String

    func run() throws {
        let source = try Console.readSource(file)
        do {
            try KernModule.check(source: source, fileName: file)
        } catch {
            throw Console.fail(error)
        }
    }
}
