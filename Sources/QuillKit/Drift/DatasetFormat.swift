/// How a file of texts is read, by its name: JSON Lines and CSV hold one document a row (the text
/// in a named field); any other file is one document.
enum DatasetFormat: String, Sendable {
    case jsonLines = "JSON Lines"
    case csv = "CSV"
    case plainText = "plain text"

    /// The field a row's text is read from when `--field` names none.
    static let defaultField = "text"

    /// The format of the file at `path`: `.jsonl` and `.ndjson` are JSON Lines, `.csv` is CSV.
    static func of(path: String) -> DatasetFormat {
        let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") { return .jsonLines }
        if name.hasSuffix(".csv") { return .csv }
        return .plainText
    }
}
