// Calls the ahead-of-time compiled kernels of Kernels/diffusion.kern through their C
// header (Sources/DiffusionKernels/include/diffusion.h, generated): no LLVM, no JIT.
import DiffusionKernels

/// A failed kernel call: the runtime's status and where in diffusion.kern it failed.
struct KernelFailure: Error, CustomStringConvertible {
    var status: Int32
    var record: KernErrorRecord
    var description: String {
        let message = record.message.map { String(cString: $0) } ?? "status \(status)"
        return "diffusion.kern:\(record.line):\(record.column): \(message)"
    }
}

/// Runs one entry point with a fresh context (seed 0, the runtime's thread count).
func call(_ body: (inout KernCallContext) -> Int32) throws {
    var context = KernCallContext()
    let status = body(&context)
    if status != 0 { throw KernelFailure(status: status, record: context.error) }
}

let n = 1_000
var u = [Double](repeating: 0, count: n)
u[n / 2] = 1_000
var next = u
for _ in 0..<500 {
    try u.withUnsafeBufferPointer { src in
        try next.withUnsafeMutableBufferPointer { dst in
            try call {
                kern_entry_step(
                    &$0, src.baseAddress, Int64(n), 1, dst.baseAddress, Int64(n), 1, 0.25, nil)
            }
        }
    }
    swap(&u, &next)
}
var slots = [UInt64](repeating: 0, count: 2)
try u.withUnsafeBufferPointer { p in
    try call { kern_entry_total(&$0, p.baseAddress, Int64(n), 1, &slots) }
}
print("total heat:", Double(bitPattern: slots[0]))
try u.withUnsafeBufferPointer { p in
    try call { kern_entry_hottest(&$0, p.baseAddress, Int64(n), 1, &slots) }
}
print("hottest point:", Int64(bitPattern: slots[0]), Double(bitPattern: slots[1]))

// A failing precondition comes back as a status and a position in diffusion.kern.
do {
    let short = [Double](repeating: 0, count: 3)
    var out = [Double](repeating: 0, count: 2)
    try short.withUnsafeBufferPointer { src in
        try out.withUnsafeMutableBufferPointer { dst in
            try call { kern_entry_step(&$0, src.baseAddress, 3, 1, dst.baseAddress, 2, 1, 0.25, nil) }
        }
    }
    print("error: the short array was accepted")
} catch {
    print("expected failure:", error)
}
