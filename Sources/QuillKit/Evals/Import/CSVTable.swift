import SwiftCSV

/// A CSV file (RFC 4180, read with SwiftCSV; quoting checked and cells placed by ``CSVQuoting``) as
/// rows of cases: the header names the fields, and a cell is a number when it reads as one, true or
/// false when it says so, null when empty, else text.
enum CSVTable {
    /// The rows of `source`, each a table of the header's fields, with the line it starts on.
    static func rows(_ source: SourceText) throws(SourceIssue) -> [CaseRowsReader.Row] {
        if let error = CSVQuoting.firstError(in: source.bytes) {
            throw SourceIssue(source.position(at: error.offset), error.message)
        }
        let text = source.text(0..<source.bytes.count)
        let recordStarts = CSVQuoting.recordStarts(in: source.bytes)
        var records: [(fields: [String], start: Int?)] = []
        do {
            let csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false, rowLimit: 0)
            try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { fields in
                records.append((fields, records.count < recordStarts.count ? recordStarts[records.count] : nil))
            }
        } catch {
            let start = records.count < recordStarts.count ? recordStarts[records.count] : source.bytes.count
            throw SourceIssue(source.position(at: start), "malformed CSV record (\(error)); expected comma-separated fields, quoted with '\"' where they hold commas, quotes or newlines")
        }
        guard let header = records.first?.fields, header.contains(where: { !$0.isEmpty }) else {
            throw SourceIssue(line: 1, column: 1, "no header row; expected the field names on the first line")
        }
        var rows: [CaseRowsReader.Row] = []
        for record in records.dropFirst() where record.fields != [""] {
            let starts = record.start.map { CSVQuoting.fieldStarts(ofRecordAt: $0, in: source.bytes) } ?? []
            let line = record.start.map { source.position(at: $0).line } ?? source.lineStarts.count
            let position = { (field: Int) in
                field < starts.count ? source.position(at: starts[field]) : SourcePosition(line: line, column: 1)
            }
            guard record.fields.count <= header.count else {
                throw SourceIssue(position(header.count), "record has \(record.fields.count) fields; expected at most \(header.count), as the header names")
            }
            let members = zip(header, record.fields).enumerated().map { field, pair in
                (key: pair.0, value: ValueNode(kind: cell(pair.1), position: position(field)))
            }
            rows.append(CaseRowsReader.Row(node: ValueNode(kind: .table(members), position: position(0)), line: line))
        }
        return rows
    }

    /// What a cell holds: JSON's number syntax is a number (never `nan` or `inf`, which are text here).
    private static func cell(_ text: String) -> ValueNode.Kind {
        switch text {
        case "": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default:
            let isNumeric = text.first.map { $0.isNumber || $0 == "-" || $0 == "." } == true
                && text.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
            guard isNumeric, let value = Double(text) else { return .string(text) }
            return .number(value, literal: text)
        }
    }
}
