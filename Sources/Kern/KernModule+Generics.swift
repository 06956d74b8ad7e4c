/// Host calls of generic Kern functions (LANGUAGE.md §3, "Generic functions").
///
/// A generic function is compiled as instances, one per concrete type: every type its
/// constraints allow when there are at most 12 combinations (`axpy<Float>`,
/// `axpy<Double>`), plus each instance a kernel calls. The host picks one by name.
extension KernModule {
    /// The instance of generic function `name` for `types` (one per generic parameter,
    /// in declaration order): `function("axpy", specializedFor: [.double])` is the
    /// function named `axpy<Double>`.
    public func function(_ name: String, specializedFor types: [KernScalarType]) throws
        -> KernFunction
    {
        try function(named: name + "<" + types.map(\.name).joined(separator: ", ") + ">")
    }
}
