/// A JSON Lines file: one JSON value a line, blank lines skipped, each line parsed on its own so a
/// broken line is reported at its own line.
enum JSONLines {
    /// Whether `source` reads as JSON Lines: its first non-blank line is a JSON value by itself and
    /// another non-blank line follows.
    static func startsAsLines(_ source: SourceText) -> Bool {
        let lines = nonBlankLines(source).prefix(2)
        guard lines.count == 2, let first = lines.first else { return false }
        return (try? document(source, line: first)) != nil
    }

    /// Each non-blank line parsed as a JSON document that knows its line number.
    static func documents(_ source: SourceText) throws(SourceIssue) -> [JSONDocument] {
        var documents: [JSONDocument] = []
        try forEachDocument(source) { documents.append($0) }
        return documents
    }

    /// Each non-blank line parsed and handed to `body` in turn, so no more than one line's tree is held.
    static func forEachDocument(_ source: SourceText, _ body: (JSONDocument) throws(SourceIssue) -> Void) throws(SourceIssue) {
        for line in nonBlankLines(source) {
            try body(try document(source, line: line))
        }
    }

    /// A line's JSON value must be an object; `what` names the line's role ("a case object").
    static func object(_ document: JSONDocument, expected what: String) throws(SourceIssue) -> [(key: String, value: JSONNode)] {
        try document.members(document.root, "line \(document.firstLine)", expected: what)
    }

    /// The lines as rows of cases: each must be an object.
    static func rows(_ documents: [JSONDocument]) throws(SourceIssue) -> [CaseRowsReader.Row] {
        var rows: [CaseRowsReader.Row] = []
        rows.reserveCapacity(documents.count)
        for document in documents { rows.append(try row(document)) }
        return rows
    }

    /// A line as a row of cases: it must be an object.
    static func row(_ document: JSONDocument) throws(SourceIssue) -> CaseRowsReader.Row {
        _ = try object(document, expected: "a case object")
        return CaseRowsReader.Row(node: document.value(document.root), line: document.firstLine)
    }

    /// Each line read as a row of cases into `reader` in turn: one line's tree is held at a time, so
    /// memory grows with the cases read, not with the file's values.
    static func readRows(_ source: SourceText, into reader: inout CaseRowsReader) throws(SourceIssue) {
        let lines = nonBlankLines(source)
        reader.expectedRows = lines.count
        for line in lines {
            try reader.add(row(document(source, line: line)))
        }
    }

    /// The first non-blank line parsed, to tell which kind of rows the file holds.
    static func firstDocument(_ source: SourceText) throws(SourceIssue) -> JSONDocument {
        try document(source, line: nonBlankLines(source).first ?? 1)
    }

    private static func nonBlankLines(_ source: SourceText) -> [Int] {
        (1...max(1, source.lineCount)).filter { !source.trimmed(source.lineRange($0)).isEmpty }
    }

    private static func document(_ source: SourceText, line: Int) throws(SourceIssue) -> JSONDocument {
        let text = SourceText(unchecked: Array(source.bytes[source.lineRange(line)]))
        return try JSONDocument.parse(text, firstLine: line)
    }
}
