/// Reads the output of `gh models eval --json`: `name`, `model`, `testResults` (each a `testCase`, the
/// `modelResponse` and the `evaluationResults` of every evaluator) and a `summary` that is not needed.
///
/// One evaluation; case ids are the tests' 0-based indexes; each evaluator's score is a metric under its
/// name; a case passes when every evaluator passed, as `gh models eval` counts it.
enum GitHubModelsResultsReader {
    /// The evaluation in `document`.
    static func read(_ document: JSONDocument) throws(SourceIssue) -> [ImportedEvaluation] {
        let root = document.root
        try document.members(root, "document", expected: "an object with 'testResults'")
        guard let list = root["testResults"] else {
            throw document.issue(root, "no 'testResults'; expected \(ResultFormat.ghModels.expectation)")
        }
        let tests = try document.elements(list, "'testResults'", expected: "an array of test results")
        guard !tests.isEmpty else { throw document.issue(list, "no test results in 'testResults'; expected at least one test") }
        var cases: [EvalCase] = []
        for (index, test) in tests.enumerated() {
            cases.append(try evalCase(test, index: index, in: document))
        }
        return [ImportedEvaluation(
            suite: try document.string(root["name"], "'name'"),
            model: try document.string(root["model"], "'model'"),
            metrics: CaseStatistics.aggregates(of: cases),
            cases: cases)]
    }

    private static func evalCase(_ test: JSONNode, index: Int, in document: JSONDocument) throws(SourceIssue) -> EvalCase {
        let name = "test result \(index)"
        try document.members(test, name, expected: "an object with 'modelResponse' and 'evaluationResults'")
        var metrics = MetricCollector(.strict)
        var passed = true
        let evaluators = try test["evaluationResults"].map { node throws(SourceIssue) in
            try document.elements(node, "'evaluationResults' of \(name)", expected: "an array of evaluator results")
        } ?? []
        for evaluator in evaluators {
            let expected = "an object with 'evaluatorName', 'score' and 'passed'"
            try document.members(evaluator, "an evaluator result of \(name)", expected: expected)
            guard let evaluatorName = try document.string(evaluator["evaluatorName"], "'evaluatorName'") else {
                throw document.issue(evaluator, "evaluator result of \(name) has no 'evaluatorName'; expected \(expected)")
            }
            guard let verdict = try document.bool(evaluator["passed"], "'passed' of evaluator '\(evaluatorName)'") else {
                throw document.issue(evaluator, "evaluator '\(evaluatorName)' of \(name) has no 'passed'; expected true or false")
            }
            passed = passed && verdict
            if let score = evaluator["score"] { try metrics.collect(document.value(score), name: evaluatorName) }
        }
        return EvalCase(
            id: String(index), metrics: metrics.metrics, pass: passed,
            output: try document.string(test["modelResponse"], "'modelResponse' of \(name)"))
    }
}
