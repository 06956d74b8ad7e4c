import Foundation

/// What the results were measured on: CPU model, core count, compilers, date.
public struct Machine {
    public var cpu: String
    public var cores: Int
    public var os: String
    public var date: String
    public var swiftVersion: String

    public static func describe() -> Machine {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model =
            cpuinfo.split(separator: "\n")
            .first { $0.hasPrefix("model name") }
            .map {
                $0.split(separator: ":", maxSplits: 1).last.map {
                    $0.trimmingCharacters(in: .whitespaces)
                } ?? ""
            }
            ?? "unknown CPU"
        let osRelease = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)) ?? ""
        let pretty =
            osRelease.split(separator: "\n").first { $0.hasPrefix("PRETTY_NAME=") }
            .map {
                String($0.dropFirst("PRETTY_NAME=".count)).replacingOccurrences(of: "\"", with: "")
            }
            ?? "unknown OS"
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [
            .withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime,
        ]
        func field(_ name: String) -> String? {
            cpuinfo.split(separator: "\n").first { $0.hasPrefix(name) }
                .flatMap { $0.split(separator: ":", maxSplits: 1).last }
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let family = [
            field("cpu family").map { "family \($0)" }, field("model\t").map { "model \($0)" },
        ]
        .compactMap { $0 }.joined(separator: ", ")
        let vector =
            cpuinfo.contains(" avx512f")
            ? "AVX-512" : (cpuinfo.contains(" avx2") ? "AVX2, no AVX-512" : "no AVX2")
        let flags = " (\(family.isEmpty ? "" : family + "; ")\(vector))"
        return Machine(
            cpu: model + flags, cores: ProcessInfo.processInfo.activeProcessorCount, os: pretty,
            date: formatter.string(from: Date()) + " UTC",
            swiftVersion: Shell.firstLine(["swift", "--version"]) ?? "unknown")
    }
}

/// Runs small helper commands (compiler versions, the Python peers, the plotter).
public enum Shell {
    /// The first line of a command's standard output, or nil if it failed.
    public static func firstLine(_ argv: [String]) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = argv
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init)
    }

    /// Runs a command with stderr passed through (progress) and returns its exit status
    /// and standard output.
    public static func run(_ argv: [String], environment: [String: String]? = nil) throws
        -> (status: Int32, stdout: String)
    {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = argv
        if let environment { p.environment = environment }
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.standardError
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Progress lines on standard error, stamped with the time since start.
public enum Progress {
    nonisolated(unsafe) static var start = now()
    public static func say(_ s: String) {
        let line = String(format: "[%6.1fs] ", now() - start) + s + "\n"
        FileHandle.standardError.write(line.data(using: .utf8)!)
    }
}
