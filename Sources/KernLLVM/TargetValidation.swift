import KernBasics

/// Checks `--target-cpu` / `--target-features` before LLVM sees them (issue 15.3).
///
/// In: the requested CPU and feature string, the host triple and features, the LLVM major
/// version, and whether the code will run in this process (JIT) or only be emitted (AOT).
/// Out: nothing, or an `InvalidTarget` error that names the bad value and lists the valid choices.
/// Why before LLVM: an unknown CPU, or a 32-bit one such as `i386` for the 64-bit triple,
/// ends the process in LLVM's fatal-error handler (`exit(1)` inside `KernModule.compile`),
/// and LLVM's C API cannot list CPUs — so the names come from `TargetTable`, generated
/// from `llc -mcpu=help` / `-mattr=help` of LLVM 19 and 22 (scripts/gen-target-table.sh).
///
/// For the JIT the code runs here, so a feature the host lacks (`+egpr` on a CPU without
/// APX) is refused — it would be SIGILL at run time — and `restrictedToHost` turns off
/// every feature the host lacks after a CPU override (a CPU name implies features: with
/// `--target-cpu sapphirerapids` on a host without AMX, AMX stays off). AOT output
/// (`kernelc build`) may target any valid CPU and features.
/// A target CPU or feature refused before LLVM saw it; `message` lists valid choices.
public struct InvalidTarget: Error, CustomStringConvertible, Sendable {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}

enum TargetValidation {
    /// Throws when the CPU or a feature is unknown for `triple`, malformed, or (for
    /// `inProcess`) a feature `hostFeatures` marks as missing.
    static func check(
        cpu: String?, features: String?, triple: String, hostFeatures: String, llvmMajor: Int,
        inProcess: Bool
    ) throws {
        let arch = Architecture(triple: triple)
        if let cpu {
            if let known = arch?.cpus(llvmMajor: llvmMajor), !known.contains(cpu) {
                throw InvalidTarget(
                    "unknown target CPU '\(cpu)' for \(triple) (LLVM \(llvmMajor)); valid CPUs: "
                        + ([CompileOptions.nativeCPU] + known.sorted()).joined(separator: ", "))
            }
            if cpu.isEmpty || cpu.contains(where: { $0 == "," || $0.isWhitespace }) {
                throw InvalidTarget("target CPU '\(cpu)' is not a CPU name")
            }
        }
        guard let features else { return }
        let host = Self.parse(hostFeatures)
        for entry in features.split(separator: ",", omittingEmptySubsequences: false) {
            let item = entry.trimmingSpaces()
            guard let sign = item.first, sign == "+" || sign == "-", item.count > 1 else {
                throw InvalidTarget(
                    "target feature '\(item)' must be +name or -name (e.g. +avx2,-avx512f)")
            }
            let name = String(item.dropFirst())
            if let known = arch?.features(llvmMajor: llvmMajor), !known.contains(name) {
                throw InvalidTarget(
                    "unknown target feature '\(name)' for \(triple) (LLVM \(llvmMajor)); valid features: "
                        + known.sorted().joined(separator: ", "))
            }
            if inProcess, sign == "+", host[name] == false {
                let available = host.filter(\.value).map(\.key).sorted()
                throw InvalidTarget(
                    "target feature '+\(name)': this machine's CPU does not have it, and JIT-compiled "
                        + "code runs here (kernelc build can target other CPUs); available: "
                        + available.joined(separator: ", "))
            }
        }
    }

    /// `features` followed by every feature the host lacks, turned off (later entries win
    /// in LLVM's feature strings), so in-process code never uses an instruction the host
    /// cannot run whatever CPU name was chosen.
    static func restrictedToHost(_ features: String, hostFeatures: String) -> String {
        let missing = parse(hostFeatures).filter { !$0.value }.map { "-" + $0.key }.sorted()
        return ([features].filter { !$0.isEmpty } + missing).joined(separator: ",")
    }

    /// `+a,-b` → [a: true, b: false].
    static func parse(_ features: String) -> [String: Bool] {
        var result: [String: Bool] = [:]
        for entry in features.split(separator: ",") {
            let item = entry.trimmingSpaces()
            guard let sign = item.first, sign == "+" || sign == "-" else { continue }
            result[String(item.dropFirst())] = sign == "+"
        }
        return result
    }

    /// The targets with a generated table; others are passed to LLVM unchecked.
    enum Architecture {
        case x86, aarch64

        init?(triple: String) {
            if triple.hasPrefix("x86_64") {
                self = .x86
            } else if triple.hasPrefix("aarch64") || triple.hasPrefix("arm64") {
                self = .aarch64
            } else {
                return nil
            }
        }

        /// LLVM 19 names for 19 and older, LLVM 22 names from 22 on, and for the versions
        /// between only names both know (safe for either).
        func cpus(llvmMajor: Int) -> Set<String> { names(cpus: true, llvmMajor: llvmMajor) }

        func features(llvmMajor: Int) -> Set<String> { names(cpus: false, llvmMajor: llvmMajor) }

        private func names(cpus: Bool, llvmMajor major: Int) -> Set<String> {
            typealias T = TargetTable
            let (both, only19, only22) =
                switch (self, cpus) {
                case (.x86, true): (T.x86CPUsBoth, T.x86CPUsOnly19, T.x86CPUsOnly22)
                case (.x86, false): (T.x86FeaturesBoth, T.x86FeaturesOnly19, T.x86FeaturesOnly22)
                case (.aarch64, true): (T.aarch64CPUsBoth, T.aarch64CPUsOnly19, T.aarch64CPUsOnly22)
                case (.aarch64, false):
                    (T.aarch64FeaturesBoth, T.aarch64FeaturesOnly19, T.aarch64FeaturesOnly22)
                }
            var names = Set(both)
            if major <= 19 { names.formUnion(only19) }
            if major >= 22 { names.formUnion(only22) }
            return names
        }
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
