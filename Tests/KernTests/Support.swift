import KernTestSupport

/// Test helpers: `KernFunction`s over the hand-written entry points in KernTestSupport,
/// with hand-made signatures (what the compiler would derive from Kern source).
@testable import Kern

enum Entries {
    static func function(
        _ name: String, _ parameters: [KernParameter], _ result: KernType = .void,
        file: SourceFile? = nil
    ) throws -> KernFunction {
        guard let address = kern_test_entry(name) else { throw TestSupportError.noEntry(name) }
        return try KernFunction(
            signature: KernSignature(name: name, parameters: parameters, returnType: result),
            entry: address, owner: nil, file: file)
    }

    static func saxpy() throws -> KernFunction {
        try function(
            "saxpy",
            [
                .init(name: "a", type: .scalar(.float)),
                .init(name: "x", type: .array(.float, rank: 1)),
                .init(name: "y", type: .array(.float, rank: 1), isInout: true),
            ])
    }

    static func divmod() throws -> KernFunction {
        try function(
            "divmod",
            [.init(name: "a", type: .scalar(.int64)), .init(name: "b", type: .scalar(.int64))],
            .tuple([.int64, .int64]))
    }

    static func get(file: SourceFile? = nil) throws -> KernFunction {
        try function(
            "get",
            [
                .init(name: "x", type: .array(.double, rank: 1)),
                .init(name: "i", type: .scalar(.int64)),
            ],
            .scalar(.double), file: file)
    }

    static func bump() throws -> KernFunction {
        try function(
            "bump",
            [
                .init(name: "count", type: .scalar(.int64), isInout: true),
                .init(name: "by", type: .scalar(.int64)),
            ])
    }

    static func sum() throws -> KernFunction {
        try function("sum", [.init(name: "x", type: .array(.int64, rank: 1))], .scalar(.int64))
    }

    static func increment() throws -> KernFunction {
        try function("increment", [.init(name: "a", type: .scalar(.int64))], .scalar(.int64))
    }
}

enum TestSupportError: Error { case noEntry(String) }

/// The problem inside a thrown `KernError.invalidArgument`, or nil.
func argumentProblem(_ body: () throws -> Void) -> (Int?, ArgumentProblem)? {
    do {
        try body()
    } catch let error as KernError {
        if case .invalidArgument(_, let argument, let problem) = error {
            return (argument, problem)
        }
    } catch {
        return nil
    }
    return nil
}

/// One Kern source compiled with SPMD lanes and without (`--no-spmd`): the scalar loop is
/// what the lanes must agree with, so every SPMD test compiles this pair. A compile error
/// is kept in the result, so each test fails with it rather than the suite not starting.
struct SPMDModules {
    /// Compiled with `spmd: true`.
    let lanes: Result<KernModule, any Error>
    /// Compiled with `spmd: false`.
    let scalar: Result<KernModule, any Error>

    init(source: String, fileName: String) {
        func compile(spmd: Bool) -> Result<KernModule, any Error> {
            Result {
                try KernModule.compile(
                    source: source, fileName: fileName, options: .init(spmd: spmd))
            }
        }
        lanes = compile(spmd: true)
        scalar = compile(spmd: false)
    }

    /// Both modules, lanes first.
    var both: [Result<KernModule, any Error>] { [lanes, scalar] }
}
