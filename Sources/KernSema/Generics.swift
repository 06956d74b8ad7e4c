import KernBasics
import KernSyntax

/// Generic functions (LANGUAGE.md §3, "Generic functions"): specialization by
/// instantiation, as Swift's optimizer specializes.
///
/// In: an AST whose functions include generic ones (`func axpy<T: BinaryFloatingPoint>`).
/// Out: the `CheckedProgram` of an AST where each generic function is replaced by its
/// instances — ordinary functions named `axpy<Double>`, parsed again from the template's
/// tokens with `T` replaced (Parser+Generics.swift) — so IRGen, the passes, codegen, the
/// report and the host see only monomorphic functions.
///
/// Which instances: every combination of types a template's constraints allow when there
/// are at most `eagerLimit` (so the host can call `axpy<Float>` and `axpy<Double>` with no
/// kernel calling them), plus every instance a call needs. A call's instance may be new
/// (a call inside an instance, or a template with many combinations): checking then runs
/// again with it, until no call asks for a missing one (at most `maxRounds` times).
enum Generics {
    static let eagerLimit = 12
    static let maxRounds = 8

    static func check(_ ast: AST, in file: SourceFile) -> (
        program: CheckedProgram?, diagnostics: [Diagnostic]
    ) {
        var base = ast
        base.functions = ast.functions.filter { $0.genericParams.isEmpty }
        var diagnostics: [Diagnostic] = []
        var templates: [String: GenericTemplate] = [:]
        let plainNames = Set(base.functions.map(\.name))
        for decl in ast.functions where !decl.genericParams.isEmpty {
            if let reserved = Checker.reservedNameError(decl) {
                diagnostics.append(reserved)
                continue
            }
            if let template = GenericTemplate(decl, diagnostics: &diagnostics) {
                if templates[decl.name] != nil || plainNames.contains(decl.name) {
                    diagnostics.append(
                        .error(
                            at: decl.nameRange, "invalid redeclaration of '\(decl.name)'",
                            help: "Kern has no overloading: give the function another name"))
                    continue
                }
                templates[decl.name] = template
            }
        }
        var pending = templates.values.sorted { $0.decl.range.start < $1.decl.range.start }
            .flatMap { $0.eagerInstances(limit: eagerLimit) }
        var made: Set<String> = []
        var result: (program: CheckedProgram?, diagnostics: [Diagnostic]) = (nil, [])
        for _ in 0..<maxRounds {
            for request in pending where !made.contains(request.name) {
                made.insert(request.name)
                guard let template = templates[request.template],
                    let instance = Parser.instantiate(
                        template.decl, in: file, ast: &base,
                        substitutions: request.substitutions(template), name: request.name)
                else { continue }
                base.functions.append(instance)
            }
            let checker = Checker(ast: base, file: file, session: nil)
            checker.genericTemplates = templates
            result = checker.run()
            pending = checker.instanceRequests.filter { !made.contains($0.name) }
            if pending.isEmpty { break }
        }
        if !pending.isEmpty, let first = pending.first, let template = templates[first.template] {
            diagnostics.append(
                .error(
                    at: template.decl.nameRange,
                    "too many nested instances of generic functions (\(made.count) made)",
                    help:
                        "generic functions calling each other with new types need at most \(maxRounds) levels"
                ))
        }
        let templateRanges = templates.values.map(\.decl.range)
        let all = unique(diagnostics + result.diagnostics, inside: templateRanges)
        if all.contains(where: { $0.severity == .error }) { return (nil, all) }
        return (result.program, all)
    }

    /// Sorted by position, one diagnostic per place in a generic function's body: its
    /// instances report the same mistake with their own types (`Int8 + Double`,
    /// `Int16 + Double`, …), and the first instance's (in type order) stands for all.
    static func unique(_ diagnostics: [Diagnostic], inside templates: [SourceRange])
        -> [Diagnostic]
    {
        var seen: Set<String> = []
        let kept = diagnostics.filter { d in
            let inTemplate = templates.contains {
                $0.start <= d.range.start && d.range.end <= $0.end
            }
            let key = "\(d.severity):\(d.range.start.offset):\(d.range.end.offset)"
            return seen.insert(inTemplate ? key : key + d.message).inserted
        }
        return kept.enumerated().sorted { a, b in
            (a.element.range.start, a.offset) < (b.element.range.start, b.offset)
        }.map(\.element)
    }
}

/// The protocols a generic parameter may be constrained to, with the Kern types that
/// conform (as in Swift's standard library).
enum GenericConstraint: String, CaseIterable {
    case binaryFloatingPoint = "BinaryFloatingPoint"
    case floatingPoint = "FloatingPoint"
    case fixedWidthInteger = "FixedWidthInteger"
    case binaryInteger = "BinaryInteger"
    case signedInteger = "SignedInteger"
    case unsignedInteger = "UnsignedInteger"
    case numeric = "Numeric"

    var conformingTypes: [ScalarType] {
        switch self {
        case .binaryFloatingPoint, .floatingPoint: [.float, .double]
        case .fixedWidthInteger, .binaryInteger: ScalarType.allCases.filter(\.isInteger)
        case .signedInteger: ScalarType.allCases.filter { $0.isInteger && $0.isSigned }
        case .unsignedInteger: ScalarType.allCases.filter { $0.isInteger && !$0.isSigned }
        case .numeric: ScalarType.allCases.filter { $0 != .bool }
        }
    }
}

/// A generic function's declaration with its checked parameter list.
struct GenericTemplate {
    var decl: FunctionDecl
    var params: [(name: String, constraint: GenericConstraint)]

    /// Nil after reporting a problem with the generic parameter list.
    init?(_ decl: FunctionDecl, diagnostics: inout [Diagnostic]) {
        self.decl = decl
        params = []
        var ok = true
        for param in decl.genericParams {
            if ScalarType(name: param.name) != nil
                || params.contains(where: { $0.name == param.name })
            {
                diagnostics.append(
                    .error(
                        at: param.nameRange, "invalid generic parameter name '\(param.name)'",
                        help: "use a name that is not a type or another parameter, such as 'T'"))
                ok = false
            }
            guard let constraint = GenericConstraint(rawValue: param.constraint) else {
                diagnostics.append(
                    .error(
                        at: param.constraintRange,
                        "unknown constraint '\(param.constraint)' for generic parameter '\(param.name)'",
                        help: "Kern knows "
                            + GenericConstraint.allCases.map(\.rawValue).joined(separator: ", ")))
                ok = false
                continue
            }
            // Instances are found from the arguments' types, so T must appear in them.
            if !decl.params.contains(where: { GenericTemplate.mentions($0.type, param.name) }) {
                diagnostics.append(
                    .error(
                        at: param.nameRange,
                        "generic parameter '\(param.name)' is not used in a parameter type",
                        help:
                            "Kern infers '\(param.name)' from the arguments: use it in a parameter's type"
                    ))
                ok = false
            }
            params.append((param.name, constraint))
        }
        if let extern = decl.attributes.first(where: { $0.name == "extern" }) {
            diagnostics.append(
                .error(
                    at: extern.range, "an @extern(c) function cannot be generic",
                    help: "declare one C function per type"))
            ok = false
        }
        guard ok else { return nil }
    }

    static func mentions(_ type: TypeSyntax, _ name: String) -> Bool {
        switch type {
        case .named(let n, _): n == name
        case .array(let element, _): mentions(element, name)
        case .tuple(let xs, _): xs.contains { mentions($0, name) }
        }
    }

    /// Every combination of conforming types, when there are at most `limit`.
    func eagerInstances(limit: Int) -> [InstanceRequest] {
        let count = params.reduce(1) { $0 * $1.constraint.conformingTypes.count }
        guard count <= limit else { return [] }
        var combinations: [[ScalarType]] = [[]]
        for param in params {
            combinations = combinations.flatMap { prefix in
                param.constraint.conformingTypes.map { prefix + [$0] }
            }
        }
        return combinations.map { InstanceRequest(template: decl.name, types: $0) }
    }
}

/// An instance of a generic function: `axpy` with `[Double]` is `axpy<Double>`.
struct InstanceRequest: Hashable {
    var template: String
    /// One type per generic parameter, in declaration order.
    var types: [ScalarType]

    /// The instance's function name, as the report, `--emit` and the host show it.
    var name: String { template + "<" + types.map(\.name).joined(separator: ", ") + ">" }

    func substitutions(_ t: GenericTemplate) -> [String: String] {
        Dictionary(uniqueKeysWithValues: zip(t.params.map(\.name), types.map(\.name)))
    }
}
