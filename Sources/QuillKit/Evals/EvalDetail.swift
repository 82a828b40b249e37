/// One record in full, for `quill eval show`: the record, who stored it, and its cases.
public struct EvalDetail: Codable, Sendable, Equatable {
    public let id: String
    public let record: EvalRecord
    public let provenance: EvalProvenance?
    public let cases: [EvalCase]
}

/// The records `quill eval list` found.
public struct EvalList: Codable, Sendable, Equatable {
    public let records: [RecordSummary]
}
