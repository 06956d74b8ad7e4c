/// Generates random, well-typed, terminating Kern programs for the differential fuzzer
/// (issue 15 item 7).
///
/// In: a seed, a program index and options. Out: Kern source text whose functions are
/// all prefixed `p<index>_`; the program's entry point is `p<index>_main()` (no
/// parameters; it prints and may return a scalar or a tuple). Many programs can be
/// concatenated into one module. A program:
/// - uses every scalar type, local arrays of rank 1–3, serial loops, `while`,
///   `repeat`, `if`, `break`/`continue`, early returns, helper calls, bounded
///   recursion, math built-ins, random numbers, `prange` with scalar reductions, array
///   reductions and `atomicAdd`;
/// - terminates (every loop has a constant trip bound; recursion depth ≤ 8) and has a
///   bounded amount of work (`budget` iterations per statement, estimated);
/// - gives the same result at every thread count and in the interpreter: `prange`
///   writes go to distinct elements, floating-point reductions and atomic additions add
///   small integers (exact in any order), nothing prints inside a `prange`;
/// - has no undefined behaviour in unchecked mode unless checked mode reports an
///   out-of-bounds error first (the differ skips unchecked runs then).
public final class ProgramGenerator {
    public struct Options: Sendable {
        /// Use transcendental functions and `randomNormal()` (their SIMD versions may
        /// differ from libm in the last bits, so the differ compares such programs less
        /// strictly).
        public var transcendentals = true
        /// Allow the occasional possibly-failing division or index (runtime errors are
        /// compared too).
        public var allowErrors = true
        /// The generator version to reproduce (1...`ProgramGenerator.version`): a ledger
        /// line or a finding of an older version can be regenerated exactly.
        public var version = ProgramGenerator.version
        public init() {}
    }

    var rng: FuzzRandom
    let options: Options
    let prefix: String
    var ctx = FuzzContext()
    /// The `prange` loops being generated, innermost last.
    var currentTargets: [ParallelTargets] = []
    /// How many array subscripts enclose the expression being generated.
    var indexNesting = 0
    /// Whether a transcendental function was called on `Float` operands (see
    /// `floatTranscendentalMarker`).
    var callsFloatTranscendental = false
    /// Estimated iterations any one statement may cost.
    let budget = 20_000
    private var lines: [String] = []
    private var indent = 0
    var indentLevel: Int { indent }
    func dropLastLine() { lines.removeLast() }
    func appendLine(_ line: String) { lines.append(line) }

    init(seed: UInt64, index: UInt64, options: Options) {
        rng = FuzzRandom(seed: seed, index: index)
        self.options = options
        prefix = "p\(index)_"
    }

    /// The source of program `index` of the run seeded `seed`; entry `p<index>_main`.
    public static func program(seed: UInt64, index: UInt64, options: Options = Options()) -> String
    {
        let g = ProgramGenerator(seed: seed, index: index, options: options)
        return g.generate()
    }

    /// The comment line ending a program that calls a transcendental function on `Float`
    /// operands. LLVM folds such calls on constants by computing in `Double` and rounding
    /// once, while the same call at run time is glibc's `Float` function, which may be an
    /// ulp away (docs/decisions.md, "Float math and constant folding"): the differ does not
    /// compare such programs bit for bit with the interpreter.
    public static let floatTranscendentalMarker = "// fuzz: calls Float transcendentals"

    /// The generator's output version: program *K* of seed *S* is the same text for every
    /// build with the same version. Bump it whenever a change alters any program, so the
    /// campaign ledger (`kern-fuzz-diff --ledger`) never adds up counts of different
    /// programs under one (seed, index). `Options.version` regenerates an older one.
    /// 1: until 2026-12-07; 2: random draws rationed, kept mostly in loops and `prange`
    /// bodies (`drawsRandomNumber`), and an over-budget typed `for` loop no longer leaves
    /// its variable in scope.
    public static let version = 2
    public static let versions = 1...version

    /// The entry function's name in a program generated with `index`.
    public static func entryName(index: UInt64) -> String { "p\(index)_main" }

    private func generate() -> String {
        var helpers: [FuzzHelper] = []
        if rng.chance(0.4) { helpers.append(recursiveHelper()) }
        for k in 0..<rng.int(0...2) {
            ctx = FuzzContext()
            ctx.callable = helpers
            helpers.append(scalarHelper(k))
        }
        for k in 0..<rng.int(0...1) {
            ctx = FuzzContext()
            ctx.callable = helpers
            helpers.append(arrayHelper(k))
        }
        ctx = FuzzContext()
        ctx.callable = helpers
        mainFunction()
        if callsFloatTranscendental { lines.append(Self.floatTranscendentalMarker) }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: Output

    /// Writes `line` after the temporaries its expressions asked for.
    func emit(_ line: String) {
        let pad = String(repeating: "    ", count: indent)
        for p in ctx.pending { lines.append(pad + p) }
        ctx.pending.removeAll()
        lines.append(pad + line)
    }

    /// `header {`, the body, `}`; the body runs in a new scope.
    func block(_ header: String, loop: Bool = false, body: () -> Void) {
        emit(header + " {")
        indent += 1
        ctx.push(loop: loop)
        body()
        ctx.pop()
        indent -= 1
        lines.append(String(repeating: "    ", count: indent) + "}")
    }

    // MARK: Functions

    private func scalarHelper(_ k: Int) -> FuzzHelper {
        let name = "\(prefix)h\(k)"
        let params = (0..<rng.int(0...3)).map { _ in rng.pick(FuzzScalar.allCases) }
        let result = rng.pick(FuzzScalar.allCases)
        let list = params.enumerated().map { "a\($0.offset): \($0.element.rawValue)" }
        for (i, t) in params.enumerated() {
            ctx.declare(FuzzVariable(name: "a\(i)", type: t, mutable: false))
        }
        block("func \(name)(\(list.joined(separator: ", "))) -> \(result.rawValue)") {
            statements(rng.int(1...3), depth: 1, returning: result)
            emit("return \(expr(result, 3))")
        }
        lines.append("")
        return FuzzHelper(
            name: name, parameters: params.map { .scalar($0) }, result: result, parallelSafe: true,
            cost: ctx.maxCost)
    }

    /// `f(n, v)` recursing to depth `n` (callers pass `n & 7`).
    private func recursiveHelper() -> FuzzHelper {
        let name = "\(prefix)rec"
        let t = rng.pick(FuzzScalar.numeric)
        ctx.declare(FuzzVariable(name: "n", type: .int, mutable: false))
        ctx.declare(FuzzVariable(name: "v", type: t, mutable: false))
        block("func \(name)(n: Int, v: \(t.rawValue)) -> \(t.rawValue)") {
            let base = expr(t, 2)
            emit("if n <= 0 { return \(base) }")
            let step = expr(t, 2)
            emit("let r = \(name)(n: n - 1, v: \(step))")
            ctx.declare(FuzzVariable(name: "r", type: t, mutable: false))
            emit("return \(expr(t, 3))")
        }
        lines.append("")
        return FuzzHelper(
            name: name, parameters: [.scalar(.int), .scalar(t)], result: t, parallelSafe: true,
            cost: 9, isRecursive: true)
    }

    /// `f(x: [T], y: inout [[U]], s: V) [-> W]`: loops over array parameters.
    private func arrayHelper(_ k: Int) -> FuzzHelper {
        let name = "\(prefix)a\(k)"
        var params: [FuzzHelper.Parameter] = []
        var list: [String] = []
        for i in 0..<rng.int(1...3) {
            let pname = "x\(i)"
            switch rng.int(0...2) {
            case 0:
                let t = rng.pick(FuzzScalar.allCases)
                params.append(.scalar(t))
                list.append("\(pname): \(t.rawValue)")
                ctx.declare(FuzzVariable(name: pname, type: t, mutable: false))
            default:
                let rank = rng.int(1...3)
                let isInout = rng.chance(0.6)
                let a = FuzzArray(
                    name: pname, element: rng.pick(FuzzScalar.numeric),
                    shape: (0..<rank).map {
                        rank == 1 && rng.chance(0.5) ? "\(pname).count" : "\(pname).shape(\($0))"
                    },
                    writable: isInout, isLocal: false, maxCount: 64)
                params.append(.array(a.element, rank: rank, isInout: isInout))
                list.append("\(pname): \(isInout ? "inout " : "")\(a.type)")
                ctx.declare(a)
            }
        }
        let result: FuzzScalar? = rng.chance(0.5) ? rng.pick(FuzzScalar.allCases) : nil
        let arrow = result.map { " -> \($0.rawValue)" } ?? ""
        block("func \(name)(\(list.joined(separator: ", ")))\(arrow)") {
            statements(rng.int(1...4), depth: 2, returning: result)
            if let result { emit("return \(expr(result, 3))") }
        }
        lines.append("")
        return FuzzHelper(
            name: name, parameters: params, result: result, parallelSafe: false, cost: ctx.maxCost)
    }

    private func mainFunction() {
        let results = (0..<rng.int(0...3)).map { _ in rng.pick(FuzzScalar.allCases) }
        let arrow: String
        switch results.count {
        case 0: arrow = ""
        case 1: arrow = " -> \(results[0].rawValue)"
        default: arrow = " -> (\(results.map(\.rawValue).joined(separator: ", ")))"
        }
        ctx.canPrint = true
        block("func \(prefix)main()\(arrow)") {
            for _ in 0..<rng.int(1...3) { declareArray(big: rng.chance(0.15)) }
            statements(rng.int(2...6), depth: 2, returning: nil)
            checksums()
            switch results.count {
            case 0: break
            case 1: emit("return \(expr(results[0], 3))")
            default: emit("return (\(results.map { expr($0, 3) }.joined(separator: ", ")))")
            }
        }
        lines.append("")
    }

    /// Prints every array of the function's top scope (a few elements and a checksum).
    private func checksums() {
        for a in ctx.scopes[ctx.scopes.count - 1].arrays {
            let cs = ctx.fresh("cs")
            let acc = a.element.isFloat ? "Double" : "Int"
            emit("var \(cs): \(acc) = 0")
            var header: [String] = []
            for (d, n) in a.shape.enumerated() { header.append("for k\(d) in 0..<\(n) {") }
            emit(header.joined(separator: " "))
            let el = "\(a.name)[\((0..<a.rank).map { "k\($0)" }.joined(separator: ", "))]"
            emit(
                a.element.isFloat
                    ? "    \(cs) += Double(\(el))" : "    \(cs) = \(cs) * 31 + Int(\(el))")
            emit(String(repeating: "}", count: a.rank))
            let first = "\(a.name)[\((0..<a.rank).map { _ in "0" }.joined(separator: ", "))]"
            emit("print(\"\(a.name)\", \(cs), \(first))")
        }
    }

    /// Declares a local array of random rank, type and shape, filled by a loop.
    func declareArray(big: Bool = false) {
        let rank = big ? 1 : rng.int(1...3)
        let t = rng.pick(FuzzScalar.numeric)
        let shape: [Int]
        switch rank {
        case 1: shape = [big ? rng.pick([5000, 4097, 9000, 12_000]) : rng.int(1...40)]
        case 2: shape = [rng.int(1...8), rng.int(1...8)]
        default: shape = [rng.int(1...4), rng.int(1...4), rng.int(1...4)]
        }
        let name = ctx.fresh("arr")
        let a = allocateArray(name, t, shape: shape, fill: literal(t))
        if rng.chance(0.8) { fillLoop(a) }
    }

    /// Emits `var NAME = [T](repeating: FILL, …)` of rank 1–3 and declares the array.
    func allocateArray(_ name: String, _ t: FuzzScalar, shape: [Int], fill: String) -> FuzzArray {
        switch shape.count {
        case 1: emit("var \(name) = [\(t.rawValue)](repeating: \(fill), count: \(shape[0]))")
        case 2:
            emit(
                "var \(name) = [[\(t.rawValue)]](repeating: \(fill), rows: \(shape[0]), cols: \(shape[1]))"
            )
        default:
            emit(
                "var \(name) = [[[\(t.rawValue)]]](repeating: \(fill), d0: \(shape[0]), d1: \(shape[1]), d2: \(shape[2]))"
            )
        }
        let a = FuzzArray(
            name: name, element: t, shape: shape.map(String.init), writable: true, isLocal: true,
            maxCount: shape.reduce(1, *))
        ctx.declare(a)
        return a
    }

    /// Initializes every element with an expression of the indices (serial or `prange`).
    private func fillLoop(_ a: FuzzArray) {
        let parallel = a.rank == 1 && ctx.prange == nil && rng.chance(0.5)
        let saved = ctx.cost
        defer { ctx.cost = saved }
        func nest(_ d: Int) {
            if d == a.rank {
                let idx = (0..<a.rank).map { "f\($0)" }.joined(separator: ", ")
                emit("\(a.name)[\(idx)] = \(expr(a.element, 2))")
                return
            }
            let header =
                d == 0 && parallel
                ? "for f0 in prange(\(a.shape[0]))" : "for f\(d) in 0..<\(a.shape[d])"
            ctx.cost *= Int(a.shape[d]) ?? 64
            if parallel {
                block(header) {
                    ctx.parallels.append(
                        .init(
                            scopeDepth: ctx.scopes.count - 1, reductionVariables: [],
                            reservedArrays: [a.name]))
                    ctx.declareIndex("f\(d)", below: a.shape[d])
                    nest(d + 1)
                    ctx.parallels.removeLast()
                }
            } else {
                block(header, loop: true) {
                    ctx.declareIndex("f\(d)", below: a.shape[d])
                    nest(d + 1)
                }
            }
        }
        // Unique loop variable names per fill: rename through a fresh suffix.
        nest(0)
    }
}
