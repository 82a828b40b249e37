import TOMLKit

/// Reads TOML documents with TOMLKit (toml++ behind it, TOML 1.0): every table, array of tables,
/// multi-line string, date and number the format has. Syntax errors keep toml++'s line and column; the
/// values it returns carry no position, so each keyed value is placed where ``TOMLValuePositions``
/// finds it in the text (values inside inline arrays and tables at their key's value).
///
/// Nesting is bounded: toml++ refuses arrays and inline tables deeper than 256
/// (`TOML_MAX_NESTED_VALUES`), but not dotted keys and table headers, whose tables it builds and later
/// walks recursively; ``TOMLPreflight`` refuses those, and the table headers toml++ would assert on,
/// before toml++ sees the document.
///
/// TOMLKit 0.6.0 frees nothing by itself (its `TOMLTable` has no `deinit`): once a document is
/// copied into a ``ValueNode``, its tree is emptied with `clear()`, which frees every value under the
/// root. What TOMLKit still never frees is small and bounded by the files a command reads: the root
/// table, the error slot of each parse, and the key lists it hands out (a pointer and a copy of each key
/// of each table read).
enum TOMLReader {
    /// The deepest nesting of arrays and inline tables, and the most parts a dotted key may have.
    static let maximumDepth = 256

    /// The document in `source` as one table, keys in TOMLKit's (sorted) order.
    static func read(_ source: SourceText) throws(SourceIssue) -> ValueNode {
        copy(freeing: try parse(source), positions: TOMLValuePositions(source))
    }

    /// The TOMLKit tree of the document in `source`, which nothing frees but ``copy(freeing:)``.
    static func parse(_ source: SourceText) throws(SourceIssue) -> TOMLTable {
        try TOMLPreflight(maximumDepth: maximumDepth).check(source)
        do {
            return try TOMLTable(string: source.text(0..<source.bytes.count))
        } catch let error as TOMLParseError {
            let begin = error.source.begin
            throw SourceIssue(line: max(begin.line, 1), column: max(begin.column, 1), "invalid TOML: \(message(error.description))")
        } catch {
            throw SourceIssue(line: 1, column: 1, "invalid TOML: \(error)")
        }
    }

    /// `table` as a value tree placed by `positions`, after which `table` is emptied: its values are freed.
    static func copy(freeing table: TOMLTable, positions: TOMLValuePositions) -> ValueNode {
        defer { table.clear() }
        return node(table, path: TOMLValuePositions.root, positions: positions, inherited: .position(SourcePosition(line: 1, column: 1)))
    }

    /// toml++'s message in Quill's words: lower case, and its depth bound said as the other readers say theirs.
    private static func message(_ description: String) -> String {
        if description.contains("TOML_MAX_NESTED_VALUES") {
            return "nested deeper than \(maximumDepth) levels; expected at most \(maximumDepth)"
        }
        return description.prefix(1).lowercased() + description.dropFirst()
    }

    /// The value tree of the TOMLKit value at `path`, placed where `positions` finds it, else at
    /// `inherited` (its parent's place).
    private static func node(_ value: TOMLValueConvertible, path: String, positions: TOMLValuePositions, inherited: ValueNode.Place) -> ValueNode {
        let place = positions.place(path) ?? inherited
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
        case .array:
            let entries = (value.array ?? []).enumerated()
            kind = .list(entries.map { node($0.element, path: TOMLValuePositions.path(path, index: $0.offset), positions: positions, inherited: place) })
        case .table:
            let table = value.table ?? TOMLTable()
            kind = .table(table.map { (key: $0.0, value: node($0.1, path: TOMLValuePositions.path(path, appending: $0.0), positions: positions, inherited: place)) })
        }
        return ValueNode(kind: kind, place: place)
    }

    /// A double as TOML writes it: `nan`, `inf`, `-inf` or its shortest decimal form.
    private static func literal(_ number: Double) -> String {
        if number.isNaN { return "nan" }
        if number.isInfinite { return number < 0 ? "-inf" : "inf" }
        return String(number)
    }
}
