/// Issue 15.3: a bad `targetCPU` / `targetFeatures` is a thrown KernError listing the
/// valid choices — before this, LLVM's fatal-error handler called exit(1) inside
/// `KernModule.compile` (unknown or 32-bit CPU) or the JIT ran instructions the CPU lacks
/// (SIGILL). Code emitted for another machine (`compileForEmission`) may use any target.
import Kern
import Testing

@testable import KernLLVM

#if arch(x86_64)
    @Suite struct TargetValidationTests {
        let source = "func twice(x: Double) -> Double { x * 2 }\n"

        private func compileError(_ options: CompileOptions, emitOnly: Bool = false) -> String? {
            do {
                if emitOnly {
                    _ = try KernModule.compileForEmission(source: source, options: options)
                } else {
                    _ = try KernModule.compile(source: source, options: options)
                }
                return nil
            } catch let error as KernError {
                return error.description
            } catch {
                return "not a KernError: \(error)"
            }
        }

        @Test func unknownAnd32BitCPUsThrowInsteadOfExiting() throws {
            for cpu in ["garbage", "i386", "pentium4", ""] {
                var options = CompileOptions()
                options.targetCPU = cpu
                let message = try #require(compileError(options), "\(cpu)")
                #expect(message.hasPrefix("error: invalid target: "))
                if cpu.isEmpty {
                    #expect(message.contains("target CPU"))
                } else {
                    #expect(message.contains("unknown target CPU '\(cpu)'"))
                    #expect(message.contains("valid CPUs:"))
                }
                #expect(compileError(options, emitOnly: true) != nil)
            }
        }

        /// `native` (clang's `-march=native` spelling) means this machine's CPU, as nil does.
        @Test func nativeMeansThisMachinesCPU() throws {
            #expect(CompileOptions(targetCPU: "native").targetCPU == nil)
            var options = CompileOptions(targetCPU: "x86-64")
            options.targetCPU = "native"
            #expect(options.targetCPU == nil)
            let module = try KernModule.compile(source: source, options: options)
            #expect(try module.function(named: "twice").call([21.0]) == .double(42))
            options.targetCPU = "garbage"
            #expect(compileError(options)?.contains("valid CPUs: native, ") == true)
        }

        @Test func knownCPUsCompileAndTheJITRunsThem() throws {
            for cpu in ["x86-64", "x86-64-v2", "sapphirerapids"] {
                var options = CompileOptions()
                options.targetCPU = cpu
                // sapphirerapids on a host without some of its features: the JIT turns off
                // what the host lacks, so the call is safe anywhere.
                let module = try KernModule.compile(source: source, options: options)
                #expect(try module.function(named: "twice").call([21.0]) == .double(42))
            }
        }

        @Test func featuresTheHostLacksAreRefusedForTheJITOnly() throws {
            let host = TargetValidation.parse(HostCPU.features)
            let missing = try #require(
                ["egpr", "avx10.2-512", "amx-avx512", "avx512fp16", "avx512f"].first {
                    host[$0] == false
                }, "the host has every feature tried")
            var options = CompileOptions()
            options.targetFeatures = "+" + missing
            let message = try #require(compileError(options))
            #expect(message.contains("target feature '+\(missing)'"))
            #expect(message.contains("does not have it"))
            // The same features for another machine: fine, and the assembly says so.
            let module = try KernModule.compileForEmission(source: source, options: options)
            #expect(module.functions.isEmpty)
            #expect(!(try module.assembly()).isEmpty)
        }

        @Test func malformedAndUnknownFeaturesThrow() throws {
            for features in ["avx2", "+garbage", "+avx2,,", "+"] {
                var options = CompileOptions()
                options.targetFeatures = features
                #expect(compileError(options, emitOnly: true) != nil, "\(features)")
            }
            var options = CompileOptions()
            options.targetFeatures = "+avx2,-avx512f"
            #expect(compileError(options, emitOnly: true) == nil)
        }

        @Test func restrictingToTheHostTurnsOffWhatItLacks() {
            let host = "+sse2,-avx512f,+avx2,-egpr"
            #expect(
                TargetValidation.restrictedToHost("+avx2", hostFeatures: host)
                    == "+avx2,-avx512f,-egpr")
            #expect(TargetValidation.restrictedToHost("", hostFeatures: host) == "-avx512f,-egpr")
        }

        @Test func tablesDependOnTheLLVMVersion() throws {
            let x86 = try #require(
                TargetValidation.Architecture(triple: "x86_64-unknown-linux-gnu"))
            #expect(x86.cpus(llvmMajor: 22).contains("diamondrapids"))
            #expect(!x86.cpus(llvmMajor: 19).contains("diamondrapids"))
            #expect(!x86.cpus(llvmMajor: 20).contains("diamondrapids"))
            #expect(x86.cpus(llvmMajor: 20).contains("znver4"))
            #expect(!x86.cpus(llvmMajor: 22).contains("i386"))
            // A feature only LLVM 19 lists, and the AArch64 tables.
            #expect(x86.features(llvmMajor: 19).contains("avx10.1-256"))
            #expect(!x86.features(llvmMajor: 21).contains("avx10.1-256"))
            #expect(!x86.features(llvmMajor: 22).contains("avx10.1-256"))
            #expect(x86.features(llvmMajor: 21).contains("avx2"))
            let arm = try #require(
                TargetValidation.Architecture(triple: "aarch64-unknown-linux-gnu"))
            #expect(arm.cpus(llvmMajor: 22).contains("apple-m1"))
            #expect(!arm.cpus(llvmMajor: 19).contains("apple-m1"))
            #expect(arm.features(llvmMajor: 19).contains("neon"))
        }
    }
#endif
