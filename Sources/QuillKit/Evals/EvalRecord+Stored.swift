import Foundation

extension EvalRecord {
    /// Reads a stored record blob with Quill's own JSON reader rather than `JSONDecoder`, which was
    /// most of the cost of scores in `quill log` (one record per version). Same rules as `Codable`:
    /// the required keys must be there with the right types, optional ones may be absent or null,
    /// unknown keys are ignored.
    init(stored data: Data) throws {
        let document = try JSONDocument.parse(SourceText(unchecked: Array(data)))
        guard case .object(let members) = document.jsonValue(document.root) else { throw StoredRecordError("not an object") }
        func required<Value>(_ key: String, _ read: (JSONValue) -> Value?) throws -> Value {
            guard let value = members[key].flatMap(read) else { throw StoredRecordError("'\(key)' is missing or of the wrong type") }
            return value
        }
        func optional<Value>(_ key: String, _ read: (JSONValue) -> Value?) throws -> Value? {
            guard let value = members[key], value != .null else { return nil }
            guard let read = read(value) else { throw StoredRecordError("'\(key)' is of the wrong type") }
            return read
        }
        let whole: (JSONValue) -> Int? = { $0.numberValue.flatMap { $0 == $0.rounded() && abs($0) < 9e15 ? Int($0) : nil } }
        let numbers: (JSONValue) -> [String: Double]? = { value in
            value.objectValue.flatMap { table in
                let pairs = table.compactMapValues(\.numberValue)
                return pairs.count == table.count ? pairs : nil
            }
        }
        self.init(
            prompt: try required("prompt", \.stringValue), promptBlob: try required("promptBlob", \.stringValue),
            commit: try required("commit", \.stringValue), suite: try required("suite", \.stringValue),
            dataset: try optional("dataset") { value in
                value["name"]?.stringValue.map { DatasetReference(name: $0, id: value["id"]?.stringValue) }
            },
            model: try optional("model", \.stringValue), parameters: try optional("parameters", \.objectValue),
            manifest: try optional("manifest", \.stringValue), metrics: try required("metrics", numbers),
            cases: try optional("cases") { value in
                guard let blob = value["blob"]?.stringValue, let count = value["count"].flatMap(whole) else { return nil }
                return CasesReference(blob: blob, count: count)
            },
            errors: try optional("errors", whole), source: try required("source", \.stringValue))
        quill = try required("quill", whole)
    }
}

/// A stored record blob that is not a record.
struct StoredRecordError: Error, CustomStringConvertible {
    let description: String
    init(_ problem: String) { description = "stored evaluation record: \(problem)" }
}
