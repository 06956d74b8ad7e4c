/// `kernelc`'s help texts: each option states its default once (issue 13.6: `--seed`
/// said "(default 0). (default: 0)"), the same as ArgumentParser's own "(default: …)".
import ArgumentParser
import KernCLI
import Testing

@Suite struct KernelcHelpTests {
    /// The help of every subcommand, split into option entries (an entry starts at a
    /// line beginning with `-` after indentation and runs to the next).
    private func optionEntries() -> [(command: String, entry: String)] {
        var entries: [(String, String)] = []
        for command in Kernelc.configuration.subcommands {
            let help = Kernelc.helpMessage(for: command, columns: 200)
            var current = ""
            for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
                let trimmed = line.drop { $0 == " " }
                if trimmed.hasPrefix("-") {
                    if !current.isEmpty { entries.append((command._commandName, current)) }
                    current = String(trimmed)
                } else if !current.isEmpty {
                    if trimmed.isEmpty {
                        entries.append((command._commandName, current))
                        current = ""
                    } else {
                        current += " " + trimmed
                    }
                }
            }
            if !current.isEmpty { entries.append((command._commandName, current)) }
        }
        return entries
    }

    @Test func everyOptionStatesItsDefaultAtMostOnce() {
        let entries = optionEntries()
        #expect(entries.count > 20, "the help was split into option entries")
        for (command, entry) in entries {
            let defaults = entry.components(separatedBy: "(default").count - 1
            #expect(defaults <= 1, "kernelc \(command): \(entry)")
        }
    }

    @Test func seedHelp() {
        let seed = optionEntries().filter { $0.command == "run" && $0.entry.hasPrefix("--seed") }
        #expect(seed.count == 1)
        #expect(
            seed.first?.entry.hasSuffix("Seed of the random numbers. (default: 0)") == true,
            "\(seed)")
    }
}
