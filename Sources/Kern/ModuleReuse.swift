/// In-process reuse (issue 14.1's last point): compiling the same source with the same
/// options twice in one process gives the first `KernModule` again, as long as it is
/// alive.
///
/// In: a file (name and text), `CompileOptions` and a way to compile. Out: the module.
/// The table holds modules weakly: a module the program has let go of frees its code as
/// before (issue 15.6), and the next compile of that source makes a new one (from the
/// persistent cache when it is on). A `KernModule` never changes after it is made, so
/// handing the same one to two callers is safe. Two threads compiling the same source at
/// the same moment may both compile; the table then keeps one of the results.
import Foundation
import KernBasics

final class ModuleReuse: @unchecked Sendable {
    static let shared = ModuleReuse()

    private struct Key: Hashable {
        var name: String
        var text: String
        /// Where the text sits in `name` (a Swift literal): positions in the code.
        var lineOffset: UInt32
        var columnOffsets: [UInt32]
        var options: CompileOptions
    }

    private struct Weak {
        weak var module: KernModule?
    }

    private let lock = NSLock()
    private var table: [Key: Weak] = [:]
    /// Table size at which dead entries are swept next (doubles with live ones).
    private var sweepAt = 64

    /// The live module compiled from `file` with `options`, else `compile()`'s result
    /// (remembered for the next call).
    func module(
        for file: SourceFile, options: CompileOptions, compile: () throws -> KernModule
    ) rethrows -> KernModule {
        let key = Key(
            name: file.name, text: file.text, lineOffset: file.lineOffset,
            columnOffsets: file.columnOffsets, options: options)
        if let alive = lock.withLock({ table[key]?.module }) { return alive }
        let module = try compile()
        lock.withLock {
            table[key] = Weak(module: module)
            if table.count >= sweepAt {
                table = table.filter { $0.value.module != nil }
                sweepAt = max(64, table.count * 2)
            }
        }
        return module
    }
}
