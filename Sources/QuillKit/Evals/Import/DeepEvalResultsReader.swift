/// Reads a DeepEval test run as `deepeval.evaluate()` and `deepeval test run` save it
/// (`test_run_<date>.json` in `DEEPEVAL_RESULTS_FOLDER`, or `.deepeval/.latest_test_run.json`'s run).
///
/// One evaluation, model = `hyperparameters.model` when given. A case is a test case (`testCases`, then
/// `conversationalTestCases`): id = its `name`, one metric per `metricsData` entry (its `name` →
/// `score`), pass = `success`, output = `actualOutput`. A case where a metric raised (`error`) is an
/// error case: DeepEval counts it failed, Quill counts it in no metric and not in `pass_rate`.
enum DeepEvalResultsReader {
    /// Whether `root` is a DeepEval test run: a `testCases` array.
    static func isTestRun(_ root: JSONNode) -> Bool {
        if case .array? = root["testCases"]?.value { return true }
        return false
    }

    /// The evaluation in `document`.
    static func read(_ document: JSONDocument) throws(SourceIssue) -> [ImportedEvaluation] {
        let root = document.root
        try document.members(root, "document", expected: "a DeepEval test run with 'testCases'")
        var cases: [EvalCase] = []
        for key in ["testCases", "conversationalTestCases"] {
            guard let list = root[key] else { continue }
            for (index, node) in try document.elements(list, "'\(key)'", expected: "an array of test cases").enumerated() {
                cases.append(try testCase(node, name: "\(key)[\(index)]", in: document))
            }
        }
        guard !cases.isEmpty else { throw document.issue(root, "no test cases in 'testCases'; expected at least one evaluated test case") }
        let numbered = CaseStatistics.numberingRepeats(cases)
        var model: String?
        if let hyperparameters = root["hyperparameters"], case .string(let name)? = hyperparameters["model"]?.value { model = name }
        return [ImportedEvaluation(model: model, metrics: CaseStatistics.aggregates(of: numbered), cases: numbered)]
    }

    private static func testCase(_ node: JSONNode, name: String, in document: JSONDocument) throws(SourceIssue) -> EvalCase {
        let expected = "a test case with 'name', 'success' and 'metricsData'"
        try document.members(node, name, expected: expected)
        guard let id = try document.string(node["name"], "'name' of \(name)") else {
            throw document.issue(node, "\(name) has no 'name'; expected \(expected)")
        }
        let output = try document.string(node["actualOutput"], "'actualOutput' of test case '\(id)'")
        var metrics = MetricCollector(.strict)
        var errors: [String] = []
        if let list = node["metricsData"] {
            for metric in try document.elements(list, "'metricsData' of test case '\(id)'", expected: "an array of metric results") {
                let what = "a metric result of test case '\(id)'"
                try document.members(metric, what, expected: "an object with 'name' and 'score'")
                guard let metricName = try document.string(metric["name"], "'name' of \(what)") else {
                    throw document.issue(metric, "\(what) has no 'name'; expected an object with 'name' and 'score'")
                }
                if let error = try document.string(metric["error"], "'error' of metric '\(metricName)'") {
                    errors.append("\(metricName): \(error)")
                } else if let score = metric["score"] {
                    try metrics.collect(document.value(score), name: metricName)
                }
            }
        }
        guard errors.isEmpty else { return EvalCase(id: id, output: output, error: errors.joined(separator: "; ")) }
        return EvalCase(id: id, metrics: metrics.metrics, pass: try document.bool(node["success"], "'success' of test case '\(id)'"), output: output)
    }
}
