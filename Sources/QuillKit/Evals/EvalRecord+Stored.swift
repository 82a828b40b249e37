import Foundation

extension EvalRecord {
    /// Reads a stored record blob with Quill's own JSON reader rather than `JSONDecoder`, which was
    /// most of the cost of scores in `quill log` (one record per version), with `Codable`'s rules
    /// (`StoredObject`).
    init(stored data: Data) throws {
        let object = try StoredObject(Array(data))
        self.init(
            prompt: try object.required("prompt", \.stringValue), promptBlob: try object.required("promptBlob", \.stringValue),
            commit: try object.required("commit", \.stringValue), suite: try object.required("suite", \.stringValue),
            dataset: try object.optional("dataset") { value in
                value["name"]?.stringValue.map { DatasetReference(name: $0, id: value["id"]?.stringValue) }
            },
            model: try object.optional("model", \.stringValue), parameters: try object.optional("parameters", \.objectValue),
            manifest: try object.optional("manifest", \.stringValue), metrics: try object.required("metrics", StoredObject.numbers),
            cases: try object.optional("cases") { value in
                guard let blob = value["blob"]?.stringValue, let count = value["count"].flatMap(StoredObject.whole) else { return nil }
                return CasesReference(blob: blob, count: count)
            },
            errors: try object.optional("errors", StoredObject.whole), source: try object.required("source", \.stringValue))
        quill = try object.required("quill", StoredObject.whole)
    }
}

/// A stored record blob that is not a record.
struct StoredRecordError: Error, CustomStringConvertible {
    let description: String
    init(_ problem: String) { description = "stored evaluation record: \(problem)" }
}
