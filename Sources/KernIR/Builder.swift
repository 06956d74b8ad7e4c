import KernBasics

/// Builds one `Function` instruction by instruction. Nested blocks are built with
/// `beginBlock()` … `endBlock()`, so structured instructions are assembled inside-out:
///
///     b.beginBlock()
///     ... body ...
///     let body = b.endBlock()
///     b.emit(.forLoop(ForLoop(..., body: body)))
public struct FunctionBuilder: Sendable {
    public private(set) var function: Function
    private var openBlocks: [[Instr]] = [[]]
    /// Position attached to instructions emitted from now on.
    public var pos: SourcePos = .unknown
    /// The identity `emitLoop` gives the next loop. IRGen carries it from function to
    /// function, so loop IDs are unique within the module.
    public var nextLoopID = LoopID(raw: 0)

    public init(_ function: Function) { self.function = function }

    /// A fresh SSA value of `type` not yet defined by an instruction (parameters, loop
    /// induction variables).
    public mutating func newValue(_ type: IRType) -> ValueID { function.values.append(type) }

    /// Appends a parameter; scalars that are `inout` get a slot, everything else a value.
    @discardableResult
    public mutating func addParam(_ name: String, _ type: IRType, isInout: Bool) -> Param.Binding {
        let binding: Param.Binding
        if isInout, case .scalar = type {
            binding = .slot(newSlot(name, type))
        } else {
            binding = .value(newValue(type))
        }
        function.params.append(Param(name: name, type: type, isInout: isInout, binding: binding))
        return binding
    }

    public mutating func newSlot(_ name: String, _ type: IRType) -> SlotID {
        function.slots.append(SlotInfo(name: name, type: type))
    }

    /// Emits an instruction producing a value of `type`.
    @discardableResult
    public mutating func emit(_ op: Op, _ type: IRType) -> ValueID {
        let v = function.values.append(type)
        openBlocks[openBlocks.count - 1].append(Instr(result: v, op: op, pos: pos))
        return v
    }

    /// Emits an instruction without a result.
    public mutating func emit(_ op: Op) {
        openBlocks[openBlocks.count - 1].append(Instr(result: nil, op: op, pos: pos))
    }

    /// Emits a loop (`for`, `while`, `repeat`) under a fresh `LoopID` and returns it.
    @discardableResult
    public mutating func emitLoop(_ op: Op) -> LoopID {
        let id = nextLoopID
        nextLoopID.raw += 1
        openBlocks[openBlocks.count - 1].append(Instr(result: nil, op: op, pos: pos, loop: id))
        return id
    }

    public mutating func beginBlock() { openBlocks.append([]) }

    public mutating func endBlock() -> Block {
        precondition(openBlocks.count > 1, "endBlock without beginBlock")
        return Block(openBlocks.removeLast())
    }

    /// The last instruction of the innermost open block ends control flow
    /// (`return`, `break`, `continue`): anything emitted after it is dead.
    public var isTerminated: Bool {
        guard let last = openBlocks.last?.last else { return false }
        switch last.op {
        case .returnValue, .breakLoop, .continueLoop: return true
        default: return false
        }
    }

    // Conveniences for the common cases.
    public mutating func constant(_ c: Constant, _ kind: ScalarType) -> ValueID {
        emit(.constant(c), .scalar(kind))
    }
    public mutating func int64(_ v: Int64) -> ValueID {
        constant(.integer(UInt64(bitPattern: v)), .int64)
    }

    public func type(of v: ValueID) -> IRType { function.values[v] }

    /// Finishes the function; the body is the outermost block.
    public mutating func finish() -> Function {
        precondition(openBlocks.count == 1, "unbalanced beginBlock/endBlock")
        function.body = Block(openBlocks[0])
        return function
    }
}
