import Foundation
import SwiftCSV

/// Reads the documents of a file of texts, each handed to a closure as it is read: a plain text
/// file whole, a JSON Lines file one object a line, a CSV file (RFC 4180, with a header row) one
/// row at a time through SwiftCSV. The bytes must be UTF-8; anything unexpected is an error naming
/// the file, the line and what was expected.
struct DatasetReader: Sendable {
    /// The file as the user named it, for errors.
    let path: String
    let format: DatasetFormat
    /// The field of a JSON Lines object or the CSV column the text is in.
    let field: String

    /// Reads `data`, calling `document` with each text. Complexity: O(n) in the bytes.
    func read(_ data: Data, document: (String) -> Void) throws(InputFileError) {
        let source: SourceText
        do {
            source = try SourceText(checking: data)
        } catch {
            throw InputFileError(file: path, issue: error)
        }
        switch format {
        case .plainText: document(source.text(0..<source.bytes.count))
        case .jsonLines: try readJSONLines(source, document: document)
        case .csv: try readCSV(source, document: document)
        }
    }

    private func readJSONLines(_ source: SourceText, document: (String) -> Void) throws(InputFileError) {
        do {
            try JSONLines.forEachDocument(source) { (line: JSONDocument) throws(SourceIssue) in
                let members = try JSONLines.object(line, expected: "an object with a string '\(field)'")
                guard let value = members.first(where: { $0.key == field })?.value else {
                    throw line.issue(line.root, "line \(line.firstLine) has no field '\(field)'; expected an object with a string '\(field)' (name the text's field with --field)")
                }
                guard case .string(let text) = value.value else {
                    throw line.issue(value, "'\(field)' is \(value.kindDescription); expected a string")
                }
                document(text)
            }
        } catch {
            throw InputFileError(file: path, issue: error)
        }
    }

    private func readCSV(_ source: SourceText, document: (String) -> Void) throws(InputFileError) {
        if let error = CSVQuoting.firstError(in: source.bytes) {
            throw InputFileError(file: path, issue: SourceIssue(source.position(at: error.offset), error.message))
        }
        let whole = source.text(0..<source.bytes.count)
        // SwiftCSV drops a last field left empty when the file does not end with a line break.
        let text = whole.hasSuffix("\n") || whole.hasSuffix("\r") || whole.isEmpty ? whole : whole + "\n"
        let csv: EnumeratedCSV
        do {
            csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false, rowLimit: 0)
        } catch {
            throw InputFileError(file: path, line: 1, message: "the header row is not valid CSV; expected comma-separated names, quoted with '\"' where needed")
        }
        guard let column = csv.header.firstIndex(of: field) else {
            throw InputFileError(
                file: path, line: 1, message: "the header has no column '\(field)'; expected one of \(csv.header.map { "'\($0)'" }.joined(separator: ", ")) (name the text's column with --field)")
        }
        var line = 1 + csv.header.reduce(1) { $0 + Self.lineBreaks($1) }
        var rowLine = line
        var failure: InputFileError?
        var texts = [String]()
        do {
            try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { fields in
                rowLine = line
                line += fields.reduce(1) { $0 + Self.lineBreaks($1) }
                guard failure == nil, fields != [""] else { return }
                guard fields.count == csv.header.count else {
                    failure = InputFileError(
                        file: path, line: rowLine, message: "the row has \(fields.count) fields; expected \(csv.header.count), as the header has")
                    return
                }
                texts.append(fields[column])
            }
        } catch {
            throw InputFileError(file: path, line: line, message: "malformed CSV record (\(error)); expected comma-separated fields, quoted with '\"' where they hold commas, quotes or newlines")
        }
        if let failure { throw failure }
        texts.forEach(document)
    }

    /// The line breaks in `text`: LF, CR LF, and lone CR each count once.
    private static func lineBreaks(_ text: String) -> Int {
        var count = 0
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x0A, previous != 0x0D { count += 1 }
            if byte == 0x0D { count += 1 }
            previous = byte
        }
        return count
    }
}
