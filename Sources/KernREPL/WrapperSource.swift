/// The generated Kern function that runs REPL statements.
///
/// In: the user's statements (a *segment* of one input), the persistent variables they
/// use, the scalars they declare, the result to return, and the definitions they call.
/// Out: source text like
///
///     func __repl_run(x: inout [Double], __v_n: inout [Int], __o_s: inout [Double]) -> Double {
///     var n = __v_n[0]
///     <the user's statements, verbatim>
///     let __repl_result = (<the last expression>)
///     __v_n[0] = n
///     __o_s[0] = s
///     return __repl_result
///     }
///     <the definitions it calls>
///
/// plus where the user's text starts, so runtime errors (whose positions are the
/// wrapper's) can be placed in the input. Diagnostics never need that: the input is
/// checked on its own first (`SessionScope`), so the wrapper compiles. Scalars travel in one-element arrays (copied in and out), arrays
/// as views of the host's storage; nothing else outlives the call.
import Kern

struct WrapperSource {
    static let functionName = "__repl_run"
    /// The full generated module source.
    var text: String
    /// Line ranges of the appended definitions, to place runtime errors inside them.
    var definitionLines: [(lines: ClosedRange<Int>, definition: Definition)]
    /// Where the user's text lies in the generated text: from `line`/`column` on, the
    /// text is the input's from `inputOffset` (the segment, then the final expression,
    /// which sits after `let __repl_result = (`).
    var anchors: [(line: Int, column: Int, inputOffset: Int)] = []

    struct NewScalar {
        var name: String
        var type: KernScalarType
    }

    init(
        segment: String, resultExpression: String? = nil, returnType: String? = nil,
        parameters: [Variable], newScalars: [NewScalar] = [], definitions: [Definition],
        segmentOffset: Int = 0, resultOffset: Int? = nil
    ) {
        var params: [String] = []
        var prologue = ""
        var epilogue = ""
        for v in parameters {
            let array = { (t: String) in
                String(repeating: "[", count: max(v.rank, 1)) + t
                    + String(repeating: "]", count: max(v.rank, 1))
            }
            let type = array(v.elementType.description)
            if v.rank > 0 {
                params.append("\(v.name): \(v.isMutable ? "inout " : "")\(type)")
            } else {
                params.append("__v_\(v.name): \(v.isMutable ? "inout " : "")\(type)")
                prologue += "\(v.isMutable ? "var" : "let") \(v.name) = __v_\(v.name)[0]\n"
                if v.isMutable { epilogue += "__v_\(v.name)[0] = \(v.name)\n" }
            }
        }
        for s in newScalars {
            params.append("__o_\(s.name): inout [\(s.type.description)]")
            epilogue += "__o_\(s.name)[0] = \(s.name)\n"
        }
        let arrow = returnType.map { " -> \($0)" } ?? ""
        var text =
            "func \(Self.functionName)(\(params.joined(separator: ", ")))\(arrow) {\n" + prologue
        let bodyLine = text.reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
        anchors.append((bodyLine, 1, segmentOffset))
        text += segment + "\n"
        if let resultExpression {
            let head = "let __repl_result = ("
            let line = text.reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
            anchors.append((line, head.count + 1, resultOffset ?? segmentOffset))
            text += head + resultExpression + ")\n"
        }
        text += epilogue
        if resultExpression != nil { text += "return __repl_result\n" }
        text += "}\n"
        var line = text.reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
        definitionLines = []
        for d in definitions {
            let lines = d.text.reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
            definitionLines.append((line...(line + lines - 1), d))
            text += d.text + "\n"
            line += lines
        }
        self.text = text
    }
}
