/// Reads the TOML that metrics files use: `[table]` headers, bare, quoted and dotted keys, numbers
/// (including `inf` and `nan`, which the metric readers refuse), strings, booleans, arrays, inline tables
/// and comments. Arrays of tables, multi-line strings and dates are refused as unsupported.
///
/// Nesting is bounded: arrays and inline tables at most ``maximumDepth`` deep, and a key at most
/// ``maximumDepth`` dotted parts, so a hostile file is refused with its position instead of
/// overflowing the stack (toml++, behind TOMLKit, has the same bound: `TOML_MAX_NESTED_VALUES`).
struct TOMLReader {
    /// The deepest nesting of arrays and inline tables, and the most parts a dotted key may have.
    static let maximumDepth = 256

    /// A table being built, its keys in file order.
    private struct Table {
        var keys: [String] = []
        var entries: [String: Entry] = [:]
        var position: SourcePosition

        /// Puts `value` at the dotted `path` below this table.
        mutating func insert(_ value: ValueNode, at path: ArraySlice<String>, keyPosition: SourcePosition) throws(SourceIssue) {
            guard let key = path.first else { return }
            let rest = path.dropFirst()
            switch (entries[key], rest.isEmpty) {
            case (nil, true):
                keys.append(key)
                entries[key] = .value(value)
            case (nil, false):
                var table = Table(position: keyPosition)
                try table.insert(value, at: rest, keyPosition: keyPosition)
                keys.append(key)
                entries[key] = .table(table)
            case (.table(var table)?, false):
                try table.insert(value, at: rest, keyPosition: keyPosition)
                entries[key] = .table(table)
            default:
                throw SourceIssue(keyPosition, "key '\(key)' is defined twice; expected each key once")
            }
        }

        /// The positioned tree of the table.
        var node: ValueNode {
            let members = keys.map { key in
                switch entries[key]! {
                case .value(let value): (key: key, value: value)
                case .table(let table): (key: key, value: table.node)
                }
            }
            return ValueNode(kind: .table(members), position: position)
        }
    }

    private enum Entry {
        case value(ValueNode)
        case table(Table)
    }

    private let source: SourceText
    private var offset = 0
    /// How many arrays and inline tables enclose the value being read.
    private var depth = 0

    /// The document in `source` as one table.
    static func read(_ source: SourceText) throws(SourceIssue) -> ValueNode {
        var reader = TOMLReader(source: source)
        return try reader.document()
    }

    private init(source: SourceText) {
        self.source = source
    }

    private var bytes: [UInt8] { source.bytes }
    private var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }
    private var position: SourcePosition { source.position(at: offset) }

    private func issue(_ message: String) -> SourceIssue {
        SourceIssue(position, "invalid TOML: \(message)")
    }

    private mutating func document() throws(SourceIssue) -> ValueNode {
        var root = Table(position: SourcePosition(line: 1, column: 1))
        var prefix: [String] = []
        while true {
            skipBlankLines()
            guard let byte = current else { return root.node }
            if byte == UInt8(ascii: "[") {
                offset += 1
                guard current != UInt8(ascii: "[") else { throw issue("arrays of tables ('[[…]]') are not supported; expected '[table]'") }
                skipSpaces()
                prefix = try key()
                try expect("]", "after the table name")
            } else {
                let start = position
                let path = try key()
                let value = try keyValue()
                try root.insert(value, at: ArraySlice(prefix + path), keyPosition: start)
            }
            try endOfLine()
        }
    }

    /// `= value` after a key.
    private mutating func keyValue() throws(SourceIssue) -> ValueNode {
        skipSpaces()
        try expect("=", "after the key")
        skipSpaces()
        return try value()
    }

    /// A dotted key: bare or quoted parts separated by '.'.
    private mutating func key() throws(SourceIssue) -> [String] {
        var parts: [String] = []
        while true {
            switch current {
            case UInt8(ascii: "\"")?, UInt8(ascii: "'")?:
                parts.append(try string())
            default:
                let start = offset
                while let byte = current, Self.isBareKey(byte) { offset += 1 }
                guard offset > start else { throw issue("expected a key") }
                parts.append(source.text(start..<offset))
            }
            guard parts.count <= Self.maximumDepth else { throw issue("key has more than \(Self.maximumDepth) dotted parts; expected at most \(Self.maximumDepth)") }
            skipSpaces()
            guard current == UInt8(ascii: ".") else { return parts }
            offset += 1
            skipSpaces()
        }
    }

    private mutating func value() throws(SourceIssue) -> ValueNode {
        let start = position
        if current == UInt8(ascii: "[") || current == UInt8(ascii: "{") {
            guard depth < Self.maximumDepth else { throw issue("nested deeper than \(Self.maximumDepth) levels; expected at most \(Self.maximumDepth)") }
        }
        depth += 1
        defer { depth -= 1 }
        let kind: ValueNode.Kind
        switch current {
        case UInt8(ascii: "\"")?, UInt8(ascii: "'")?: kind = .string(try string())
        case UInt8(ascii: "[")?: kind = .list(try array())
        case UInt8(ascii: "{")?: kind = try inlineTable(start: start)
        case nil: throw issue("unexpected end of file; expected a value")
        default: kind = try scalar()
        }
        return ValueNode(kind: kind, position: start)
    }

    /// A bare value: a boolean or a number.
    private mutating func scalar() throws(SourceIssue) -> ValueNode.Kind {
        let start = offset
        while let byte = current, !SourceText.isSpace(byte), !",]}#".utf8.contains(byte) { offset += 1 }
        let text = source.text(start..<offset)
        let digits = text.replacingOccurrences(of: "_", with: "")
        let unsigned = digits.hasPrefix("+") || digits.hasPrefix("-") ? String(digits.dropFirst()) : digits
        if text == "true" || text == "false" { return .bool(text == "true") }
        if unsigned == "inf" || unsigned == "nan" {
            return .number(unsigned == "nan" ? .nan : digits.hasPrefix("-") ? -.infinity : .infinity, literal: text)
        }
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where digits.hasPrefix(prefix) {
            if let number = Int(digits.dropFirst(2), radix: radix) { return .number(Double(number), literal: text) }
        }
        if let number = Double(digits), digits.first.map({ $0.isNumber || $0 == "+" || $0 == "-" }) == true {
            return .number(number, literal: text)
        }
        offset = start
        let what = text.contains(":") || text.filter({ $0 == "-" }).count >= 2 ? "dates and times are not supported" : "invalid value '\(text)'"
        throw issue("\(what); expected a number, a string, true, false, an array or an inline table")
    }

    private mutating func array() throws(SourceIssue) -> [ValueNode] {
        offset += 1
        var elements: [ValueNode] = []
        while true {
            skipBlankLines()
            if current == UInt8(ascii: "]") {
                offset += 1
                return elements
            }
            elements.append(try value())
            skipBlankLines()
            if current == UInt8(ascii: ",") {
                offset += 1
            } else if current != UInt8(ascii: "]") {
                throw issue("expected ',' or ']' after a value in an array")
            }
        }
    }

    private mutating func inlineTable(start: SourcePosition) throws(SourceIssue) -> ValueNode.Kind {
        offset += 1
        var table = Table(position: start)
        skipSpaces()
        if current == UInt8(ascii: "}") {
            offset += 1
            return table.node.kind
        }
        while true {
            skipSpaces()
            let keyStart = position
            let path = try key()
            try table.insert(try keyValue(), at: ArraySlice(path), keyPosition: keyStart)
            skipSpaces()
            if current == UInt8(ascii: "}") {
                offset += 1
                return table.node.kind
            }
            try expect(",", "or '}' after a value in an inline table")
        }
    }

    /// A basic ("…", with escapes) or literal ('…') string on one line.
    private mutating func string() throws(SourceIssue) -> String {
        let quote = bytes[offset]
        let open = position
        guard !bytes[offset...].starts(with: [quote, quote, quote]) else {
            throw issue("multi-line strings are not supported; expected a string on one line")
        }
        offset += 1
        var scalars = String.UnicodeScalarView()
        while let byte = current, byte != UInt8(ascii: "\n") {
            offset += 1
            if byte == quote { return String(scalars) }
            if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
                scalars.append(try escape())
            } else {
                let end = offset - 1 + Self.scalarLength(bytes[offset - 1])
                scalars.append(contentsOf: source.text(offset - 1..<end).unicodeScalars)
                offset = end
            }
        }
        throw SourceIssue(open, "invalid TOML: string is never closed; expected '\(Character(Unicode.Scalar(quote)))' on the same line")
    }

    private mutating func escape() throws(SourceIssue) -> Unicode.Scalar {
        guard let letter = current else { throw issue("string is never closed") }
        offset += 1
        let simple: [UInt8: Unicode.Scalar] = [
            UInt8(ascii: "\""): "\"", UInt8(ascii: "\\"): "\\", UInt8(ascii: "b"): "\u{08}", UInt8(ascii: "f"): "\u{0C}",
            UInt8(ascii: "n"): "\n", UInt8(ascii: "r"): "\r", UInt8(ascii: "t"): "\t",
        ]
        if let scalar = simple[letter] { return scalar }
        let width = letter == UInt8(ascii: "u") ? 4 : letter == UInt8(ascii: "U") ? 8 : 0
        guard width > 0, offset + width <= bytes.count,
              let code = UInt32(source.text(offset..<offset + width), radix: 16), let scalar = Unicode.Scalar(code)
        else { throw issue("invalid escape in a string; expected one of \\\" \\\\ \\b \\f \\n \\r \\t \\uXXXX \\UXXXXXXXX") }
        offset += width
        return scalar
    }

    private mutating func expect(_ text: String, _ context: String) throws(SourceIssue) {
        guard current == text.utf8.first else { throw issue("expected '\(text)' \(context)") }
        offset += 1
    }

    /// Spaces, a comment, then a line break or the end of the file.
    private mutating func endOfLine() throws(SourceIssue) {
        skipSpaces()
        if current == UInt8(ascii: "#") { skipComment() }
        if current == UInt8(ascii: "\r") { offset += 1 }
        guard current == nil || current == UInt8(ascii: "\n") else {
            throw issue("unexpected text after a value; expected a new line")
        }
    }

    private mutating func skipSpaces() {
        while current == UInt8(ascii: " ") || current == UInt8(ascii: "\t") { offset += 1 }
    }

    private mutating func skipComment() {
        while let byte = current, byte != UInt8(ascii: "\n") { offset += 1 }
    }

    /// White space, line breaks and comments.
    private mutating func skipBlankLines() {
        while let byte = current {
            if SourceText.isSpace(byte) {
                offset += 1
            } else if byte == UInt8(ascii: "#") {
                skipComment()
            } else {
                return
            }
        }
    }

    private static func isBareKey(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }
}
