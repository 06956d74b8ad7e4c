import KernBasics
import KernIR
import KernSema
import KernSyntax

/// Lowers a type-checked CheckedProgram to a KernIR.Module. Input has no errors;
/// output passes the Verifier. (Stub.)
public struct IRGenOptions: Sendable {
    /// Emit `check.bounds` before array accesses (checked mode).
    public var boundsChecks: Bool
    public init(boundsChecks: Bool = true) { self.boundsChecks = boundsChecks }
}

public enum IRGen {
    public static func lower(_ program: CheckedProgram, options: IRGenOptions = IRGenOptions()) -> Module {
        Module(sourceName: program.file.name)
    }
}
