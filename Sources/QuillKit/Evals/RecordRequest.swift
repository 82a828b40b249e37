/// What `quill eval record` was asked to do.
public struct RecordRequest: Sendable, Equatable {
    /// Result files, as the user named them.
    public var files: [String]
    /// The prompt the results are for, when the files do not say (or to override them).
    public var prompt: String?
    /// The evaluated commit (default: the file's, else HEAD).
    public var commit: String?
    public var suite: String?
    public var model: String?
    public var manifest: String?
    public var format: ResultFormat
    /// The field that holds the case id in rows of cases (JSON Lines, CSV), instead of the format's default.
    public var caseID: String?
    /// Record even when HEAD's prompt differs from the work tree.
    public var allowDirty: Bool

    public init(
        files: [String], prompt: String? = nil, commit: String? = nil, suite: String? = nil, model: String? = nil,
        manifest: String? = nil, format: ResultFormat = .auto, caseID: String? = nil, allowDirty: Bool = false
    ) {
        self.files = files
        self.prompt = prompt
        self.commit = commit
        self.suite = suite
        self.model = model
        self.manifest = manifest
        self.format = format
        self.caseID = caseID
        self.allowDirty = allowDirty
    }
}

/// What `quill eval record` stored.
public struct RecordReport: Codable, Sendable, Equatable {
    public let records: [RecordSummary]
    /// The new tip of `refs/quill/evals`, or `nil` when every record was already stored.
    public let storeCommit: String?
}

/// One stored record, as lists show it.
public struct RecordSummary: Codable, Sendable, Equatable {
    /// The record id (its blob id).
    public let id: String
    public let prompt: String
    public let promptBlob: String
    public let commit: String
    public let suite: String
    public let model: String?
    public let metrics: [String: Double]
    /// Number of per-case results.
    public let cases: Int
    /// How many of the cases could not be evaluated (provider errors); absent when none.
    public let errors: Int?
    /// Whether this write added it (false when the same result was already stored).
    public let isNew: Bool?
    public let recordedAt: String?
}

extension RecordSummary {
    init(id: String, record: EvalRecord, isNew: Bool?, recordedAt: String?) {
        self.init(
            id: id, prompt: record.prompt, promptBlob: record.promptBlob, commit: record.commit, suite: record.suite,
            model: record.model, metrics: record.metrics, cases: record.cases?.count ?? 0, errors: record.errors, isNew: isNew, recordedAt: recordedAt)
    }

    /// The summary of a record of the prompt version `promptBlob` from its score line.
    init(id: String, line: ScoreLine, promptBlob: String, recordedAt: String?) {
        self.init(
            id: id, prompt: line.prompt, promptBlob: promptBlob, commit: line.commit, suite: line.suite,
            model: line.model, metrics: line.metrics, cases: line.cases ?? 0, errors: line.errors, isNew: nil, recordedAt: recordedAt)
    }
}
