import KernBasics
import KernCompiler
import KernIR
import Testing

/// The staged compiler without a back end: stages, stopAfter, observers, failures, and
/// loop identities from IRGen through the passes.
struct StagedCompilerTests {
    static let source = """
        func total(_ x: [Double]) -> Double {
            var s = 0.0
            for i in 0..<x.count { s += x[i] }
            return s
        }
        func scaled(_ x: inout [Double], _ k: Double) {
            for i in prange(x.count) { x[i] *= k }
        }
        """

    static func file(_ text: String = source) -> SourceFile {
        SourceFile(name: "t.kern", text: text)
    }

    @Test(arguments: [Stage.parse, .check, .lower, .passes])
    func stopsAfterTheStageAskedFor(_ stop: Stage) throws {
        var seen: [Stage] = []
        var compiler = StagedCompiler(stopAfter: stop)
        compiler.afterStage = { stage, _ in seen.append(stage) }
        let c = try compiler.compile(Self.file())
        #expect(c.completed == stop)
        #expect(seen == Stage.allCases.filter { $0 <= stop })
        #expect((c.program != nil) == (stop >= .check))
        #expect((c.lowered != nil) == (stop >= .lower))
        #expect((c.module != nil) == (stop >= .passes))
        #expect((c.pipelineReport != nil) == (stop >= .passes))
        #expect(Set(c.timings.keys) == Set(seen))
    }

    @Test func passObserverSeesTheInputAndEveryPass() throws {
        var passes: [String] = []
        var compiler = StagedCompiler(options: CompileOptions(verifyEach: true))
        compiler.afterPass = { name, module in
            passes.append(name)
            #expect(verify(module).isEmpty, "after \(name)")
        }
        let c = try compiler.compile(Self.file())
        #expect(passes == ["input"] + (c.pipelineReport?.statistics.map(\.pass) ?? []))
        #expect(!passes.contains("remove-bounds-checks"))
    }

    @Test func uncheckedIsEnforcedByThePipelineAlone() throws {
        // IRGen emits the checks in both modes; the pass removes them.
        let checked = try StagedCompiler(stopAfter: .passes).compile(Self.file())
        let unchecked = try StagedCompiler(options: CompileOptions(checked: false))
            .compile(Self.file())
        #expect(printModule(checked.lowered!) == printModule(unchecked.lowered!))
        #expect(printModule(unchecked.lowered!).contains("check.bounds"))
        #expect(!printModule(unchecked.module!).contains("check.bounds"))
        #expect(unchecked.pipelineReport!.statistics.map(\.pass).contains("remove-bounds-checks"))
    }

    @Test func dumpAfterAllPrintsEveryPassToTheSink() throws {
        var dumped: [String] = []
        var compiler = StagedCompiler(options: CompileOptions(dumpAfter: "all"))
        compiler.dump = { dumped.append($0) }
        let c = try compiler.compile(Self.file())
        #expect(dumped.count == 1 + c.pipelineReport!.statistics.count)
        #expect(dumped.first?.hasPrefix("// after input\nmodule") == true)
        var one: [String] = []
        compiler.options.dumpAfter = "outline-parallel-loops"
        compiler.dump = { one.append($0) }
        _ = try compiler.compile(Self.file())
        #expect(one.count == 1)
        #expect(one.first?.contains("parallel_for") == true)
    }

    @Test func failuresSayWhichKind() throws {
        #expect {
            try StagedCompiler().compile(Self.file("func f( {"))
        } throws: { error in
            guard case .diagnostics(let ds) = error as? CompileFailure else { return false }
            return ds.contains { $0.severity == .error }
        }
        #expect {
            try StagedCompiler().compile(Self.file("func f() -> Int { 1.5 }"))
        } throws: { error in
            guard case .diagnostics = error as? CompileFailure else { return false }
            return true
        }
        #expect {
            try StagedCompiler(options: CompileOptions(dumpAfter: "no-such-pass")).compile(
                Self.file())
        } throws: { error in
            guard case .pipeline(let e) = error as? CompileFailure else { return false }
            return e as? PipelineError == .unknownPass("no-such-pass")
        }
        #expect {
            try StagedCompiler(stopAfter: .codegen).compile(Self.file())
        } throws: { error in
            guard case .noBackend(.codegen) = error as? CompileFailure else { return false }
            return true
        }
    }

    /// A back end that records what it was given.
    struct RecordingBackend: CompilerBackend {
        func generate(_ module: KernIR.Module, options: CompileOptions) throws -> String {
            printModule(module)
        }
        func load(_ code: String, module: KernIR.Module, options: CompileOptions) throws -> Int {
            code.count
        }
    }

    @Test func backEndStagesRunThroughTheBackend() throws {
        let c = try StagedCompiler(backend: RecordingBackend()).compile(Self.file())
        #expect(c.completed == .load)
        #expect(c.code == printModule(c.module!))
        #expect(c.loaded == c.code?.count)
        let generated = try StagedCompiler(backend: RecordingBackend(), stopAfter: .codegen)
            .compile(Self.file())
        #expect(generated.code != nil && generated.loaded == nil)
    }

    @Test func fastMathWarningsComeFromTheCheckStage() throws {
        let text = "func f(_ x: Double) -> Bool { x.isNaN }"
        let strict = try StagedCompiler(stopAfter: .check).compile(Self.file(text))
        #expect(strict.diagnostics.isEmpty)
        let aggressive = try StagedCompiler(
            options: CompileOptions(fastMathLevel: .aggressive), stopAfter: .check
        ).compile(Self.file(text))
        #expect(aggressive.diagnostics.map(\.severity) == [.warning])
    }
}

/// Loop identity: IRGen numbers loops; outlining and versioning keep the numbers.
struct LoopIdentityTests {
    static func loops(_ block: Block, in f: String, into out: inout [(String, LoopID?, SourcePos)])
    {
        for i in block.instrs {
            if i.op.isLoop { out.append((f, i.loop, i.pos)) }
            for nested in i.op.nestedBlocks { loops(nested, in: f, into: &out) }
        }
    }

    static func loops(_ m: KernIR.Module) -> [(String, LoopID?, SourcePos)] {
        var out: [(String, LoopID?, SourcePos)] = []
        for f in m.functions.elements { loops(f.body, in: f.name, into: &out) }
        return out
    }

    @Test func irGenGivesEveryLoopItsOwnIDEvenOnOneLine() throws {
        let text = """
            func f(_ n: Int) -> Int {
                var s = 0
                for i in 0..<n { s += i }; for j in 0..<n { s -= j }; while s > 100 { s -= 1 }
                return s
            }
            func g(_ n: Int) -> Int {
                var t = 0
                repeat { t += 1 } while t < n
                return t
            }
            """
        let c = try StagedCompiler(stopAfter: .lower).compile(StagedCompilerTests.file(text))
        let loops = Self.loops(c.lowered!)
        #expect(loops.count == 4)
        #expect(loops.allSatisfy { $0.1 != nil })
        #expect(Set(loops.compactMap(\.1)).count == 4, "module-unique across functions")
        #expect(Set(loops.filter { $0.0 == "f" }.map(\.2.line)) == [3])
    }

    @Test func outliningKeepsThePrangesIDAndTheReportKeysChecksByIt() throws {
        let c = try StagedCompiler(stopAfter: .passes).compile(StagedCompilerTests.file())
        let before = Self.loops(c.lowered!)
        let prange = try #require(before.first { $0.0 == "scaled" })
        let after = Self.loops(c.module!)
        // The blocked loop in the outlined body carries the prange's identity.
        #expect(after.contains { $0.0 != "scaled" && $0.0.hasPrefix("scaled") && $0.1 == prange.1 })
        let checks = c.pipelineReport!.loopChecks
        #expect(Set(checks.map(\.id)) == Set(before.compactMap(\.1)))
        #expect(Set(checks.map(\.id)).count == checks.count)
    }

    @Test func loopIDsSurviveThePrinterAndParser() throws {
        let c = try StagedCompiler(stopAfter: .passes).compile(StagedCompilerTests.file())
        let text = printModule(c.module!)
        #expect(text.contains(" loop 0 {"))
        let parsed = try parseModule(text)
        #expect(printModule(parsed) == text)
        #expect(Self.loops(parsed).map(\.1) == Self.loops(c.module!).map(\.1))
    }

    @Test func thePipelineNumbersLoopsOfHandWrittenIR() throws {
        var m = try parseModule(
            """
            module "h"
            func @f(%0 n: i64) -> void {
              %1 = const 0 : i64
              %2 = const 1 : i64
              for %3: i64 = %1 ..< %0 step %2 {
              }
              for %4: i64 = %1 ..< %0 step %2 loop 7 {
              }
              return
            }
            """)
        try runPipeline(&m, options: CompileOptions(verifyEach: true))
        let ids = Self.loops(m).map(\.1)
        #expect(ids == [LoopID(raw: 8), LoopID(raw: 7)])
    }
}
