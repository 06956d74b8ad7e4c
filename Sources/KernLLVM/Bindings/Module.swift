/// Bindings: an LLVM module (functions, intrinsics, globals, attributes, printing,
/// verification, cloning). Owns the module unless ownership was handed to the JIT.
import CLLVM

package final class Module {
    let context: Context
    package private(set) var ref: LLVMModuleRef?

    init(name: String, context: Context) {
        self.context = context
        ref = LLVMModuleCreateWithNameInContext(name, context.ref)
    }

    private init(ref: LLVMModuleRef, context: Context) {
        self.context = context
        self.ref = ref
    }

    deinit { if let ref { LLVMDisposeModule(ref) } }

    /// A deep copy in the same context (codegen and the JIT mutate what they get).
    package func clone() -> Module {
        Module(ref: LLVMCloneModule(ref), context: context)
    }

    /// Gives up ownership (the JIT takes the module).
    package func release() -> LLVMModuleRef? {
        defer { ref = nil }
        return ref
    }

    func setTarget(triple: String, dataLayout: LLVMTargetDataRef) {
        LLVMSetTarget(ref, triple)
        LLVMSetModuleDataLayout(ref, dataLayout)
    }

    /// Module-level assembly, emitted (and assembled by LLVM's integrated assembler) with
    /// the module's code.
    func setInlineAssembly(_ text: String) {
        LLVMSetModuleInlineAsm2(ref, text, text.utf8.count)
    }

    package func printed() -> String { takeMessage(LLVMPrintModuleToString(ref)) }

    /// Runs the IR verifier; the message on failure.
    func verify() -> String? {
        var message: UnsafeMutablePointer<CChar>?
        let failed = LLVMVerifyModule(ref, LLVMReturnStatusAction, &message) != 0
        let text = takeMessage(message)
        return failed ? text : nil
    }

    // Functions

    func addFunction(_ name: String, _ type: LLVMType) -> LLVMValue {
        LLVMAddFunction(ref, name, type)
    }

    func function(named name: String) -> LLVMValue? { LLVMGetNamedFunction(ref, name) }

    /// Whether a function (defined or declared) has a name starting with `prefix`: walks
    /// the function list instead of printing the module and searching the text.
    func hasFunction(withPrefix prefix: String) -> Bool {
        var function = LLVMGetFirstFunction(ref)
        while let current = function {
            var length = 0
            if let name = LLVMGetValueName2(current, &length),
                String(decoding: UnsafeRawBufferPointer(start: name, count: length), as: UTF8.self)
                    .hasPrefix(prefix)
            {
                return true
            }
            function = LLVMGetNextFunction(current)
        }
        return false
    }

    /// Declares (once) an external C function.
    func declare(_ name: String, _ type: LLVMType) -> LLVMValue {
        function(named: name) ?? addFunction(name, type)
    }

    /// An overloaded intrinsic such as `llvm.sqrt` for `types`.
    func intrinsic(_ name: String, _ types: [LLVMType]) -> (fn: LLVMValue, type: LLVMType) {
        let id = LLVMLookupIntrinsicID(name, name.utf8.count)
        precondition(id != 0, "unknown intrinsic \(name)")
        var types: [LLVMType?] = types
        let fn = LLVMGetIntrinsicDeclaration(ref, id, &types, types.count)
        let type = LLVMIntrinsicGetType(context.ref, id, &types, types.count)
        guard let fn, let type else { preconditionFailure("no declaration for \(name)") }
        return (fn, type)
    }

    func param(_ fn: LLVMValue, _ index: Int) -> LLVMValue { LLVMGetParam(fn, UInt32(index)) }

    func setName(_ v: LLVMValue, _ name: String) { LLVMSetValueName2(v, name, name.utf8.count) }

    enum Linkage { case external, `private`, `internal` }
    func setLinkage(_ fn: LLVMValue, _ linkage: Linkage) {
        switch linkage {
        case .external: LLVMSetLinkage(fn, LLVMExternalLinkage)
        case .private: LLVMSetLinkage(fn, LLVMPrivateLinkage)
        case .internal: LLVMSetLinkage(fn, LLVMInternalLinkage)
        }
    }

    /// Deletes a function nothing refers to (Codegen: functions no entry reaches).
    func deleteFunction(_ fn: LLVMValue) { LLVMDeleteFunction(fn) }

    /// Hidden visibility: an external symbol other objects of the same link (a module's
    /// partitions in one JITDylib) bind to, but nothing outside it.
    func setHidden(_ v: LLVMValue) { LLVMSetVisibility(v, LLVMHiddenVisibility) }

    /// Function attribute (index nil), or on parameter `index`.
    func addAttribute(_ fn: LLVMValue, param index: Int?, _ attr: LLVMAttributeRef) {
        let i: UInt32 =
            index.map { UInt32($0 + 1) } ?? UInt32(bitPattern: Int32(LLVMAttributeFunctionIndex))
        LLVMAddAttributeAtIndex(fn, i, attr)
    }

    /// A function attribute on one call instruction.
    func addCallSiteAttribute(_ call: LLVMValue, _ attr: LLVMAttributeRef) {
        LLVMAddCallSiteAttribute(call, UInt32(bitPattern: Int32(LLVMAttributeFunctionIndex)), attr)
    }

    /// `@llvm.compiler.used = appending global [N x ptr] [functions]`: keeps declarations
    /// the optimizer would otherwise drop as unused.
    func addCompilerUsed(_ functions: [LLVMValue]) {
        let ptr = LLVMPointerTypeInContext(context.ref, 0)
        let type = LLVMArrayType2(ptr, UInt64(functions.count))
        let global = LLVMAddGlobal(ref, type, "llvm.compiler.used")
        var elements: [LLVMValue?] = functions
        LLVMSetInitializer(global, LLVMConstArray2(ptr, &elements, UInt64(elements.count)))
        LLVMSetLinkage(global, LLVMAppendingLinkage)
        LLVMSetSection(global, "llvm.metadata")
    }

    func appendBlock(_ fn: LLVMValue, _ name: String) -> LLVMBlock {
        LLVMAppendBasicBlockInContext(context.ref, fn, name)
    }

    /// A private constant NUL-terminated string; returns its address.
    func globalString(_ text: String, name: String = "str") -> LLVMValue {
        let bytes = Array(text.utf8)
        let initializer = bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) {
                LLVMConstStringInContext2(context.ref, $0.baseAddress, bytes.count, 0)
            }
        }
        let global = LLVMAddGlobal(ref, LLVMTypeOf(initializer), name)
        LLVMSetInitializer(global, initializer)
        LLVMSetGlobalConstant(global, 1)
        LLVMSetLinkage(global, LLVMPrivateLinkage)
        LLVMSetUnnamedAddress(global, LLVMGlobalUnnamedAddr)
        LLVMSetAlignment(global, 1)
        guard let global else { preconditionFailure("LLVMAddGlobal failed") }
        return global
    }
}
