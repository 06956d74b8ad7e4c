/// Codegen of `@extern(c)` calls (`Op.callC`): a declaration of the C symbol with the C
/// types of its Kern signature, and a call. The JIT resolves the symbol in the process
/// (the compile step loaded the user's libraries globally); an AOT object leaves it to the
/// linker.
///
/// An impure function gets no attributes, so LLVM assumes it may read and write any
/// memory: calls stay in order, are never merged or removed, and a loop calling one is
/// not vectorized. `@extern(c, pure)` declares it `memory(none)`, `nounwind`,
/// `willreturn`: calls may then be merged or hoisted like a math function's.
import KernBasics
import KernIR

extension Codegen {
    func emitCallC(_ c: CFunction, _ args: [ValueID]) -> LLVMValue? {
        let type = ctx.functionType(
            c.result.map { llvmType($0) } ?? ctx.void, c.parameters.map { llvmType($0) })
        let fn: LLVMValue
        if let existing = module.function(named: c.symbol) {
            fn = existing
        } else {
            fn = module.addFunction(c.symbol, type)
            // The C ABI widens narrow integers; say which way, as clang does.
            for (k, kind) in c.parameters.enumerated() {
                if let extend = Self.cExtension(of: kind) {
                    module.addAttribute(fn, param: k, ctx.enumAttribute(extend))
                }
            }
            if let result = c.result, let extend = Self.cExtension(of: result) {
                module.addAttribute(fn, param: -1, ctx.enumAttribute(extend))
            }
            if c.isPure {
                for attribute in ["nounwind", "willreturn", "nosync", "nofree"] {
                    module.addAttribute(fn, param: nil, ctx.enumAttribute(attribute))
                }
                module.addAttribute(fn, param: nil, ctx.enumAttribute("memory", 0))
            }
        }
        let call = b.call(type, fn, args.map { value($0) })
        return c.result == nil ? nil : call
    }

    private static func cExtension(of kind: ScalarType) -> String? {
        switch kind {
        case .int8, .int16: "signext"
        case .bool, .uint8, .uint16: "zeroext"
        case .int32, .uint32, .int64, .uint64, .float, .double: nil
        }
    }
}
