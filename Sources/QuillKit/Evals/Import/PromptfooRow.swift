/// One row of promptfoo's `results.results` (an `EvaluateResult`) or of its JSON Lines output (an `EvalResult`):
/// one test run against one prompt and one provider.
struct PromptfooRow {
    /// The prompt's label (promptfoo labels file prompts `path: text`), or its text when it has none.
    var promptLabel: String?
    /// The provider id (`openai:gpt-4o-mini`).
    var providerID: String?
    /// The provider's label, when the configuration gives one.
    var providerLabel: String?
    /// promptfoo's column index: one per prompt and provider.
    var promptIndex: Int?
    /// promptfoo's row index: one per test, and again per repeat of it.
    var testIndex: Int?
    /// What makes two rows runs of the same test: its description and variables, as canonical JSON.
    var testIdentity: String
    /// The row's verdict, metrics and output, its id still to be given.
    var result: EvalCase
    /// The row's place in the file.
    var order: Int

    /// The rows' grouping key: one evaluation per prompt and provider.
    var evaluationKey: String {
        [promptIndex.map(String.init) ?? "", promptLabel ?? "", providerID ?? "", providerLabel ?? ""].joined(separator: "\u{0}")
    }

    /// Reads the row `node`, which the file calls `name` ("result 3", "line 4").
    init(_ node: JSONNode, name: String, order: Int, in document: JSONDocument) throws(SourceIssue) {
        try document.members(node, name, expected: "a result object with 'prompt', 'provider' and 'success'")
        self.order = order
        let prompt = node["prompt"]
        if case .string(let text)? = prompt?.value {
            promptLabel = text
        } else if let prompt {
            try document.members(prompt, "'prompt' of \(name)", expected: "an object with 'label' and 'raw'")
            let raw = try document.string(prompt["raw"], "'prompt.raw' of \(name)")
            promptLabel = try document.string(prompt["label"], "'prompt.label' of \(name)") ?? raw
        }
        let provider = node["provider"]
        if case .string(let text)? = provider?.value {
            providerID = text
        } else if let provider {
            try document.members(provider, "'provider' of \(name)", expected: "an object with 'id'")
            providerID = try document.string(provider["id"], "'provider.id' of \(name)")
            providerLabel = try document.string(provider["label"], "'provider.label' of \(name)")
        }
        promptIndex = try document.index(node["promptIdx"], "'promptIdx' of \(name)")
        testIndex = try document.index(node["testIdx"], "'testIdx' of \(name)")
        let testCase = node["testCase"]
        let identity: JSONValue = .object([
            "description": (node["description"] ?? testCase?["description"]).map(document.jsonValue) ?? .null,
            "vars": (testCase?["vars"] ?? node["vars"]).map(document.jsonValue) ?? .null,
        ])
        testIdentity = JSONDocument.canonicalText(identity)
        let output = document.output(node["response"]?["output"])
        let pass = try document.bool(node["success"], "'success' of \(name)")
        if try document.index(node["failureReason"], "'failureReason' of \(name)") == Self.errorFailureReason {
            let message = try document.string(node["error"], "'error' of \(name)")
            result = EvalCase(id: "", output: output, error: message ?? "error")
            return
        }
        var metrics = MetricCollector(.strict)
        if let score = node["score"] { try metrics.collect(document.value(score), name: "score") }
        if let named = node["namedScores"] {
            try metrics.collect(document.metricTable(named, "'namedScores' of \(name)"), name: nil)
        }
        result = EvalCase(id: "", metrics: metrics.metrics, pass: pass, output: output)
    }

    /// promptfoo's `ResultFailureReason.ERROR`: the provider or the test could not run (HTTP 429, a
    /// timeout), so the row is no verdict on the prompt; 1 is a failed assertion, 0 none.
    static let errorFailureReason = 2

    /// Whether `node` looks like a promptfoo result row rather than a case line of another tool.
    static func isRow(_ node: JSONNode) -> Bool {
        node["testIdx"] != nil && node["promptIdx"] != nil && node["success"] != nil
    }
}
