/// Turns an error of the back end (KernLLVM, KernJIT) into a `KernError`, so no LLVM
/// type reaches the host API.
internal import KernLLVM

extension KernError {
    /// `.llvmUnavailable` when no LLVM could be loaded, the error itself if it already is
    /// a `KernError`, else `.backend` with its description.
    init(backendFailure error: any Error) {
        switch error {
        case let error as KernError: self = error
        case let missing as LLVMUnavailable:
            self = .llvmUnavailable(tried: missing.tried, fix: missing.fix)
        default: self = .backend(message: String(describing: error))
        }
    }
}
