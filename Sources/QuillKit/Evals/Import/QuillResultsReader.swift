/// Reads Quill's own results JSON (docs/schemas/eval-result.schema.json): one evaluation at the top level, or
/// several under `evaluations`.
enum QuillResultsReader {
    /// The schema version this reader understands.
    static let version = 1

    /// The evaluations in `document`.
    static func read(_ document: JSONDocument) throws(SourceIssue) -> [ImportedEvaluation] {
        let root = document.root
        try document.members(root, "document", expected: "an object with \"quill\": \(version)")
        guard let marker = root["quill"] else {
            throw document.issue(root, "no 'quill' key; expected \"quill\": \(version)")
        }
        guard case .number(let text) = marker.value, Int(text) == version else {
            throw document.issue(marker, "unsupported 'quill' version \(document.source.text(marker.range)); expected \(version)")
        }
        guard let list = root["evaluations"] else { return [try evaluation(root, in: document)] }
        let items = try document.elements(list, "'evaluations'", expected: "an array of evaluation objects")
        guard !items.isEmpty else { throw document.issue(list, "'evaluations' is empty; expected at least one evaluation") }
        var evaluations: [ImportedEvaluation] = []
        for (index, item) in items.enumerated() {
            try document.members(item, "evaluation \(index)", expected: "an object")
            evaluations.append(try evaluation(item, in: document))
        }
        return evaluations
    }

    private static func evaluation(_ node: JSONNode, in document: JSONDocument) throws(SourceIssue) -> ImportedEvaluation {
        var cases: [EvalCase] = []
        if let list = node["cases"] {
            for (index, item) in try document.elements(list, "'cases'", expected: "an array of case objects").enumerated() {
                cases.append(try evalCase(item, number: index, in: document))
            }
        }
        if !cases.contains(where: { $0.repeatIndex != nil }) {
            cases = CaseStatistics.numberingRepeats(cases)
        }
        let metrics: [String: Double]
        if let given = node["metrics"] {
            metrics = try MetricCollector.metrics(of: document.metricTable(given, "'metrics'"))
        } else if !cases.isEmpty {
            metrics = CaseStatistics.aggregates(of: cases)
        } else {
            throw document.issue(node, "evaluation has neither 'metrics' nor 'cases'; expected at least one")
        }
        var parameters: [String: JSONValue] = [:]
        if let given = node["parameters"] {
            try document.members(given, "'parameters'", expected: "an object of model parameters")
            parameters = document.jsonValue(given).objectValue ?? [:]
        }
        return ImportedEvaluation(
            promptPath: try document.string(node["prompt"], "'prompt'"),
            suite: try document.string(node["suite"], "'suite'"),
            dataset: try dataset(node["dataset"], in: document),
            model: try document.string(node["model"], "'model'"),
            parameters: parameters, metrics: metrics, cases: cases,
            commit: try document.string(node["commit"], "'commit'"),
            manifest: try document.string(node["manifest"], "'manifest'"))
    }

    /// A dataset named by a string, or an object with `name` and an optional `id`.
    private static func dataset(_ node: JSONNode?, in document: JSONDocument) throws(SourceIssue) -> DatasetReference? {
        guard let node else { return nil }
        if case .string(let name) = node.value { return DatasetReference(name: name) }
        let expected = "a name or an object with 'name' and 'id'"
        try document.members(node, "'dataset'", expected: expected)
        guard let name = try document.string(node["name"], "'dataset.name'") else {
            throw document.issue(node, "'dataset' has no 'name'; expected \(expected)")
        }
        return DatasetReference(name: name, id: try document.string(node["id"], "'dataset.id'"))
    }

    private static func evalCase(_ node: JSONNode, number: Int, in document: JSONDocument) throws(SourceIssue) -> EvalCase {
        let expected = "an object with 'id' and 'metrics' or 'pass'"
        try document.members(node, "case \(number)", expected: expected)
        let id = try document.caseID(of: node, "case \(number)", expected: expected)
        var metrics: [String: Double] = [:]
        if let given = node["metrics"] {
            metrics = try MetricCollector.metrics(of: document.metricTable(given, "'metrics' of case '\(id)'"))
        }
        return EvalCase(
            id: id, metrics: metrics,
            pass: try document.bool(node["pass"], "'pass' of case '\(id)'"),
            output: try document.string(node["output"], "'output' of case '\(id)'"),
            repeatIndex: try document.index(node["repeat"], "'repeat' of case '\(id)'"),
            error: try document.string(node["error"], "'error' of case '\(id)'"))
    }
}
