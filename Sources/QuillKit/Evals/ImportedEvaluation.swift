/// One evaluation read from a results file, before it is tied to a prompt version and a commit.
public struct ImportedEvaluation: Sendable, Hashable {
    /// The prompt file the results name (promptfoo's prompt label or `config.prompts`, Quill's JSON), if any.
    public var promptPath: String?
    /// The suite (test set, eval name), if the file names one.
    public var suite: String?
    /// The dataset's name and, when known, its content id.
    public var dataset: DatasetReference?
    /// The model (provider id), if the file names one.
    public var model: String?
    /// Model parameters (temperature, max tokens…).
    public var parameters: [String: JSONValue]
    /// Aggregate metrics: means over cases where cases exist.
    public var metrics: [String: Double]
    /// Per-case results, in file order; empty when the file has aggregates only.
    public var cases: [EvalCase]
    /// The commit the file says was evaluated (Quill's JSON only).
    public var commit: String?
    /// The vector-store manifest id the file names (Quill's JSON only).
    public var manifest: String?

    public init(
        promptPath: String? = nil, suite: String? = nil, dataset: DatasetReference? = nil, model: String? = nil,
        parameters: [String: JSONValue] = [:], metrics: [String: Double] = [:], cases: [EvalCase] = [],
        commit: String? = nil, manifest: String? = nil
    ) {
        self.promptPath = promptPath
        self.suite = suite
        self.dataset = dataset
        self.model = model
        self.parameters = parameters
        self.metrics = metrics
        self.cases = cases
        self.commit = commit
        self.manifest = manifest
    }
}

/// A dataset by name and, when known, content id (a git blob id or any digest the evaluator gives).
public struct DatasetReference: Sendable, Hashable, Codable {
    public var name: String
    public var id: String?

    public init(name: String, id: String? = nil) {
        self.name = name
        self.id = id
    }
}
