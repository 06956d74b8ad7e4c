/// Typed 32-bit IDs into arenas (DESIGN.md example 2): one index type per entity,
/// so IDs of different kinds cannot be mixed up, and side tables are plain arrays.

public protocol ArenaID: Hashable, Comparable, Sendable, CustomStringConvertible {
    var raw: UInt32 { get }
    init(raw: UInt32)
}

extension ArenaID {
    public init(_ index: Int) { self.init(raw: UInt32(index)) }
    public var index: Int { Int(raw) }
    public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
}

/// What tells one kind of `ArenaIndex` from another: a caseless enum per entity.
public protocol ArenaTag {
    /// How an ID of this kind is written before its number (`%` for `%3`).
    static var prefix: String { get }
}

/// The one ID type of every arena: a `UInt32` position that `Tag` keeps apart from the
/// IDs of other arenas, written as the tag's prefix and the number. Each module names
/// its kinds (`typealias ValueID = ArenaIndex<ValueTag>`). The members are inlinable so
/// that the modules using an ID compare and hash it as directly as their own struct.
@frozen
public struct ArenaIndex<Tag: ArenaTag>: ArenaID {
    public var raw: UInt32
    @inlinable public init(raw: UInt32) { self.raw = raw }
    @inlinable public var description: String { "\(Tag.prefix)\(raw)" }
    @inlinable public static func == (a: Self, b: Self) -> Bool { a.raw == b.raw }
    @inlinable public func hash(into hasher: inout Hasher) { hasher.combine(raw) }
}

/// An append-only array indexed by a typed ID.
public struct IndexedArray<ID: ArenaID, Element>: RandomAccessCollection {
    public private(set) var elements: [Element] = []
    public init() {}
    public init(_ elements: [Element]) { self.elements = elements }

    public var startIndex: ID { ID(raw: 0) }
    public var endIndex: ID { ID(elements.count) }
    public func index(after i: ID) -> ID { ID(raw: i.raw + 1) }
    public func index(before i: ID) -> ID { ID(raw: i.raw - 1) }
    public func index(_ i: ID, offsetBy n: Int) -> ID { ID(i.index + n) }
    public func distance(from a: ID, to b: ID) -> Int { b.index - a.index }

    public subscript(id: ID) -> Element {
        get { elements[id.index] }
        set { elements[id.index] = newValue }
    }

    /// Appends and returns the new element's ID.
    @discardableResult
    public mutating func append(_ element: Element) -> ID {
        elements.append(element)
        return ID(elements.count - 1)
    }

    public var ids: [ID] { (0..<elements.count).map { ID($0) } }
}

extension IndexedArray: Sendable where Element: Sendable {}
extension IndexedArray: Equatable where Element: Equatable {}
extension IndexedArray: Hashable where Element: Hashable {}
