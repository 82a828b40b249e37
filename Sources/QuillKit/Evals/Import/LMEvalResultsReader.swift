import Foundation

/// Reads lm-evaluation-harness output: `results_<date>.json` (one evaluation per task, its aggregates) and
/// `samples_<task>_<date>.jsonl` (one line per document: case id `doc_id`, metrics the fields the line's
/// `metrics` list names, never `doc_id`, `target` or the hashes).
enum LMEvalResultsReader {
    /// Fields of a samples line that are inputs, targets or bookkeeping, whatever their type.
    static let sampleLayout = CaseLayout(
        idFields: ["doc_id"], fallbackID: .line, verdictFields: [], outputFields: ["filtered_resps"],
        ignoredFields: ["doc", "target", "arguments", "resps", "filter", "doc_hash", "prompt_hash", "target_hash"],
        metricListField: "metrics")

    /// Whether `root` is a results file: `results` holds tasks, beside `versions` or `configs`.
    static func isResultsFile(_ root: JSONNode) -> Bool {
        guard case .object? = root["results"]?.value else { return false }
        return root["versions"] != nil || root["configs"] != nil
    }

    /// Whether a line is a sample: it has `doc_id` and the document or its responses.
    static func isSample(_ root: JSONNode) -> Bool {
        root["doc_id"] != nil && (root["doc"] != nil || root["resps"] != nil || root["filtered_resps"] != nil)
    }

    /// The evaluations of a results file: per task, its metrics (`acc,none` read as `acc`; other filters
    /// kept as `exact_match,strict-match`); standard errors, the sample count and text are skipped.
    static func read(_ document: JSONDocument) throws(SourceIssue) -> [ImportedEvaluation] {
        let root = document.root
        let tasks = try document.members(root["results"] ?? root, "'results'", expected: "an object of task names to metrics")
        var model = try document.string(root["model_name"], "'model_name'")
        if model == nil, let config = root["config"] { model = try document.string(config["model"], "'config.model'") }
        var evaluations: [ImportedEvaluation] = []
        for task in tasks {
            var metrics = MetricCollector(.strict)
            for member in try document.members(task.value, "task '\(task.key)'", expected: "an object of metric names to numbers") {
                guard case .number = member.value.value, !member.key.contains("_stderr"), member.key != "sample_len" else { continue }
                let name = member.key.hasSuffix(",none") ? String(member.key.dropLast(",none".count)) : member.key
                try metrics.collect(document.value(member.value), name: name)
            }
            guard !metrics.metrics.isEmpty else { continue }
            evaluations.append(ImportedEvaluation(suite: task.key, model: model, metrics: metrics.metrics))
        }
        guard !evaluations.isEmpty else {
            throw document.issue(root, "no task in 'results' has a number; expected metrics such as \"acc,none\": 0.5")
        }
        return evaluations
    }

    /// The evaluation of a samples file, its suite the task its name carries (`samples_<task>_<date>.jsonl`).
    static func read(samples rows: [CaseRowsReader.Row], path: String, caseID: String?) throws(SourceIssue) -> [ImportedEvaluation] {
        try CaseRowsReader(layout: sampleLayout.identified(by: caseID)).read(rows, suite: task(inSamplesPath: path))
    }

    /// `arc_easy` of `out/samples_arc_easy_2025-01-02T03-04-05.123456.jsonl`; nil for other names.
    static func task(inSamplesPath path: String) -> String? {
        var name = Substring(path.split(separator: "/").last ?? "")
        guard name.hasPrefix("samples_"), let dot = name.lastIndex(of: ".") else { return nil }
        name = name[name.index(name.startIndex, offsetBy: "samples_".count)..<dot]
        if let dateStart = name.range(of: #"_\d{4}-\d{2}-\d{2}T[0-9.\-]+$"#, options: .regularExpression) {
            name = name[..<dateStart.lowerBound]
        }
        return name.isEmpty ? nil : String(name)
    }
}
