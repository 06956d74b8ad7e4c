/// How the REPL shows values.
///
/// In: a scalar or tuple `KernValue`, or a stored array. Out: one line. Scalars print as
/// Swift's `print` prints them (`KernValue.description`). Arrays up to `fullLimit`
/// elements print whole (`[1.0, 2.0, 3.0]`); longer ones print their first and last
/// `edge` elements around `...`, followed by the shape, so a million-element array is
/// one readable line.
import Kern

enum ValueFormatter {
    static let fullLimit = 20
    static let edge = 5

    static func format(_ value: KernValue) -> String { value.description }

    static func format(array storage: any StoredValue, rank: Int) -> String {
        let shape = storage.shape
        let count = shape.reduce(1, *)
        let type =
            String(repeating: "[", count: rank) + storage.elementType.description
            + String(repeating: "]", count: rank)
        func items(_ range: Range<Int>) -> [String] {
            range.map { storage.element($0).description }
        }
        let body: String
        if count <= fullLimit {
            body = "[" + items(0..<count).joined(separator: ", ") + "]"
        } else {
            body =
                "[" + items(0..<edge).joined(separator: ", ") + ", ..., "
                + items((count - edge)..<count).joined(separator: ", ") + "]"
        }
        if rank == 1 {
            return count <= fullLimit ? body : "\(body) (\(count) elements)"
        }
        // Higher ranks: row-major elements plus the shape, which says how to read them.
        return "\(type) shape \(shape.map(String.init).joined(separator: "×")), row-major \(body)"
    }
}
