/// The body of a typed wrapper that calls the compiled entry point directly.
///
/// In: a function's signature and the wrapper's argument expressions (after its prologue:
/// nested `[[T]]` arrays already copied into Tensors). Out: Swift statements that cast the
/// entry point to the exact `@convention(c)` type of the entry ABI
/// (`int32_t kern_entry_<name>(KernCallContext *ctx, params..., void *result)`;
/// KernABI/EntryABI.swift) and call it through `_KernDirectEntry.call`, which supplies the
/// call context and throws runtime errors; or nil for a signature this path does not cover
/// (the wrapper then uses the lowered-argument path).
///
/// The C arguments follow EntryABI: a by-value scalar as itself (Swift's `Bool` is C's
/// `_Bool`, the entry's 0/1 byte), an `inout` scalar as its address, an array as element
/// pointer, extents, strides (`[T]`: count and 1; a Tensor: `_KernDirectEntry.array`,
/// which checks its rank), the result as 8-byte slots decoded in their own types.
/// Checked per call only what Swift's types leave open: a Tensor's rank, and that an
/// `inout` Tensor is not also passed as another tensor argument.
import KernSema

extension SwiftWrapperGenerator {
    /// The entry shape `_KernDirectEntry(_:abi:)` compares with the compiled function:
    /// `func f(Float, inout [Double]) -> (Int, Bool)`; nil when the direct path does not
    /// cover the signature.
    static func directABI(_ signature: FunctionSignature) -> String? {
        var params: [String] = []
        for p in signature.params {
            switch p.type {
            case .scalar(let s): params.append((p.isInout ? "inout " : "") + swiftName(s))
            case .array(let s, let rank) where (1...3).contains(rank):
                let type =
                    String(repeating: "[", count: rank) + swiftName(s)
                    + String(repeating: "]", count: rank)
                params.append((p.isInout ? "inout " : "") + type)
            case .array, .tuple, .void, .range, .metatype, .string, .error:
                return nil
            }
        }
        let result: String
        switch signature.returnType {
        case .void: result = "Void"
        case .scalar(let s): result = swiftName(s)
        case .tuple(let xs): result = "(" + xs.map(swiftName).joined(separator: ", ") + ")"
        case .array, .range, .metatype, .string, .error: return nil
        }
        return "func \(signature.name)(\(params.joined(separator: ", "))) -> \(result)"
    }

    /// The statements of a direct call (see the file comment), ending with `epilogue`
    /// and the `return` of the result, if any. `entry` names the static
    /// `Result<_KernDirectEntry, any Error>`; `arguments[k]` is the expression passed for
    /// parameter k.
    static func directBody(
        _ signature: FunctionSignature, entry: String, arguments: [String], epilogue: String
    ) -> String {
        var cTypes = ["UnsafeMutableRawPointer"]
        var cArguments = ["_c"]
        // Innermost last: each array's pointer is valid inside its own closure.
        var openers: [String] = []
        var checks: [String] = []
        let params = signature.params
        for (k, p) in params.enumerated() {
            let a = arguments[k]
            switch p.type {
            case .scalar(let s):
                if p.isInout {
                    cTypes.append("UnsafeMutablePointer<\(swiftName(s))>")
                    cArguments.append("&\(a)")
                } else {
                    cTypes.append(swiftName(s))
                    cArguments.append(a)
                }
            case .array(_, let rank) where rank == 1:
                if p.isInout {
                    openers.append("\(a).withUnsafeMutableBufferPointer { _a\(k) in")
                    cTypes.append("UnsafeMutableRawPointer?")
                    cArguments.append("UnsafeMutableRawPointer(_a\(k).baseAddress)")
                } else {
                    openers.append("\(a).withUnsafeBufferPointer { _a\(k) in")
                    cTypes.append("UnsafeRawPointer?")
                    cArguments.append("UnsafeRawPointer(_a\(k).baseAddress)")
                }
                cTypes += ["Int64", "Int64"]
                cArguments += ["Int64(_a\(k).count)", "1"]
            case .array(_, let rank):
                openers.append("_d.array(\(a), rank: \(rank), argument: \(k)) { _a\(k) in")
                cTypes.append("UnsafeMutableRawPointer?")
                cArguments.append("_a\(k).data")
                for axis in 0..<rank {
                    cTypes.append("Int64")
                    cArguments.append("_a\(k).extents.\(axis)")
                }
                for axis in 0..<rank {
                    cTypes.append("Int64")
                    cArguments.append("_a\(k).strides.\(axis)")
                }
                // A Tensor is a reference: the same one may come twice.
                guard p.isInout else { break }
                for (j, q) in params.enumerated() where j != k {
                    guard case .array(_, let r) = q.type, r >= 2 else { continue }
                    // Each pair once, naming the inout one first (as the dynamic check).
                    if q.isInout && j < k { continue }
                    checks.append(
                        "try _d.checkDistinct(\(a), inoutArgument: \(k), \(arguments[j]), other: \(j))"
                    )
                }
            case .tuple, .void, .range, .metatype, .string, .error:
                preconditionFailure("directBody on a signature directABI refuses")
            }
        }
        let results: [String]
        switch signature.returnType {
        case .void: results = []
        case .scalar(let s): results = [swiftName(s)]
        case .tuple(let xs): results = xs.map(swiftName)
        case .array, .range, .metatype, .string, .error:
            preconditionFailure("directBody on a signature directABI refuses")
        }
        cTypes.append("UnsafeMutableRawPointer?")
        cArguments.append(results.isEmpty ? "nil" : "&_r")

        var out = "        let _d = try \(entry).get()\n"
        out +=
            "        typealias _Entry = @convention(c) (\(cTypes.joined(separator: ", "))) -> Int32\n"
        out += "        let _e = unsafeBitCast(_d.address, to: _Entry.self)\n"
        for check in checks { out += "        \(check)\n" }
        if !results.isEmpty {
            // One 8-byte slot per result value (EntryABI), each in its own type at offset 0.
            let slots =
                results.count == 1
                ? "UInt64" : "(" + results.map { _ in "UInt64" }.joined(separator: ", ") + ")"
            let zeros =
                results.count == 1
                ? "0" : "(" + results.map { _ in "0" }.joined(separator: ", ") + ")"
            out += "        var _r: \(slots) = \(zeros)\n"
        }
        var indent = "        "
        for opener in openers {
            out += "\(indent)try \(opener)\n"
            indent += "    "
        }
        out += "\(indent)try _d.call { _c in _e(\(cArguments.joined(separator: ", "))) }\n"
        for _ in openers {
            indent.removeLast(4)
            out += "\(indent)}\n"
        }
        out += epilogue
        if !results.isEmpty {
            let loads = results.enumerated().map { k, type in
                "$0.load(fromByteOffset: \(8 * k), as: \(type).self)"
            }
            let value = loads.count == 1 ? loads[0] : "(" + loads.joined(separator: ", ") + ")"
            out += "        return withUnsafeBytes(of: _r) { \(value) }\n"
        }
        return out
    }
}
