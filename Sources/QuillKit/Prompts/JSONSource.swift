/// A JSON value with the bytes it spans, so readers can report lines and columns.
struct JSONNode {
    /// The value, its children positioned too; held inline (not boxed), so a node is one array slot.
    enum Value {
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array([JSONNode])
        case object([(key: String, value: JSONNode)])
    }

    /// The value.
    var value: Value
    /// The byte offsets of the value's first character and of just after its last, as 32 bits each
    /// (`JSONSource` reads no more than 4 GiB) to keep a node small.
    private var start: UInt32
    private var end: UInt32

    init(value: Value, range: Range<Int>) {
        self.value = value
        start = UInt32(range.lowerBound)
        end = UInt32(range.upperBound)
    }

    /// The bytes from the value's first character to just after its last.
    var range: Range<Int> { Int(start)..<Int(end) }

    /// The value under `key` when this is an object; the last one when the key repeats, as JSON parsers do.
    subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        return members.last { $0.key == key }?.value
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
        switch value {
        case .array: "an array"
        case .object: "an object"
        default: yamlValue.kindDescription
        }
    }
}

/// A small JSON parser (RFC 8259) that keeps every value's byte range.
struct JSONSource {
    private let source: SourceText
    private var offset = 0
    private static let maximumDepth = 512
    /// The elements and members of the arrays and objects being read, innermost last: each is copied
    /// into an array of its exact size when it closes, so no node keeps the spare room of a growing array.
    private var pendingElements: [JSONNode] = []
    private var pendingMembers: [(key: String, value: JSONNode)] = []

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
        let node = try parser.parseValue(depth: 0)
        parser.skipSpace()
        guard parser.offset == source.bytes.count else {
            throw parser.issue("unexpected text after the JSON value; expected end of file")
        }
        return node
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

    private mutating func parseValue(depth: Int) throws(SourceIssue) -> JSONNode {
        guard depth < Self.maximumDepth else { throw issue("nested deeper than \(Self.maximumDepth) levels") }
        guard offset < bytes.count else { throw issue("unexpected end of file; expected a value") }
        let start = offset
        let value: JSONNode.Value
        switch bytes[offset] {
        case UInt8(ascii: "{"): value = try parseObject(depth: depth)
        case UInt8(ascii: "["): value = try parseArray(depth: depth)
        case UInt8(ascii: "\""): value = .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try parseNumber())
        case UInt8(ascii: "a")...UInt8(ascii: "z"): value = try parseLiteral()
        default:
            if let word = nonFiniteWord(at: offset) {
                throw issue("'\(word)' is not a finite number; expected a finite JSON number")
            }
            throw issue("unexpected character '\(source.text(offset..<offset + scalarLength(at: offset)))'; expected a value")
        }
        return JSONNode(value: value, range: start..<offset)
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

    private mutating func parseLiteral() throws(SourceIssue) -> JSONNode.Value {
        let start = offset
        while offset < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[offset]) { offset += 1 }
        switch source.text(start..<offset) {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        case "nan", "inf", "infinity": throw issue("'\(source.text(start..<offset))' is not a finite number; expected a finite JSON number", at: start)
        case let word: throw issue("unknown literal '\(word)'; expected true, false or null", at: start)
        }
    }

    private mutating func parseNumber() throws(SourceIssue) -> String {
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
        return source.text(start..<offset)
    }

    private mutating func parseString() throws(SourceIssue) -> String {
        let open = offset
        offset += 1
        var text = ""
        var runStart = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                text += source.text(runStart..<offset)
                offset += 1
                return text
            case UInt8(ascii: "\\"):
                text += source.text(runStart..<offset)
                text.unicodeScalars.append(try parseEscape())
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

    private mutating func parseArray(depth: Int) throws(SourceIssue) -> JSONNode.Value {
        offset += 1
        skipSpace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") {
            offset += 1
            return .array([])
        }
        let first = pendingElements.count
        while true {
            skipSpace()
            let element = try parseValue(depth: depth + 1)
            pendingElements.append(element)
            skipSpace()
            guard offset < bytes.count else { throw issue("unexpected end of file; expected ',' or ']' in an array") }
            if bytes[offset] == UInt8(ascii: "]") {
                offset += 1
                defer { pendingElements.removeSubrange(first...) }
                return .array(Array(pendingElements[first...]))
            }
            guard bytes[offset] == UInt8(ascii: ",") else { throw issue("expected ',' or ']' after a value in an array") }
            offset += 1
        }
    }

    private mutating func parseObject(depth: Int) throws(SourceIssue) -> JSONNode.Value {
        offset += 1
        skipSpace()
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") {
            offset += 1
            return .object([])
        }
        let first = pendingMembers.count
        while true {
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw issue(offset < bytes.count ? "expected '\"' to start a key in an object" : "unexpected end of file; expected a key in an object")
            }
            let key = try parseString()
            skipSpace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw issue("expected ':' after the key '\(key)'") }
            offset += 1
            skipSpace()
            let value = try parseValue(depth: depth + 1)
            pendingMembers.append((key: key, value: value))
            skipSpace()
            guard offset < bytes.count else { throw issue("unexpected end of file; expected ',' or '}' in an object") }
            if bytes[offset] == UInt8(ascii: "}") {
                offset += 1
                defer { pendingMembers.removeSubrange(first...) }
                return .object(Array(pendingMembers[first...]))
            }
            guard bytes[offset] == UInt8(ascii: ",") else { throw issue("expected ',' or '}' after a value in an object") }
            offset += 1
        }
    }
}
