/// Reads promptfoo's results: `promptfoo eval -o results.json` (an output file holding an
/// `EvaluateSummaryV2` or `V3`, or a bare summary) and `-o results.jsonl` (one result row a line).
///
/// One evaluation per prompt and provider. A case's id is its test's index among the file's distinct
/// tests (a test being its description and variables), so it equals promptfoo's `testIdx` when nothing
/// repeats, and repeats of one test (`--repeat`, which promptfoo gives new `testIdx` values) share an id
/// and are numbered 0, 1, 2… in `testIdx` order. Aggregates are means over the rows, never promptfoo's sums.
enum PromptfooResultsReader {
    /// Whether `root` is promptfoo output: it has an `evalId`, a `results` object with a `results`
    /// array, or a `version` beside a `results` array.
    static func isResultsFile(_ root: JSONNode) -> Bool {
        guard case .object = root.value, let results = root["results"] else { return root["evalId"] != nil }
        if case .array = results["results"]?.value { return true }
        if case .array = results.value { return root["version"] != nil }
        return root["evalId"] != nil
    }

    /// The evaluations in a promptfoo JSON output file.
    static func read(_ document: JSONDocument) throws(SourceIssue) -> [ImportedEvaluation] {
        let root = document.root
        try document.members(root, "document", expected: "an object with 'results'")
        guard let results = root["results"] else {
            throw document.issue(root, "no 'results'; expected promptfoo output with a 'results' object")
        }
        let isBareSummary = if case .array = results.value { true } else { false }
        let summary = isBareSummary ? root : results
        let name = isBareSummary ? "'results'" : "'results.results'"
        try document.members(summary, "'results'", expected: "an object with a 'results' array")
        guard let list = summary["results"] else {
            throw document.issue(summary, "no \(name); expected an array of result rows")
        }
        let nodes = try document.elements(list, name, expected: "an array of result rows")
        var rows: [PromptfooRow] = []
        rows.reserveCapacity(nodes.count)
        for (index, node) in nodes.enumerated() {
            rows.append(try PromptfooRow(node, name: "result \(index)", order: index, in: document))
        }
        guard !rows.isEmpty else { throw document.issue(list, "no result rows in \(name); expected at least one evaluated test") }
        return evaluations(of: rows, config: root["config"].map { PromptfooConfig($0, in: document) } ?? PromptfooConfig())
    }

    /// The evaluations in promptfoo's JSON Lines output, one document a line.
    static func read(lines documents: [JSONDocument]) throws(SourceIssue) -> [ImportedEvaluation] {
        var rows: [PromptfooRow] = []
        for (index, document) in documents.enumerated() {
            rows.append(try PromptfooRow(document.root, name: "line \(document.firstLine)", order: index, in: document))
        }
        return evaluations(of: rows, config: PromptfooConfig())
    }

    private static func evaluations(of rows: [PromptfooRow], config: PromptfooConfig) -> [ImportedEvaluation] {
        // Sorted as indices, not copies: a file's rows are many.
        let ordered = rows.indices.sorted { (rows[$0].testIndex ?? .max, rows[$0].order) < (rows[$1].testIndex ?? .max, rows[$1].order) }
        var ordinals: [String: Int] = [:]
        var cases: [String: [EvalCase]] = [:]
        var firstRows: [PromptfooRow] = []
        for row in ordered.lazy.map({ rows[$0] }) {
            let ordinal = ordinals[row.testIdentity] ?? ordinals.count
            ordinals[row.testIdentity] = ordinal
            var result = row.result
            result.id = String(ordinal)
            if cases[row.evaluationKey] == nil {
                // The first evaluation gets room for every row at once (most files hold one).
                var group: [EvalCase] = []
                if firstRows.isEmpty { group.reserveCapacity(rows.count) }
                cases[row.evaluationKey] = group
                firstRows.append(row)
            }
            cases[row.evaluationKey]!.append(result)
        }
        firstRows.sort { ($0.promptIndex ?? .max, $0.order) < ($1.promptIndex ?? .max, $1.order) }
        var labels: [String?] = []
        for row in firstRows where !labels.contains(row.promptLabel) { labels.append(row.promptLabel) }
        return firstRows.map { row in
            let rowCases = CaseStatistics.numberingRepeats(cases[row.evaluationKey] ?? [])
            return ImportedEvaluation(
                promptPath: config.promptPath(label: row.promptLabel, position: labels.firstIndex(of: row.promptLabel) ?? 0, of: labels.count),
                suite: config.description,
                dataset: config.testsPath.map { DatasetReference(name: $0) },
                model: row.providerID ?? row.providerLabel,
                parameters: config.parameters(providerID: row.providerID, label: row.providerLabel),
                metrics: CaseStatistics.aggregates(of: rowCases),
                cases: rowCases)
        }
    }
}
