import Foundation

/// Reads Python pickles (protocols 2 to 5) that hold only data: None, booleans, integers of up to
/// 64 bits, floats, strings, and lists, tuples and dicts of them (dict keys strings or integers).
/// Nothing is ever executed or looked up: an opcode that names Python code (GLOBAL, STACK_GLOBAL,
/// REDUCE, BUILD, INST, OBJ, NEWOBJ, NEWOBJ_EX, EXT1/2/4, PERSID, BINPERSID) is refused, as is any
/// opcode outside this set (Python's `pickletools` documents them all). The one exception is a plain
/// object of a class the caller names: STACK_GLOBAL of that exact name, NEWOBJ with no arguments and
/// BUILD with a state dict read as `.object(name, state)`, the class never imported.
///
/// Bounded: every length is checked against the bytes left before anything is allocated, values
/// nest at most `maximumDepth` deep, and memo references to containers are refused (they would
/// share a value), so the work is linear in the input.
struct PickleReader {
    /// How deep lists, tuples and dicts may nest.
    static let maximumDepth = 32

    /// Why a pickle was refused: the byte offset of the opcode and what was wrong there.
    struct Failure: Error, Equatable {
        let offset: Int
        let reason: String
    }

    private let bytes: [UInt8]
    /// The qualified names (`module.name`) of the classes whose plain objects are read as their state.
    private let classes: Set<String>
    private var position = 0
    /// Each value on the stack, with how deep its containers nest.
    private var stack: [(value: PickleValue, depth: Int)] = []
    private var marks: [Int] = []
    /// Memoized strings and scalars; `nil` marks a memoized container.
    private var memo: [Int: PickleValue?] = [:]

    private init(_ bytes: [UInt8], classes: Set<String>) {
        self.bytes = bytes
        self.classes = classes
    }

    /// The value `bytes` pickles; objects only of `classes` (qualified names), read as their state.
    static func decode(_ bytes: [UInt8], classes: Set<String> = []) throws(Failure) -> PickleValue {
        var reader = PickleReader(bytes, classes: classes)
        return try reader.run()
    }

    private mutating func run() throws(Failure) -> PickleValue {
        while position < bytes.count {
            let start = position
            let opcode = bytes[position]
            position += 1
            if let name = PickleReader.codeOpcodes[opcode], try !readsObject(opcode, at: start) {
                throw Failure(offset: start, reason: "opcode \(name) names Python code, which Quill never runs")
            }
            switch opcode {
            case 0x93, 0x81, 0x62: break  // read by readsObject
            case 0x80:  // PROTO
                let version = try integer(width: 1, at: start)
                guard (2...5).contains(version) else { throw Failure(offset: start, reason: "pickle protocol \(version); expected 2 to 5") }
            case 0x95: _ = try take(8, at: start)  // FRAME: a length hint only
            case 0x2E:  // STOP
                guard marks.isEmpty, stack.count == 1 else { throw Failure(offset: start, reason: "STOP with \(stack.count) values and \(marks.count) marks left; expected one value") }
                return stack[0].value
            case 0x28: marks.append(stack.count)  // MARK
            case 0x7D: stack.append((.dict([:]), 1))  // EMPTY_DICT
            case 0x5D: stack.append((.list([]), 1))  // EMPTY_LIST
            case 0x29: stack.append((.tuple([]), 1))  // EMPTY_TUPLE
            case 0x64:  // DICT
                let items = try popMark(at: start)
                try push(.dict([:]), depth: 1, at: start)
                try insert(items, at: start)
            case 0x6C, 0x74:  // LIST, TUPLE
                let items = try popMark(at: start)
                let depth = (items.map(\.depth).max() ?? 0) + 1
                try push(opcode == 0x6C ? .list(items.map(\.value)) : .tuple(items.map(\.value)), depth: depth, at: start)
            case 0x85, 0x86, 0x87:  // TUPLE1, TUPLE2, TUPLE3
                let count = Int(opcode - 0x84)
                guard stack.count - count >= (marks.last ?? 0) else { throw Failure(offset: start, reason: "TUPLE\(count) on a stack of \(stack.count)") }
                let items = stack.suffix(count)
                stack.removeLast(count)
                try push(.tuple(items.map(\.value)), depth: (items.map(\.depth).max() ?? 0) + 1, at: start)
            case 0x73:  // SETITEM
                guard stack.count >= 3 + (marks.last ?? 0) else { throw Failure(offset: start, reason: "SETITEM on a stack of \(stack.count)") }
                let items = Array(stack.suffix(2))
                stack.removeLast(2)
                try insert(items, at: start)
            case 0x75: try insert(try popMark(at: start), at: start)  // SETITEMS
            case 0x61:  // APPEND
                guard stack.count >= 2 + (marks.last ?? 0) else { throw Failure(offset: start, reason: "APPEND on a stack of \(stack.count)") }
                try append([stack.removeLast()], at: start)
            case 0x65: try append(try popMark(at: start), at: start)  // APPENDS
            case 0x4A: try push(.int(Int64(Int32(truncatingIfNeeded: try integer(width: 4, at: start)))), at: start)  // BININT
            case 0x4B: try push(.int(Int64(try integer(width: 1, at: start))), at: start)  // BININT1
            case 0x4D: try push(.int(Int64(try integer(width: 2, at: start))), at: start)  // BININT2
            case 0x8A: try push(.int(try long(at: start)), at: start)  // LONG1
            case 0x4E: try push(.none, at: start)  // NONE
            case 0x88, 0x89: try push(.bool(opcode == 0x88), at: start)  // NEWTRUE, NEWFALSE
            case 0x47:  // BINFLOAT, big-endian
                let raw = try take(8, at: start).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                try push(.float(Double(bitPattern: raw)), at: start)
            case 0x8C: try push(.string(try text(try integer(width: 1, at: start), at: start)), at: start)  // SHORT_BINUNICODE
            case 0x58: try push(.string(try text(try integer(width: 4, at: start), at: start)), at: start)  // BINUNICODE
            case 0x8D: try push(.string(try text(try integer(width: 8, at: start), at: start)), at: start)  // BINUNICODE8
            case 0x94: try memoize(at: memo.count, start)  // MEMOIZE
            case 0x71: try memoize(at: try integer(width: 1, at: start), start)  // BINPUT
            case 0x72: try memoize(at: try integer(width: 4, at: start), start)  // LONG_BINPUT
            case 0x68: try recall(try integer(width: 1, at: start), start)  // BINGET
            case 0x6A: try recall(try integer(width: 4, at: start), start)  // LONG_BINGET
            case 0x30:  // POP
                guard stack.count > (marks.last ?? 0) else { throw Failure(offset: start, reason: "POP on an empty stack") }
                stack.removeLast()
            default:
                throw Failure(offset: start, reason: "opcode 0x\(String(opcode, radix: 16)) is not one of the data opcodes Quill reads")
            }
        }
        throw Failure(offset: position, reason: "the pickle ends without STOP")
    }

    /// The opcodes that import, call or build Python objects, by their `pickletools` names.
    private static let codeOpcodes: [UInt8: String] = [
        0x63: "GLOBAL", 0x93: "STACK_GLOBAL", 0x52: "REDUCE", 0x62: "BUILD", 0x69: "INST", 0x6F: "OBJ",
        0x81: "NEWOBJ", 0x92: "NEWOBJ_EX", 0x82: "EXT1", 0x83: "EXT2", 0x84: "EXT4", 0x50: "PERSID", 0x51: "BINPERSID",
    ]

    /// Reads STACK_GLOBAL, NEWOBJ or BUILD when they make a plain object of an accepted class;
    /// `false` when they would do anything else.
    private mutating func readsObject(_ opcode: UInt8, at start: Int) throws(Failure) -> Bool {
        let floor = marks.last ?? 0
        switch opcode {
        case 0x93:  // STACK_GLOBAL: module and name strings -> the class, by name
            guard stack.count >= floor + 2, case .string(let module) = stack[stack.count - 2].value, case .string(let name) = stack[stack.count - 1].value,
                classes.contains(module + "." + name)
            else { return false }
            stack.removeLast(2)
            try push(.type(module + "." + name), at: start)
        case 0x81:  // NEWOBJ: the class and an empty argument tuple -> an object without state
            guard stack.count >= floor + 2, case .type(let name) = stack[stack.count - 2].value, stack[stack.count - 1].value == .tuple([]) else { return false }
            stack.removeLast(2)
            try push(.object(name, [:]), depth: 1, at: start)
        case 0x62:  // BUILD: an object without state and its state dict -> the object with that state
            guard stack.count >= floor + 2, case .object(let name, let current) = stack[stack.count - 2].value, current.isEmpty,
                case .dict(let state) = stack[stack.count - 1].value
            else { return false }
            let depth = stack[stack.count - 1].depth
            stack.removeLast(2)
            try push(.object(name, state), depth: depth, at: start)
        default:
            return false
        }
        return true
    }

    private mutating func take(_ count: Int, at start: Int) throws(Failure) -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - position else {
            throw Failure(offset: start, reason: "an argument of \(count) bytes where \(bytes.count - position) are left")
        }
        defer { position += count }
        return bytes[position..<position + count]
    }

    /// An unsigned little-endian integer argument of `width` bytes, at most `Int.max`.
    private mutating func integer(width: Int, at start: Int) throws(Failure) -> Int {
        let value = try take(width, at: start).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard value <= UInt64(Int.max) else { throw Failure(offset: start, reason: "a length of \(value)") }
        return Int(value)
    }

    /// LONG1's argument: a two's-complement little-endian integer of at most 8 bytes.
    private mutating func long(at start: Int) throws(Failure) -> Int64 {
        let width = try integer(width: 1, at: start)
        guard width <= 8 else { throw Failure(offset: start, reason: "an integer of \(width) bytes; expected at most 8") }
        let digits = try take(width, at: start)
        guard let last = digits.last else { return 0 }
        var value = digits.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        if last & 0x80 != 0, width < 8 { value |= ~UInt64(0) << (8 * width) }
        return Int64(bitPattern: value)
    }

    private mutating func text(_ count: Int, at start: Int) throws(Failure) -> String {
        guard let string = String(validating: try take(count, at: start), as: UTF8.self) else {
            throw Failure(offset: start, reason: "a string that is not UTF-8")
        }
        return string
    }

    private mutating func push(_ value: PickleValue, depth: Int = 0, at start: Int) throws(Failure) {
        guard depth <= PickleReader.maximumDepth else { throw Failure(offset: start, reason: "values nested more than \(PickleReader.maximumDepth) deep") }
        stack.append((value, depth))
    }

    /// The values above the last mark, and the mark removed.
    private mutating func popMark(at start: Int) throws(Failure) -> [(value: PickleValue, depth: Int)] {
        guard let mark = marks.popLast() else { throw Failure(offset: start, reason: "no MARK before it") }
        defer { stack.removeSubrange(mark...) }
        return Array(stack[mark...])
    }

    /// Adds key–value pairs to the dict on top of the stack (last key wins, as in Python).
    private mutating func insert(_ items: [(value: PickleValue, depth: Int)], at start: Int) throws(Failure) {
        guard items.count.isMultiple(of: 2) else { throw Failure(offset: start, reason: "a dict item without its value") }
        guard let top = stack.indices.last, top >= (marks.last ?? 0), case .dict(var entries) = stack[top].value else {
            throw Failure(offset: start, reason: "items set on something that is not a dict")
        }
        var depth = stack[top].depth
        stack[top].value = .none  // so `entries` is the dict's only owner and grows in place
        for pair in stride(from: 0, to: items.count, by: 2) {
            switch items[pair].value {
            case .string, .int: break
            default: throw Failure(offset: start, reason: "a dict key that is not a string or an integer")
            }
            entries[items[pair].value] = items[pair + 1].value
            depth = max(depth, items[pair + 1].depth + 1)
        }
        guard depth <= PickleReader.maximumDepth else { throw Failure(offset: start, reason: "values nested more than \(PickleReader.maximumDepth) deep") }
        stack[top] = (.dict(entries), depth)
    }

    /// Adds values to the list on top of the stack.
    private mutating func append(_ items: [(value: PickleValue, depth: Int)], at start: Int) throws(Failure) {
        guard let top = stack.indices.last, top >= (marks.last ?? 0), case .list(var values) = stack[top].value else {
            throw Failure(offset: start, reason: "values appended to something that is not a list")
        }
        stack[top].value = .none
        values.append(contentsOf: items.map(\.value))
        let depth = max(stack[top].depth, (items.map(\.depth).max() ?? 0) + 1)
        guard depth <= PickleReader.maximumDepth else { throw Failure(offset: start, reason: "values nested more than \(PickleReader.maximumDepth) deep") }
        stack[top] = (.list(values), depth)
    }

    private mutating func memoize(at index: Int, _ start: Int) throws(Failure) {
        guard let top = stack.last, stack.count > (marks.last ?? 0) else { throw Failure(offset: start, reason: "memoizing an empty stack") }
        switch top.value {
        case .list, .dict, .tuple, .object: memo[index] = .some(nil)
        default: memo[index] = top.value
        }
    }

    private mutating func recall(_ index: Int, _ start: Int) throws(Failure) {
        guard let entry = memo[index] else { throw Failure(offset: start, reason: "memo entry \(index) was never stored") }
        guard let value = entry else { throw Failure(offset: start, reason: "a second reference to a container, which data pickles do not need") }
        try push(value, at: start)
    }
}
