import Foundation
import Kern
import KernBasics
import KernCompiler
import KernIR
import KernInterpreter
import KernRuntime
import Testing

/// Runs every file test (Tests/Cases/**.kern, Kernels/*.kern) twice — through the
/// reference interpreter and through the JIT — and checks both against the file's
/// inline expectations: the interpreter is the oracle, the JIT must agree with it.
@Suite(.serialized)
struct FileTests {
    static let cases = CaseFile.all()

    @Test func corpusIsPresent() {
        #expect(Self.cases.count > 50, "Tests/Cases and Kernels should hold the corpus")
    }

    @Test(arguments: cases)
    func compileErrors(_ file: CaseFile) throws {
        let diagnostics = try FrontEnd.diagnose(file)
        let errors = diagnostics.filter { $0.diagnostic.severity == .error }
        guard file.isCompileFailure else {
            #expect(
                errors.isEmpty, "unexpected compile errors:\n\(errors.map(\.rendered).joined())")
            return
        }
        for expected in file.expectedErrors {
            let hit = errors.contains {
                $0.position == expected.position
                    && $0.diagnostic.message.lowercased().contains(expected.words.lowercased())
            }
            #expect(
                hit,
                "expected error at \(expected.position) containing '\(expected.words)'; got:\n\(errors.map(\.rendered).joined())"
            )
        }
        #expect(
            errors.count == file.expectedErrors.count,
            "expected \(file.expectedErrors.count) errors, got \(errors.count):\n\(errors.map(\.rendered).joined())"
        )
    }

    @Test(arguments: cases.filter { !$0.isCompileFailure })
    func interpreter(_ file: CaseFile) throws {
        let outcome = try InterpreterRun.run(file)
        check(outcome, against: file, engine: "interpreter")
    }

    @Test(arguments: cases.filter { !$0.isCompileFailure })
    func jit(_ file: CaseFile) throws {
        let outcome = try JITRun.run(file)
        check(outcome, against: file, engine: "JIT")
    }

    func check(_ outcome: Outcome, against file: CaseFile, engine: String) {
        #expect(outcome.output == file.expectedOutput, "\(engine) output differs")
        switch (file.expectedRuntimeError, outcome.error) {
        case (nil, nil): break
        case (let expected?, let actual?):
            #expect(
                actual.position == expected.position,
                "\(engine): runtime error at \(actual.position), expected \(expected.position): \(actual.message)"
            )
            #expect(
                actual.message.lowercased().contains(expected.words.lowercased()),
                "\(engine): runtime error '\(actual.message)' lacks '\(expected.words)'")
        case (nil, let actual?):
            Issue.record(
                "\(engine): unexpected runtime error at \(actual.position): \(actual.message)"
            )
        case (let expected?, nil):
            Issue.record(
                "\(engine): expected a runtime error at \(expected.position)")
        }
    }
}

/// What running `main` produced.
struct Outcome: Equatable {
    struct RuntimeError: Equatable {
        var position: SourcePos
        var message: String
    }
    var output: [String]
    var error: RuntimeError?
}

enum FrontEnd {
    struct Rendered {
        var diagnostic: Diagnostic
        var position: SourcePos
        var rendered: String
    }

    /// Every front-end diagnostic (the staged compiler up to `.check`).
    static func diagnose(_ file: CaseFile) throws -> [Rendered] {
        let source = SourceFile(name: file.description, text: file.source)
        let all: [Diagnostic]
        do {
            all = try StagedCompiler(stopAfter: .check).compile(source).diagnostics
        } catch {
            guard case .diagnostics(let diagnostics) = error else { throw error }
            all = diagnostics
        }
        return all.map {
            Rendered(
                diagnostic: $0, position: source.position(of: $0.range.start),
                rendered: DiagnosticRenderer().render($0, in: source))
        }
    }

    /// The module after the passes, verified after each, in the case's mode.
    static func optimizedModule(_ file: CaseFile) throws -> KernIR.Module {
        let source = SourceFile(name: file.description, text: file.source)
        let options = CompileOptions(checked: !file.unchecked, verifyEach: true)
        let compilation: Compilation<NoBackend>
        do {
            compilation = try StagedCompiler(options: options, stopAfter: .passes).compile(source)
        } catch {
            guard case .diagnostics = error else { throw error }
            throw CaseError("does not type-check")
        }
        return try #require(compilation.module)
    }
}

struct CaseError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

enum InterpreterRun {
    static func run(_ file: CaseFile) throws -> Outcome {
        let module = try FrontEnd.optimizedModule(file)
        var interpreter = Interpreter(module: module)
        interpreter.seed = file.seed ?? 0
        let lines = LineCollector()
        interpreter.output = { lines.append($0) }
        do {
            if let result = try interpreter.call("main", []) {
                lines.append(result.formatted)
            }
            return Outcome(output: lines.lines, error: nil)
        } catch {
            return Outcome(
                output: lines.lines,
                error: .init(position: error.pos, message: error.message))
        }
    }
}

enum JITRun {
    /// `inspect` sees the module after `main` ran (the cached-link tests ask how it linked).
    static func run(_ file: CaseFile, inspect: (KernModule) -> Void = { _ in }) throws -> Outcome {
        var options = CompileOptions()
        options.checked = !file.unchecked
        options.fastMath = file.fastMath
        let module = try KernModule.compile(
            source: file.source, fileName: file.description, options: options)
        let main = try module.function(named: "main")
        let (outcome, lines) = try KernOutput.captureLines { () throws -> Outcome in
            do {
                let result = try main.with(seed: file.seed ?? 0, threads: file.threads).call([])
                if case .void = result { return Outcome(output: [], error: nil) }
                return Outcome(output: [result.description], error: nil)
            } catch let KernError.runtime(_, message, position, _, _) {
                return Outcome(
                    output: [],
                    error: .init(position: position, message: message))
            }
        }
        inspect(module)
        return Outcome(output: lines + outcome.output, error: outcome.error)
    }
}

/// Collects printed lines (from any thread).
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ s: String) { lock.withLock { storage.append(s) } }
    var lines: [String] { lock.withLock { storage } }
}
