/// Where Kern's `print` goes, for hosts that want it (the REPL, tests, notebooks).
///
/// In: a closure that calls Kern functions. Out: the text they printed, as whole lines.
/// Without capture, `print` writes to the process's standard output through C stdio,
/// in the same stream as Swift's own `print`.
import Foundation
import KernRuntime

/// Kern's standard output: capture what kernels `print`, flush it, check for write errors.
public enum KernOutput {
    /// One capture at a time: the runtime's sink is process-wide.
    private static let captureLock = NSLock()

    /// Runs `body`, returning its result and everything Kern code printed meanwhile (on
    /// any thread). Captures do not nest; concurrent captures wait for each other.
    public static func capture<R>(_ body: () throws -> R) rethrows -> (result: R, output: String) {
        captureLock.lock()
        defer { captureLock.unlock() }
        let buffer = CaptureBuffer()
        let user = Unmanaged.passRetained(buffer)
        kern_rt_set_print_sink(
            { line, length, user in
                guard let line, let user else { return }
                Unmanaged<CaptureBuffer>.fromOpaque(user).takeUnretainedValue()
                    .append(UnsafeRawBufferPointer(start: line, count: length))
            }, user.toOpaque())
        defer {
            kern_rt_set_print_sink(nil, nil)
            user.release()
        }
        let result = try body()
        return (result, buffer.text)
    }

    /// Flushes Kern's (and Swift's) buffered standard output.
    public static func flush() { kern_rt_flush_stdout() }

    /// Flushes standard output and returns the errno of the first write to it that failed
    /// (Kern's `print` lines and anything else written through C stdio), 0 if none did.
    /// A host that must not lose output silently (`kernelc run >/dev/full`) checks it.
    public static func standardOutputError() -> Int32 { kern_rt_stdout_error() }
}

/// Bytes collected by the sink; appended under the runtime's sink lock, read after the
/// sink is removed.
private final class CaptureBuffer: @unchecked Sendable {
    private var bytes: [UInt8] = []
    func append(_ chunk: UnsafeRawBufferPointer) { bytes.append(contentsOf: chunk) }
    var text: String { String(decoding: bytes, as: UTF8.self) }
}
