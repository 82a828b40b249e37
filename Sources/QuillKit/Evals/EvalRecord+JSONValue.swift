extension EvalRecord {
    /// The record as a JSON value with the keys `Codable` gives it (absent optionals left out), so
    /// canonical encoding needs no `JSONEncoder` round trip.
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = [
            "quill": .number(Double(quill)), "prompt": .string(prompt), "promptBlob": .string(promptBlob),
            "commit": .string(commit), "suite": .string(suite), "metrics": .object(metrics.mapValues(JSONValue.number)),
            "source": .string(source),
        ]
        if let dataset {
            members["dataset"] = .object(["name": .string(dataset.name)].merging(dataset.id.map { ["id": .string($0)] } ?? [:]) { $1 })
        }
        if let model { members["model"] = .string(model) }
        if let parameters { members["parameters"] = .object(parameters) }
        if let manifest { members["manifest"] = .string(manifest) }
        if let cases { members["cases"] = .object(["blob": .string(cases.blob), "count": .number(Double(cases.count))]) }
        if let errors { members["errors"] = .number(Double(errors)) }
        return .object(members)
    }
}
