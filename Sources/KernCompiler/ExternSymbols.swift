import KernBasics
import KernSema

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Binds `@extern(c)` functions to symbols when a program is compiled (LANGUAGE.md §3,
/// "C functions").
///
/// In: a checked program and the libraries the user names (`CompileOptions.libraries`:
/// paths or names `dlopen` finds). Out: errors for a library that cannot be loaded and for
/// each symbol found neither in the process nor in those libraries. The libraries are
/// loaded globally and stay loaded, so the JIT (which resolves names in the process) and
/// the interpreter (`dlsym`) find the same functions.
enum ExternSymbols {
    static func check(_ program: CheckedProgram, libraries: [String]) -> [Diagnostic] {
        let externs = program.functions.compactMap(\.extern)
        guard let first = externs.first else { return [] }
        var diagnostics: [Diagnostic] = []
        var handles: [UnsafeMutableRawPointer] = []
        for library in libraries {
            if let handle = dlopen(library, RTLD_NOW | RTLD_GLOBAL) {
                handles.append(handle)
            } else {
                let reason = dlerror().map { String(cString: $0) } ?? "unknown reason"
                diagnostics.append(
                    .error(
                        at: first.nameRange, "cannot load library '\(library)': \(reason)",
                        help: "give a path or a name the dynamic loader finds (LD_LIBRARY_PATH)"))
            }
        }
        let process = dlopen(nil, RTLD_NOW)
        for extern in externs {
            let found =
                dlsym(process, extern.symbol) != nil
                || handles.contains { dlsym($0, extern.symbol) != nil }
            if !found {
                let named =
                    libraries.isEmpty
                    ? "in this process (no libraries were named)"
                    : "in this process or in " + libraries.joined(separator: ", ")
                diagnostics.append(
                    .error(
                        at: extern.nameRange, "C symbol '\(extern.symbol)' not found \(named)",
                        help:
                            "name the library that defines it: kernelc run --link libfoo.so, or KernModule.compile(..., libraries:)"
                    ))
            }
        }
        return diagnostics
    }
}
