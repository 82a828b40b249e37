import Foundation

/// One evaluation of one prompt version, stored as a canonical JSON blob whose id is its identity.
///
/// Who recorded it and when are kept beside it (`EvalProvenance`), not in it, so the same result
/// recorded twice is one object.
public struct EvalRecord: Sendable, Hashable, Codable {
    /// The record schema version, written as the key `quill`.
    public static let schemaVersion = 1

    public var quill: Int
    /// The prompt's path in the evaluated commit.
    public var prompt: String
    /// The prompt version evaluated (its blob id).
    public var promptBlob: String
    /// The commit evaluated.
    public var commit: String
    /// The suite (test set) name; `default` when the results name none.
    public var suite: String
    public var dataset: DatasetReference?
    public var model: String?
    /// Model parameters; omitted when empty.
    public var parameters: [String: JSONValue]?
    /// The vector-store manifest the evaluation ran against.
    public var manifest: String?
    /// Aggregate metrics.
    public var metrics: [String: Double]
    /// The per-case results blob, when there are cases.
    public var cases: CasesReference?
    /// How many cases could not be evaluated (provider errors); absent when none. They are in no metric.
    public var errors: Int?
    /// The format the results were imported from (`quill`, `promptfoo`, `jsonl`, `dvc`, `gh-models`).
    public var source: String

    public init(
        prompt: String, promptBlob: String, commit: String, suite: String, dataset: DatasetReference? = nil,
        model: String? = nil, parameters: [String: JSONValue]? = nil, manifest: String? = nil,
        metrics: [String: Double], cases: CasesReference? = nil, errors: Int? = nil, source: String
    ) {
        self.quill = EvalRecord.schemaVersion
        self.prompt = prompt
        self.promptBlob = promptBlob
        self.commit = commit
        self.suite = suite
        self.dataset = dataset
        self.model = model
        self.parameters = parameters?.isEmpty == true ? nil : parameters
        self.manifest = manifest
        self.metrics = metrics
        self.cases = cases
        self.errors = errors == 0 ? nil : errors
        self.source = source
    }

    /// The canonical bytes stored as the record's blob.
    public func canonicalData() throws -> Data {
        try CanonicalJSON.encode(jsonValue)
    }
}

/// Where a record's per-case results are: a JSON Lines blob and its number of lines.
public struct CasesReference: Sendable, Hashable, Codable {
    public var blob: String
    public var count: Int

    public init(blob: String, count: Int) {
        self.blob = blob
        self.count = count
    }
}

/// Who recorded a batch of records, when, and from which files.
public struct EvalProvenance: Sendable, Hashable, Codable {
    /// Strict ISO 8601.
    public var recordedAt: String
    /// `Name <email>`.
    public var recordedBy: String
    /// The result files, as the user named them.
    public var files: [String]

    public init(recordedAt: String, recordedBy: String, files: [String]) {
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
        self.files = files
    }
}
