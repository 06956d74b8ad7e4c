import Foundation
import Kern
import KernBasics
import KernCompiler
import KernFuzzGen
import KernIR
import KernInterpreter
import KernRuntime

/// The transcendental names the generator may use (see `fuzzTranscendentals`).
let fuzzTranscendentalNames = fuzzTranscendentals

/// A compile error found before running anything.
struct FrontEndError: Error, CustomStringConvertible {
    var description: String
}

extension Differ {
    /// Runs each entry in the reference interpreter over Kern IR straight from IRGen
    /// (before the optimizing passes, so the passes are checked too).
    static func interpret(source: String, entries: [Entry], seed: UInt64) throws -> [Observation] {
        let file = SourceFile(name: "fuzz.kern", text: source)
        let module: KernIR.Module
        do {
            let compilation = try StagedCompiler(stopAfter: .lower).compile(file)
            guard let lowered = compilation.lowered else {
                preconditionFailure("a compilation that reached .lower has IRGen's module")
            }
            module = lowered
        } catch {
            guard case .diagnostics(let diagnostics) = error else {
                throw FrontEndError(description: String(describing: error))
            }
            let renderer = DiagnosticRenderer()
            throw FrontEndError(
                description: diagnostics.filter { $0.severity == .error }
                    .map { renderer.render($0, in: file) }.joined())
        }
        let problems = verify(module)
        if !problems.isEmpty { throw FrontEndError(description: "IR verifier: \(problems)") }
        var interpreter = Interpreter(module: module)
        interpreter.seed = seed
        return entries.map { entry in
            let lines = LineCollector()
            interpreter.output = { lines.append($0) }
            do throws(IRRuntimeError) {
                let result = try interpreter.call(entry.name, [])
                return Observation(output: lines.lines, result: result?.formatted, error: nil)
            } catch {
                return Observation(
                    output: lines.lines, result: nil,
                    error: "\(error.pos.line):\(error.pos.column) \(name(of: error.kind))",
                    outOfBounds: error.kind == .bounds)
            }
        }
    }

    /// Runs `entry` of a compiled module with `threads` threads, capturing its prints.
    static func run(_ module: KernModule, _ entry: String, seed: UInt64, threads: Int)
        -> Observation
    {
        let (captured, lines) = KernOutput.captureLines { () -> Observation in
            do {
                let f = try module.function(named: entry)
                let result = try f.with(seed: seed, threads: threads).call([])
                if case .void = result { return Observation(output: [], result: nil, error: nil) }
                return Observation(output: [], result: result.description, error: nil)
            } catch let KernError.runtime(kind, _, position, _, _) {
                let isBounds: Bool
                if case .outOfBounds = kind { isBounds = true } else { isBounds = false }
                return Observation(
                    output: [], result: nil,
                    error: "\(position.line):\(position.column) \(name(of: kind))",
                    outOfBounds: isBounds)
            } catch {
                return Observation(output: [], result: nil, error: "host error: \(error)")
            }
        }
        var observation = captured
        observation.output = lines
        return observation
    }

    private static func name(of kind: IRRuntimeError.Kind) -> String {
        switch kind {
        case .bounds: return "out of bounds"
        case .divisionByZero: return "division by zero"
        case .precondition: return "precondition"
        case .stride: return "zero stride"
        case .allocation: return "allocation"
        case .badArgument: return "bad argument"
        case .mpi: return "mpi"
        case .stackOverflow: return "stack overflow"
        }
    }

    private static func name(of kind: RuntimeErrorKind) -> String {
        switch kind {
        case .outOfBounds: return "out of bounds"
        case .divisionByZero: return "division by zero"
        case .preconditionFailed: return "precondition"
        case .zeroStride: return "zero stride"
        case .allocationFailed, .negativeSize: return "allocation"
        case .mpiFailed: return "mpi"
        case .stackOverflow: return "stack overflow"
        case .unknown(let status): return "unknown status \(status)"
        }
    }
}

/// Collects printed lines (from any thread).
final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ s: String) { lock.withLock { storage.append(s) } }
    var lines: [String] { lock.withLock { storage } }
}
