import TOMLKit

/// Reads TOML documents with TOMLKit (toml++ behind it, TOML 1.0): every table, array of tables,
/// multi-line string, date and number the format has. Syntax errors keep toml++'s line and column; the
/// values it returns carry no position, so a reader that refuses a value names it by its key path.
///
/// Nesting is bounded: toml++ refuses arrays and inline tables deeper than 256
/// (`TOML_MAX_NESTED_VALUES`), but not dotted keys and table headers, whose tables it builds and later
/// walks recursively; a key with more than ``maximumDepth`` parts is refused here before toml++ sees it.
///
/// TOMLKit 0.6.0 never frees the tree it parses nor the key arrays it lists (its `TOMLTable` has no
/// `deinit`); a file's tree stays allocated until the process ends, which bounds it by the files a
/// command reads.
enum TOMLReader {
    /// The deepest nesting of arrays and inline tables, and the most parts a dotted key may have.
    static let maximumDepth = 256

    /// The document in `source` as one table, keys in TOMLKit's (sorted) order.
    static func read(_ source: SourceText) throws(SourceIssue) -> ValueNode {
        try checkKeyDepth(source)
        let table: TOMLTable
        do {
            table = try TOMLTable(string: source.text(0..<source.bytes.count))
        } catch let error as TOMLParseError {
            let begin = error.source.begin
            throw SourceIssue(line: max(begin.line, 1), column: max(begin.column, 1), "invalid TOML: \(message(error.description))")
        } catch {
            throw SourceIssue(line: 1, column: 1, "invalid TOML: \(error)")
        }
        return ValueNode(kind: node(table).kind, position: SourcePosition(line: 1, column: 1))
    }

    /// toml++'s message in Quill's words: lower case, and its depth bound said as the other readers say theirs.
    private static func message(_ description: String) -> String {
        if description.contains("TOML_MAX_NESTED_VALUES") {
            return "nested deeper than \(maximumDepth) levels; expected at most \(maximumDepth)"
        }
        return description.prefix(1).lowercased() + description.dropFirst()
    }

    /// The value tree of a TOMLKit value, unpositioned.
    private static func node(_ value: TOMLValueConvertible) -> ValueNode {
        let kind: ValueNode.Kind
        switch value.type {
        case .bool: kind = .bool(value.bool ?? false)
        case .int:
            let number = value.int ?? 0
            kind = .number(Double(number), literal: String(number))
        case .double:
            let number = value.double ?? .nan
            kind = .number(number, literal: literal(number))
        case .string: kind = .string(value.string ?? "")
        case .date, .time, .dateTime: kind = .string(value.debugDescription)
        case .array: kind = .list((value.array ?? []).map { node($0) })
        case .table:
            let table = value.table ?? TOMLTable()
            kind = .table(table.map { (key: $0.0, value: node($0.1)) })
        }
        return ValueNode(kind: kind, place: nil)
    }

    /// A double as TOML writes it: `nan`, `inf`, `-inf` or its shortest decimal form.
    private static func literal(_ number: Double) -> String {
        if number.isNaN { return "nan" }
        if number.isInfinite { return number < 0 ? "-inf" : "inf" }
        return String(number)
    }

    /// Refuses a dotted key or table header of more than ``maximumDepth`` parts, at the dot past the bound.
    ///
    /// Outside strings and comments, counts the dots of each run of key characters (bare-key bytes,
    /// blanks, quoted parts and dots); any other byte ends the run. No valid value holds such a run of
    /// 256 dots, so only keys are refused.
    private static func checkKeyDepth(_ source: SourceText) throws(SourceIssue) {
        let bytes = source.bytes
        var scanner = TOMLStringScanner()
        var dots = 0
        for (offset, byte) in bytes.enumerated() {
            switch scanner.advance(byte, next: bytes[(offset + 1)...].prefix(2)) {
            case .inString:
                continue
            case .code:
                if byte == UInt8(ascii: ".") {
                    dots += 1
                    if dots >= maximumDepth {
                        throw SourceIssue(source.position(at: offset), "invalid TOML: key has more than \(maximumDepth) dotted parts; expected at most \(maximumDepth)")
                    }
                } else if !isKeyByte(byte) {
                    dots = 0
                }
            }
        }
    }

    /// Whether `byte` may stand in a dotted key between its dots: a bare-key byte or a blank.
    private static func isKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\""), UInt8(ascii: "'"):
            true
        default:
            false
        }
    }
}
