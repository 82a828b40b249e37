/// Reads JSON Lines of cases: each line an object with an id (`id`, `case`, `case_id` or `name`, else
/// the line number), numbers as metrics (nested objects give dotted names), a verdict (`pass`, `passed`
/// or `success`), an `output`, and optionally `prompt`, `suite` and `model`. Other values (input text,
/// lists) are skipped. Lines that name different prompts, suites or models make separate evaluations.
enum CaseLinesReader {
    private static let idKeys = ["id", "case", "case_id", "name"]
    private static let verdictKeys = ["pass", "passed", "success"]
    private static let labelKeys = ["prompt", "suite", "model"]

    /// The evaluations in `documents`, one a line.
    static func read(_ documents: [JSONDocument]) throws(SourceIssue) -> [ImportedEvaluation] {
        var groups: [[String?]] = []
        var cases: [[EvalCase]] = []
        for document in documents {
            let (labels, item) = try evalCase(document)
            if let index = groups.firstIndex(of: labels) {
                cases[index].append(item)
            } else {
                groups.append(labels)
                cases.append([item])
            }
        }
        if cases.joined().allSatisfy({ $0.metrics.isEmpty && $0.pass == nil }) {
            throw documents[0].issue(documents[0].root, "no line has a number or a verdict; expected metrics or 'pass' in each case object")
        }
        return zip(groups, cases).map { labels, group in
            let numbered = CaseStatistics.numberingRepeats(group)
            return ImportedEvaluation(
                promptPath: labels[0], suite: labels[1], model: labels[2],
                metrics: CaseStatistics.aggregates(of: numbered), cases: numbered)
        }
    }

    private static func evalCase(_ document: JSONDocument) throws(SourceIssue) -> (labels: [String?], item: EvalCase) {
        let line = document.firstLine
        let members = try JSONLines.object(document, expected: "a case object")
        let root = document.root
        var id = String(line)
        if let key = idKeys.first(where: { root[$0] != nil }), let node = root[key] {
            switch node.value {
            case .string(let text): id = text
            case .number(let text) where Int(text) != nil: id = text
            default: throw document.issue(node, "'\(key)' on line \(line) is \(node.kindDescription); expected a string or a whole number")
            }
        }
        let verdictKey = verdictKeys.first { root[$0] != nil }
        let pass = try document.bool(verdictKey.flatMap { root[$0] }, "'\(verdictKey ?? "pass")' on line \(line)")
        var labels: [String?] = []
        for key in labelKeys {
            labels.append(try document.string(root[key], "'\(key)' on line \(line)"))
        }
        let reserved = Set(idKeys + verdictKeys + labelKeys + ["output"])
        var metrics = MetricCollector(.lenient)
        for member in members where !reserved.contains(member.key) {
            try metrics.collect(document.value(member.value), name: member.key)
        }
        return (labels, EvalCase(id: id, metrics: metrics.metrics, pass: pass, output: document.output(root["output"])))
    }
}
