import KernBasics
import KernSyntax

/// Type annotations as written (`Double`, `[[Float]]`, `(Int, Double)`) → `SemaType`.
///
/// In: `TypeSyntax` from parameters, return types, bindings and array-allocation
/// callees. Out: the type, or `.error` after a diagnostic. Arrays have rank 1…3 and a
/// scalar element; tuples hold scalars and appear only as return and binding types.
extension Checker {
    func resolveType(_ syntax: TypeSyntax) -> SemaType {
        switch syntax {
        case .named(let name, let r):
            if let s = ScalarType(name: name) { return .scalar(s) }
            error(
                "cannot find type '\(name)' in scope", at: r,
                help:
                    "Kern's types are Bool, Int, Int8…Int64, UInt, UInt8…UInt64, Float, Double and arrays of them"
            )
            return .error
        case .array(let element, let r):
            var rank = 1
            var inner = element
            while case .array(let e, _) = inner {
                rank += 1
                inner = e
            }
            let elementType = resolveType(inner)
            guard case .scalar(let s) = elementType else {
                error(
                    concerning: elementType, "array elements must be scalars, not '\(elementType)'",
                    at: inner.range)
                return .error
            }
            if rank > 3 {
                error(
                    "arrays of rank \(rank) are not supported", at: r,
                    help: "Kern arrays have rank 1, 2 or 3")
                return .error
            }
            return .array(s, rank: rank)
        case .tuple(let elements, let r):
            if elements.isEmpty { return .void }
            if elements.count == 1 { return resolveType(elements[0]) }
            var scalars: [ScalarType] = []
            var failed = false
            for element in elements {
                let t = resolveType(element)
                if case .scalar(let s) = t {
                    scalars.append(s)
                } else {
                    error(
                        concerning: t, "tuple elements must be scalars, not '\(t)'",
                        at: element.range)
                    failed = true
                }
            }
            _ = r
            return failed ? .error : .tuple(scalars)
        }
    }

    /// Parameters are scalars or arrays.
    func resolveParamType(_ param: Param) -> SemaType {
        let t = resolveType(param.type)
        switch t {
        case .scalar, .array, .error:
            return t
        case .tuple, .void, .range, .metatype, .string:
            error(
                "parameter '\(param.name)' cannot have type '\(t)'", at: param.type.range,
                help: "parameters are scalars or arrays; pass the tuple's elements separately")
            return .error
        }
    }

    /// Return types are scalars, tuples of scalars, arrays (a new array the caller owns,
    /// LANGUAGE.md §6), or nothing.
    func resolveReturnType(_ syntax: TypeSyntax) -> SemaType {
        let t = resolveType(syntax)
        switch t {
        case .scalar, .tuple, .void, .error, .array:
            return t
        case .range, .metatype, .string:
            error("functions cannot return '\(t)'", at: syntax.range)
            return .error
        }
    }

    /// Types are equal, or one is `.error` (already reported).
    func compatible(_ a: SemaType, _ b: SemaType) -> Bool {
        a == b || a == .error || b == .error
    }
}
