/// A JSON value with the bytes it spans, so readers can report lines and columns: a place on the
/// flat tape of its document, read only when asked.
struct JSONNode {
    /// The value, its children positioned too.
    enum Value {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([(key: String, value: JSONNode)])
    }

    /// The document the value is on.
    let tape: JSONTape
    /// The value's entry on the tape.
    let index: Int

    /// The value, decoded now: strings and numbers from the file's bytes, the children of an array or
    /// object as nodes of their own (not read until asked).
    var value: Value { tape.value(at: index) }

    /// The bytes from the value's first character to just after its last.
    var range: Range<Int> { tape.range(at: index) }

    /// The byte offset of the value's first character.
    var start: Int { tape.start(at: index) }

    /// The value under `key` when this is an object; the last one when the key repeats, as JSON parsers do.
    subscript(key: String) -> JSONNode? {
        tape.member(key, ofObjectAt: index).map { JSONNode(tape: tape, index: $0) }
    }

    /// The plain value tree; numbers are `int` when written without fraction or exponent and in range.
    var yamlValue: YAMLValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let text): Int(text).map(YAMLValue.int) ?? Double(text).map(YAMLValue.double) ?? .string(text)
        case .string(let text): .string(text)
        case .array(let elements): .array(elements.map(\.yamlValue))
        case .object(let members): .mapping(members.map { (key: $0.key, value: $0.value.yamlValue) })
        }
    }

    /// What kind of value this is, with its article, for error messages.
    var kindDescription: String {
        switch tape.kind(at: index) {
        case .array: "an array"
        case .object: "an object"
        default: yamlValue.kindDescription
        }
    }
}

/// A parsed JSON text as a flat tape: one 8-byte entry per value and per object key, in the order of
/// the text, each holding its kind, where it starts and the index just after its children. Strings and
/// numbers stay in the file's bytes and are decoded only when read, and where a value ends is found
/// again from the text when asked, so a document costs well under its size again, where a tree of
/// values with their strings costs several times it.
final class JSONTape: Sendable {
    /// What an entry holds.
    enum Kind: UInt32 {
        case null, `true`, `false`, number, string, escapedString, array, object
    }

    /// One value or key: the byte offset where it starts, and `word`, which holds the kind in its top
    /// 4 bits and, below, the index of the entry after the value's children (the next sibling).
    struct Entry {
        let start: UInt32
        let word: UInt32
    }

    /// Entries are numbered in 28 bits; `JSONSource` refuses a text that needs more.
    static let maximumEntries = 1 << 28

    /// The text the tape points into.
    let source: SourceText
    private let entries: [Entry]

    init(source: SourceText, entries: [Entry]) {
        self.source = source
        self.entries = entries
    }

    func kind(at index: Int) -> Kind { Kind(rawValue: entries[index].word >> 28)! }

    /// The byte offset of the value's first character.
    func start(at index: Int) -> Int { Int(entries[index].start) }

    /// The bytes from the value's first character to just after its last.
    func range(at index: Int) -> Range<Int> { start(at: index)..<end(at: index) }

    /// The index of the entry after `index`'s value and all its children.
    private func next(after index: Int) -> Int { Int(entries[index].word & 0x0FFF_FFFF) }

    /// Just after the value's last character, found again in the text (which `JSONSource` checked).
    private func end(at index: Int) -> Int {
        let bytes = source.bytes
        var offset = start(at: index)
        switch kind(at: index) {
        case .null, .true: return offset + 4
        case .false: return offset + 5
        case .number:
            while offset < bytes.count, Self.continuesNumber(bytes[offset]) { offset += 1 }
            return offset
        case .string, .escapedString:
            offset += 1
            while bytes[offset] != UInt8(ascii: "\"") { offset += bytes[offset] == UInt8(ascii: "\\") ? 2 : 1 }
            return offset + 1
        case .array, .object:
            var last: Int?
            var child = index + 1
            while child < next(after: index) {
                last = child
                child = next(after: child)
            }
            offset = last.map(end(at:)) ?? offset + 1
            while SourceText.isSpace(bytes[offset]) { offset += 1 }
            return offset + 1
        }
    }

    private static func continuesNumber(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(byte)
    }

    /// The text of the value at `index` as written (a number's digits).
    func text(at index: Int) -> String { source.text(range(at: index)) }

    /// The string at `index` (a string value or a key), its escapes decoded.
    func string(at index: Int) -> String {
        guard kind(at: index) == .escapedString else {
            let range = range(at: index)
            return source.text(range.lowerBound + 1..<range.upperBound - 1)
        }
        return JSONSource.decodedString(in: source, at: start(at: index))
    }

    func value(at index: Int) -> JSONNode.Value {
        switch kind(at: index) {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .number: return .number(text(at: index))
        case .string, .escapedString: return .string(string(at: index))
        case .array:
            var elements: [JSONNode] = []
            var child = index + 1
            while child < next(after: index) {
                elements.append(JSONNode(tape: self, index: child))
                child = next(after: child)
            }
            return .array(elements)
        case .object:
            var members: [(key: String, value: JSONNode)] = []
            var key = index + 1
            while key < next(after: index) {
                members.append((key: string(at: key), value: JSONNode(tape: self, index: key + 1)))
                key = next(after: key + 1)
            }
            return .object(members)
        }
    }

    /// The index of the value under `key` in the object at `index` (the last one when the key repeats);
    /// nil when it is no object or has no such key. Keys without escapes are compared byte by byte.
    func member(_ key: String, ofObjectAt index: Int) -> Int? {
        guard kind(at: index) == .object else { return nil }
        var found: Int?
        var child = index + 1
        while child < next(after: index) {
            if matches(key.utf8, key: child) { found = child + 1 }
            child = next(after: child + 1)
        }
        return found
    }

    /// Whether the key at `index` is `wanted`, compared in place: its bytes, then its closing quote.
    private func matches(_ wanted: String.UTF8View, key index: Int) -> Bool {
        guard kind(at: index) == .string else { return string(at: index).utf8.elementsEqual(wanted) }
        let first = start(at: index) + 1
        let bytes = source.bytes
        guard first + wanted.count < bytes.count, bytes[first + wanted.count] == UInt8(ascii: "\"") else { return false }
        return bytes[first..<first + wanted.count].elementsEqual(wanted)
    }
}

/// A small JSON parser (RFC 8259) that keeps every value's byte range, on a `JSONTape`.
struct JSONSource {
    private let source: SourceText
    private var offset = 0
    private static let maximumDepth = 512
    private var entries: [JSONTape.Entry] = []

    /// Parses the whole of `source` as one JSON value.
    static func parse(_ source: SourceText) throws(SourceIssue) -> JSONNode {
        guard source.bytes.count < UInt32.max else {
            throw SourceIssue(line: 1, column: 1, "invalid JSON: file of \(source.bytes.count) bytes; expected less than 4 GiB")
        }
        var parser = JSONSource(source: source)
        parser.skipSpace()
        guard parser.offset < source.bytes.count else {
            throw SourceIssue(line: 1, column: 1, "invalid JSON: empty file; expected a value")
        }
        try parser.parseValue(depth: 0)
        parser.skipSpace()
        guard parser.offset == source.bytes.count else {
            throw parser.issue("unexpected text after the JSON value; expected end of file")
        }
        // The entries grew by doubling: a copy of their exact size, made before any reader holds values,
        // leaves up to half of them unused for as long as the document is read.
        let entries = parser.entries.capacity > parser.entries.count + parser.entries.count / 4 ? Array(parser.entries[...]) : parser.entries
        return JSONNode(tape: JSONTape(source: source, entries: entries), index: 0)
    }

    /// The string whose opening quote is at `start` in `source` (already checked by `parse`), its
    /// escapes decoded.
    static func decodedString(in source: SourceText, at start: Int) -> String {
        var parser = JSONSource(source: source)
        parser.offset = start
        return (try? parser.parseString(decoding: true)) ?? ""
    }

    private init(source: SourceText) {
        self.source = source
    }

    private var bytes: [UInt8] { source.bytes }

    private func issue(_ message: String, at position: Int? = nil) -> SourceIssue {
        SourceIssue(source.position(at: position ?? offset), "invalid JSON: \(message)")
    }

    private mutating func skipSpace() {
        while offset < bytes.count, SourceText.isSpace(bytes[offset]) { offset += 1 }
    }

    /// Appends the entry of a value or key that starts at `start` and ends here, whose children (if any)
    /// end at the tape's end.
    private mutating func close(_ index: Int, _ kind: JSONTape.Kind, from start: Int) throws(SourceIssue) {
        guard entries.count < JSONTape.maximumEntries else { throw issue("more than \(JSONTape.maximumEntries) values; expected fewer") }
        entries[index] = JSONTape.Entry(start: UInt32(start), word: kind.rawValue << 28 | UInt32(entries.count))
    }

    /// Reserves the entry of the value about to be read.
    private mutating func open() -> Int {
        entries.append(JSONTape.Entry(start: 0, word: 0))
        return entries.count - 1
    }

    private mutating func parseValue(depth: Int) throws(SourceIssue) {
        guard depth < Self.maximumDepth else { throw issue("nested deeper than \(Self.maximumDepth) levels") }
        guard offset < bytes.count else { throw issue("unexpected end of file; expected a value") }
        let start = offset
        let index = open()
        let kind: JSONTape.Kind
        switch bytes[offset] {
        case UInt8(ascii: "{"): kind = try parseObject(depth: depth)
        case UInt8(ascii: "["): kind = try parseArray(depth: depth)
        case UInt8(ascii: "\""): kind = try parseStringEntry()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): kind = try parseNumber()
        case UInt8(ascii: "a")...UInt8(ascii: "z"): kind = try parseLiteral()
        default:
            if let word = nonFiniteWord(at: offset) {
                throw issue("'\(word)' is not a finite number; expected a finite JSON number")
            }
            throw issue("unexpected character '\(source.text(offset..<offset + scalarLength(at: offset)))'; expected a value")
        }
        try close(index, kind, from: start)
    }

    /// `NaN` or `Infinity` when the bytes at `position` spell one (JavaScript and Python write them; JSON has neither).
    private func nonFiniteWord(at position: Int) -> String? {
        ["NaN", "Infinity"].first { bytes[position...].starts(with: $0.utf8) }
    }

    private func scalarLength(at position: Int) -> Int {
        var end = position + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return end - position
    }

    private mutating func parseLiteral() throws(SourceIssue) -> JSONTape.Kind {
        let start = offset
        while offset < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[offset]) { offset += 1 }
        switch source.text(start..<offset) {
        case "true": return .true
        case "false": return .false
        case "null": return .null
        case "nan", "inf", "infinity": throw issue("'\(source.text(start..<offset))' is not a finite number; expected a finite JSON number", at: start)
        case let word: throw issue("unknown literal '\(word)'; expected true, false or null", at: start)
        }
    }

    private mutating func parseNumber() throws(SourceIssue) -> JSONTape.Kind {
        let start = offset
        func digits() -> Int {
            let first = offset
            while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) { offset += 1 }
            return offset - first
        }
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        if let word = nonFiniteWord(at: offset) {
            throw issue("'-\(word)' is not a finite number; expected a finite JSON number", at: start)
        }
        let integerStart = offset
        let integerDigits = digits()
        guard integerDigits > 0, !(integerDigits > 1 && bytes[integerStart] == UInt8(ascii: "0")) else {
            throw issue("invalid number; expected digits without leading zeros", at: start)
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard digits() > 0 else { throw issue("invalid number; expected digits after '.'") }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard digits() > 0 else { throw issue("invalid number; expected digits in the exponent") }
        }
        return .number
    }

    /// Checks the string at the offset and says whether it has escapes, without decoding it.
    private mutating func parseStringEntry() throws(SourceIssue) -> JSONTape.Kind {
        try parseString(decoding: false) == nil ? .string : .escapedString
    }

    /// Reads the string at the offset. Decoding, it returns its text; otherwise it only checks it and
    /// returns nil when it has no escapes, an empty string when it has some.
    private mutating func parseString(decoding: Bool) throws(SourceIssue) -> String? {
        let open = offset
        offset += 1
        var text = ""
        var escaped = false
        var runStart = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                if decoding { text += source.text(runStart..<offset) }
                offset += 1
                return decoding || escaped ? text : nil
            case UInt8(ascii: "\\"):
                if decoding { text += source.text(runStart..<offset) }
                let scalar = try parseEscape()
                if decoding { text.unicodeScalars.append(scalar) }
                escaped = true
                runStart = offset
            case 0..<0x20:
                if byte == UInt8(ascii: "\n") {
                    throw issue("string is never closed on its line; expected '\"'", at: open)
                }
                throw issue("control character in a string; expected it escaped, as in '\\t'")
            default:
                offset += 1
            }
        }
        throw issue("string is never closed; expected '\"'", at: open)
    }

    private mutating func parseEscape() throws(SourceIssue) -> Unicode.Scalar {
        let start = offset
        offset += 1
        guard offset < bytes.count else { throw issue("string is never closed; expected '\"'", at: start) }
        let letter = bytes[offset]
        offset += 1
        switch letter {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try hexQuad(escapeStart: start)
            guard (0xD800..<0xE000).contains(high) else { return Unicode.Scalar(high)! }
            guard high < 0xDC00, bytes[offset...].starts(with: Array("\\u".utf8)) else { throw unpairedSurrogate(high, at: start) }
            offset += 2
            let low = try hexQuad(escapeStart: start)
            guard (0xDC00..<0xE000).contains(low), let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) else {
                throw unpairedSurrogate(high, at: start)
            }
            return scalar
        default:
            throw issue("invalid escape '\\\(source.text(offset - 1..<offset - 1 + scalarLength(at: offset - 1)))'; expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u", at: start)
        }
    }

    /// A `\\u` escape of half a UTF-16 surrogate pair without its other half, which no Unicode text can hold.
    private func unpairedSurrogate(_ value: UInt32, at start: Int) -> SourceIssue {
        issue("unpaired UTF-16 surrogate '\\u\(String(value, radix: 16))'; expected a high surrogate followed by a low one, as in '\\ud83d\\ude00'", at: start)
    }

    private mutating func hexQuad(escapeStart: Int) throws(SourceIssue) -> UInt32 {
        guard offset + 4 <= bytes.count, let value = UInt32(source.text(offset..<offset + 4), radix: 16) else {
            throw issue("invalid '\\u' escape; expected four hexadecimal digits", at: escapeStart)
        }
        offset += 4
        return value
    }

    private mutating func parseArray(depth: Int) throws(SourceIssue) -> JSONTape.Kind {
        offset += 1
        skipSpace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
            offset += 1
            return .array
        }
        while true {
            skipSpace()
            try parseValue(depth: depth + 1)
            skipSpace()
            guard offset < bytes.count else { throw issue("unexpected end of file; expected ',' or ']' in an array") }
            if bytes[offset] == UInt8(ascii: "]") {
                offset += 1
                return .array
            }
            guard bytes[offset] == UInt8(ascii: ",") else { throw issue("expected ',' or ']' after a value in an array") }
            offset += 1
        }
    }

    private mutating func parseObject(depth: Int) throws(SourceIssue) -> JSONTape.Kind {
        offset += 1
        skipSpace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            return .object
        }
        while true {
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw issue(offset < bytes.count ? "expected '\"' to start a key in an object" : "unexpected end of file; expected a key in an object")
            }
            let keyStart = offset
            let key = open()
            try close(key, try parseStringEntry(), from: keyStart)
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else {
                throw issue("expected ':' after the key '\(JSONSource.decodedString(in: source, at: keyStart))'")
            }
            offset += 1
            skipSpace()
            try parseValue(depth: depth + 1)
            skipSpace()
            guard offset < bytes.count else { throw issue("unexpected end of file; expected ',' or '}' in an object") }
            if bytes[offset] == UInt8(ascii: "}") {
                offset += 1
                return .object
            }
            guard bytes[offset] == UInt8(ascii: ",") else { throw issue("expected ',' or '}' after a value in an object") }
            offset += 1
        }
    }
}
