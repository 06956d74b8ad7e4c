/// Codegen of straight-line instructions: constants, unary/binary arithmetic with
/// Kern's semantics (wrapping integers, division without UB, Swift smart shifts),
/// comparisons, conversions (saturating float→int), selects, slots and tuples.
/// In: one Instr. Out: its LLVM value recorded in `values`/`views`.
import KernBasics
import KernIR

extension Codegen {
    /// Emits the instructions of `block` in a new scope; local arrays allocated in it are
    /// freed when control falls off its end (break/continue/return/error free them too).
    func emitBlock(_ block: Block) {
        scopes.append(Scope())
        for instr in block.instrs {
            let location = debug?.enter(instr.pos, loop: instr.loop)
            emit(instr)
            if let location { debug?.restore(location) }
            // After break/continue/return the rest of the block is dead.
            if b.isTerminated { break }
        }
        let scope = scopes.removeLast()
        if !b.isTerminated { freeArrays(scope.arrays) }
    }

    func emit(_ instr: Instr) {
        let type = instr.result.map { function.values[$0] } ?? .void
        var result: LLVMValue?
        switch instr.op {
        case .constant(let c):
            result = constant(c, type.verifiedScalar("KernLLVM: constant"))
        case .unary(let op, let a):
            result = unary(op, a)
        case .binary(let op, let x, let y):
            let reduction = reductionValues.contains(x) || reductionValues.contains(y)
            if reduction, let r = instr.result { reductionValues.insert(r) }
            result = binary(op, x, y, kind: scalarKind(x), flags: floatFlags(reduction: reduction))
        case .compare(let p, let x, let y):
            result = compare(p, value(x), value(y), kind: scalarKind(x))
        case .convert(let x):
            result =
                indexConversion(
                    instr.result, value(x), from: scalarKind(x),
                    to: type.verifiedScalar("KernLLVM: conversion"))
                ?? convert(
                    value(x), from: scalarKind(x), to: type.verifiedScalar("KernLLVM: conversion"))
        case .math(let op, let args):
            let reduction = args.contains { reductionValues.contains($0) }
            if reduction, let r = instr.result { reductionValues.insert(r) }
            result = math(op, args, flags: floatFlags(reduction: reduction))
        case .select(let c, let x, let y):
            if case .array = function.values[x] {
                // Views are selected component-wise.
                if let r = instr.result { views[r.index] = selectView(value(c), view(x), view(y)) }
            } else {
                result = b.select(value(c), value(x), value(y))
            }
        case .load(let slot):
            result = loadSlot(slot)
            if reductionSlots.contains(slot), let r = instr.result { reductionValues.insert(r) }
        case .store(let slot, let v):
            storeSlot(slot, value(v))
        case .makeTuple(let xs):
            var agg = ctx.poison(llvmType(type))
            for (i, x) in xs.enumerated() { agg = b.insertValue(agg, value(x), i) }
            result = agg
        case .extract(let t, let index):
            result = b.extractValue(value(t), index)
        case .dim(let a, let axis):
            result = view(a).shape[axis]
        case .loadElement(let a, let indices):
            result = loadElement(view(a), indices.map(value))
        case .storeElement(let a, let indices, let v):
            storeElement(view(a), indices.map(value), value(v))
        case .subview(let a, let index):
            if let r = instr.result { views[r.index] = subview(view(a), value(index)) }
        case .allocArray(let kind, let dims, let fill):
            if let r = instr.result {
                views[r.index] = allocArray(
                    kind, dims.map(value), fill: fill.map(value), pos: instr.pos)
                ownedArrays.insert(r)
            }
        case .checkBounds(let index, let bound, let axis):
            checkBounds(value(index), value(bound), axis: axis, pos: instr.pos)
        case .checkDivisor(let d):
            checkDivisor(value(d), pos: instr.pos)
        case .precondition(let c, let message):
            checkPrecondition(value(c), message: message, pos: instr.pos)
        case .checkStride(let s):
            checkStride(value(s), pos: instr.pos)
        case .call(let callee, let args):
            if callCycles.isRecursiveCall(from: functionID, to: callee) {
                checkStack(pos: instr.pos)
            }
            spillRandomState(callee: callee)
            result = call(callee, args)
            reloadRandomState(callee: callee)
            if let r = instr.result, let returned = result,
                case .array(let element, let rank) = type
            {
                views[r.index] = adoptArrayResult(returned, element: element, rank: rank)
                ownedArrays.insert(r)
                result = nil
            }
        case .parallelFor(let body, let captures, let lower, let upper, let blockSize):
            spillRandomState(callee: body)
            emitParallelFor(
                body: body, captures: captures, lower: lower, upper: upper, blockSize: blockSize)
            reloadRandomState(callee: body)
        case .random(let d, let args):
            result = emitRandom(d, args, resultKind: type.verifiedScalar("KernLLVM: random"))
        case .rngIteration(let i):
            emitRandomIteration(i)
        case .atomicAdd(let a, let indices, let v):
            emitAtomicAdd(a, indices, v)
        case .clock:
            // An ordinary external call: LLVM may neither merge nor move it.
            let (fn, fnType) = runtimeFunction(.clockNanoseconds)
            result = b.call(fnType, fn, [])
        case .print(let pieces):
            print(pieces)
        case .callC(let c, let args):
            result = emitCallC(c, args)
        case .mpi(let operation, let args):
            result = emitMPI(operation, args, pos: instr.pos)
        case .ifElse(let c, let then, let else_):
            emitIf(value(c), then, else_)
        case .forLoop(let loop):
            emitFor(loop, id: instr.loop)
        case .whileLoop(let cond, let condition, let body):
            emitWhile(cond, condition, body)
        case .repeatLoop(let body, let cond, let condition):
            emitRepeat(body, cond, condition)
        case .breakLoop:
            emitBreak()
        case .continueLoop:
            emitContinue()
        case .returnValue(let v?) where isArrayValue(v):
            emitArrayReturn(v, pos: instr.pos)
        case .returnValue(let v):
            emitReturn(v.map(value))
        }
        if let r = instr.result, let result { values[r.index] = result }
    }

    // MARK: Scalars

    func constant(_ c: Constant, _ kind: ScalarType) -> LLVMValue {
        let t = llvmType(kind)
        switch c {
        case .bool(let v): return ctx.constInt(t, v ? 1 : 0)
        case .integer(let bits):
            if kind.isFloating { return ctx.constReal(t, Double(Int64(bitPattern: bits))) }
            return ctx.constInt(t, bits & mask(kind))
        case .floating(let d):
            if kind.isFloating { return ctx.constReal(t, d) }
            // Not produced by IRGen; truncate like `convert` would, without trapping.
            let integral = d.isFinite && Swift.abs(d) < 9.2e18 ? Int64(d) : 0
            return ctx.constInt(t, UInt64(bitPattern: integral) & mask(kind))
        }
    }

    /// The low `bitWidth` bits (LLVM rejects constants wider than their type).
    private func mask(_ kind: ScalarType) -> UInt64 {
        kind.bitWidth >= 64 ? .max : (1 << UInt64(kind.bitWidth)) - 1
    }

    private func unary(_ op: UnaryOpcode, _ a: ValueID) -> LLVMValue {
        let x = value(a)
        let kind = scalarKind(a)
        switch op {
        case .neg:
            return kind.isFloating ? b.fneg(x, floatFlags(reduction: false)) : b.neg(x)
        case .not, .bitNot:
            return b.not(x)
        }
    }

    func binary(_ op: BinaryOpcode, _ x: ValueID, _ y: ValueID, kind: ScalarType, flags: FloatFlags)
        -> LLVMValue
    {
        let a = value(x)
        let c = value(y)
        if kind.isFloating {
            switch op {
            case .add: return b.fadd(a, c, flags)
            case .sub: return b.fsub(a, c, flags)
            case .mul: return b.fmul(a, c, flags)
            case .div: return b.fdiv(a, c, flags)
            case .rem: return b.frem(a, c, flags)
            case .and, .or, .xor, .shl, .shr:
                preconditionFailure("KernLLVM: bitwise \(op) on \(kind)")
            }
        }
        switch op {
        case .add: return b.add(a, c)
        case .sub: return b.sub(a, c)
        case .mul: return b.mul(a, c)
        case .div: return divide(a, c, signed: kind.isSigned, remainder: false)
        case .rem: return divide(a, c, signed: kind.isSigned, remainder: true)
        case .and: return b.and(a, c)
        case .or: return b.or(a, c)
        case .xor: return b.xor(a, c)
        case .shl, .shr:
            return smartShift(
                a, by: c, left: op == .shl, signed: kind.isSigned, amountKind: scalarKind(y))
        }
    }

    /// Truncating division/remainder. `T.min / -1` is `T.min` and `T.min % -1` is 0: the
    /// divisor -1 is replaced by 1 (no UB) and the result fixed up with a select.
    private func divide(_ a: LLVMValue, _ d: LLVMValue, signed: Bool, remainder: Bool) -> LLVMValue
    {
        guard signed else { return remainder ? b.urem(a, d) : b.udiv(a, d) }
        let t = ctx.typeOf(a)
        if let k = ctx.constantValue(d), k != -1 {
            return remainder ? b.srem(a, d) : b.sdiv(a, d)
        }
        let isMinusOne = b.icmp(.eq, d, ctx.allOnes(t))
        let safe = b.select(isMinusOne, ctx.constInt(t, 1), d)
        if remainder {
            return b.select(isMinusOne, ctx.null(t), b.srem(a, safe))
        }
        return b.select(isMinusOne, b.neg(a), b.sdiv(a, safe))
    }

    /// Swift's smart shifts: a negative amount shifts the other way; an amount ≥ the
    /// width gives 0 (or -1 for an arithmetic right shift of a negative value).
    private func smartShift(
        _ a: LLVMValue, by n: LLVMValue, left: Bool, signed: Bool, amountKind: ScalarType
    ) -> LLVMValue {
        let t = ctx.typeOf(a)
        let width = ctx.intWidth(t)
        let i64 = ctx.i64
        // The amount as i64 magnitude plus a direction, without losing huge unsigned values.
        let amount: LLVMValue
        let nWidth = amountKind.bitWidth
        if nWidth < 64 {
            amount = amountKind.isSigned ? b.sext(n, i64) : b.zext(n, i64)
        } else {
            amount = n
        }
        let negative = amountKind.isSigned ? b.icmp(.slt, amount, ctx.null(i64)) : ctx.falseValue
        let magnitude = amountKind.isSigned ? b.select(negative, b.neg(amount), amount) : amount
        let overshift = b.icmp(.uge, magnitude, ctx.constInt(i64, UInt64(width)))
        let clamped = b.select(overshift, ctx.null(i64), magnitude)
        let k = width < 64 ? b.trunc(clamped, t) : clamped
        let leftResult = b.select(overshift, ctx.null(t), b.shl(a, k))
        let rightResult: LLVMValue
        if signed {
            let k2 = b.select(overshift, ctx.constInt(t, UInt64(width - 1)), k)
            rightResult = b.ashr(a, k2)
        } else {
            rightResult = b.select(overshift, ctx.null(t), b.lshr(a, k))
        }
        if let constant = ctx.constantValue(negative) {
            return (constant != 0) != left ? leftResult : rightResult
        }
        let goesLeft = left ? b.not(negative) : negative
        return b.select(goesLeft, leftResult, rightResult)
    }

    func compare(_ p: ComparePredicate, _ a: LLVMValue, _ c: LLVMValue, kind: ScalarType)
        -> LLVMValue
    {
        if kind.isFloating {
            let flags = FloatFlags(options.fastMathLevel)
            switch p {
            case .eq: return b.fcmp(.oeq, a, c, flags)
            case .ne: return b.fcmp(.une, a, c, flags)
            case .lt: return b.fcmp(.olt, a, c, flags)
            case .le: return b.fcmp(.ole, a, c, flags)
            case .gt: return b.fcmp(.ogt, a, c, flags)
            case .ge: return b.fcmp(.oge, a, c, flags)
            }
        }
        let signed = kind.isSigned
        switch p {
        case .eq: return b.icmp(.eq, a, c)
        case .ne: return b.icmp(.ne, a, c)
        case .lt: return b.icmp(signed ? .slt : .ult, a, c)
        case .le: return b.icmp(signed ? .sle : .ule, a, c)
        case .gt: return b.icmp(signed ? .sgt : .ugt, a, c)
        case .ge: return b.icmp(signed ? .sge : .uge, a, c)
        }
    }

    /// Numeric conversion: int→int by the source's signedness, float→int saturating
    /// (NaN → 0, exactly `llvm.fpto[su]i.sat`), Bool as 0/1.
    func convert(_ v: LLVMValue, from: ScalarType, to: ScalarType) -> LLVMValue {
        if from == to { return v }
        let t = llvmType(to)
        if to == .bool {
            return from.isFloating
                ? b.fcmp(.une, v, ctx.null(llvmType(from)))
                : b.icmp(.ne, v, ctx.null(llvmType(from)))
        }
        if from.isFloating && to.isFloating {
            return from.bitWidth < to.bitWidth ? b.fpext(v, t) : b.fptrunc(v, t)
        }
        if from.isFloating {
            let name = to.isSigned ? "llvm.fptosi.sat" : "llvm.fptoui.sat"
            let (fn, fnType) = module.intrinsic(name, [t, llvmType(from)])
            return b.call(fnType, fn, [v])
        }
        let sourceSigned = from.isSigned  // Bool is unsigned: 0/1
        if to.isFloating {
            return sourceSigned ? b.sitofp(v, t) : b.uitofp(v, t)
        }
        let fromWidth = from.bitWidth
        let toWidth = to.bitWidth
        if fromWidth == toWidth { return v }
        if fromWidth > toWidth { return b.trunc(v, t) }
        return sourceSigned ? b.sext(v, t) : b.zext(v, t)
    }

    /// Resizes an integer to `t` (for loop steps of another width).
    func intCast(_ v: LLVMValue, to t: LLVMType, signed: Bool) -> LLVMValue {
        let from = ctx.intWidth(ctx.typeOf(v))
        let to = ctx.intWidth(t)
        if from == to { return v }
        if from > to { return b.trunc(v, t) }
        return signed ? b.sext(v, t) : b.zext(v, t)
    }

    // MARK: Slots

    func loadSlot(_ slot: SlotID) -> LLVMValue {
        guard let p = slots[slot.index] else { preconditionFailure("KernLLVM: no slot \(slot)") }
        let type = function.slots[slot].type
        if case .scalar(.bool) = type {
            return b.trunc(b.load(ctx.i8, p), ctx.i1)
        }
        return b.load(slotType(type), p)
    }

    func storeSlot(_ slot: SlotID, _ v: LLVMValue) {
        guard let p = slots[slot.index] else { preconditionFailure("KernLLVM: no slot \(slot)") }
        if case .scalar(.bool) = function.slots[slot].type {
            b.store(b.zext(v, ctx.i8), p)
        } else {
            b.store(v, p)
        }
    }
}
