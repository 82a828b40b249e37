/// Reads OpenAI Evals logs, the JSON Lines `oaieval --record_path` writes: a `{"spec": …}` line, a
/// `{"final_report": …}` line and one line per event (`match`, `metrics`, `sampling`, `error`, …).
///
/// One evaluation per run (a `spec` line starts one): suite = `base_eval` (else `eval_name`), model =
/// the `completion_fns` joined with ','. A case is a sample: id = `sample_id`; its k-th `match` event
/// and k-th `metrics` event make its k-th case (repeats numbered), pass = the match's `correct`, metrics
/// = the metrics event's numbers (booleans as 1/0), output = the match's, else the sampling's `sampled`
/// (a list of one completion read as that completion).
/// A sample with `error` events and no match or metrics is an error case. Aggregates are the cases'
/// means and `pass_rate`, and the numbers of `final_report` the cases have no mean for (`boostrap_std`,
/// `counts/Yes`…); its text, booleans and lists are skipped, and so are events without a sample. A
/// line whose `run_id` is not its spec's is refused, as is a log that starts without a spec.
enum OpenAIEvalsLogReader {
    /// Whether `root` is a log's first line: a `spec` object, or a `final_report`.
    static func isLogLine(_ root: JSONNode) -> Bool {
        if case .object? = root["spec"]?.value { return true }
        return root["final_report"] != nil
    }

    /// The evaluations of a JSON Lines log, one per run, read line by line: each line's tree is dropped
    /// once read, so memory holds the runs' cases, not the log.
    static func read(lines source: SourceText) throws(SourceIssue) -> [ImportedEvaluation] {
        var runs: [Run] = []
        try JSONLines.forEachDocument(source) { document throws(SourceIssue) in try add(document, to: &runs) }
        return try runs.map { run throws(SourceIssue) in try run.evaluation() }
    }

    /// The evaluation of a log given as one JSON document (a lone line).
    static func read(_ document: JSONDocument) throws(SourceIssue) -> [ImportedEvaluation] {
        var runs: [Run] = []
        try add(document, to: &runs)
        return try runs.map { run throws(SourceIssue) in try run.evaluation() }
    }

    /// Adds one line to the runs read so far: a `spec` starts a run, other lines belong to the last one.
    private static func add(_ document: JSONDocument, to runs: inout [Run]) throws(SourceIssue) {
        _ = try JSONLines.object(document, expected: "an OpenAI Evals log line: 'spec', 'final_report' or an event with 'type'")
        let root = document.root
        if let spec = root["spec"] {
            runs.append(try Run(spec: spec, in: document))
            return
        }
        guard !runs.isEmpty else {
            if root["final_report"] != nil {
                throw document.issue(root, "line \(document.firstLine) is a 'final_report' before any 'spec' line, so the run's eval, completion functions and events are missing; expected the whole log oaieval --record_path writes, starting with {\"spec\": …}")
            }
            throw document.issue(root, "line \(document.firstLine) comes before any 'spec' line; expected an OpenAI Evals log starting with {\"spec\": …}")
        }
        try runs[runs.count - 1].checkRunID(of: root, in: document)
        if let report = root["final_report"] {
            try runs[runs.count - 1].report(report, in: document)
        } else {
            try runs[runs.count - 1].event(root, in: document)
        }
    }
}

/// One run of a log while it is read: its spec, its final report's metrics and its samples' events.
private struct Run {
    /// What a sample's events said, in file order.
    struct Sample {
        var matches: [(pass: Bool, output: String?)] = []
        var metrics: [[String: Double]] = []
        var sampled: [String] = []
        var errors: [String] = []
    }

    let suite: String?
    let model: String?
    /// The spec's `run_id`, which oaieval writes on every event and final report of the run.
    let runID: String?
    /// The line of the spec.
    let specLine: Int
    let specNode: JSONNode
    let specDocument: JSONDocument
    var finalReport: [String: Double]?
    var sampleIDs: [String] = []
    var samples: [String: Sample] = [:]

    init(spec: JSONNode, in document: JSONDocument) throws(SourceIssue) {
        try document.members(spec, "'spec'", expected: "an object with 'eval_name' and 'completion_fns'")
        let evalName = try document.string(spec["eval_name"], "'spec.eval_name'")
        suite = try document.string(spec["base_eval"], "'spec.base_eval'") ?? evalName
        var names: [String] = []
        if let list = spec["completion_fns"] {
            for node in try document.elements(list, "'spec.completion_fns'", expected: "an array of completion function names") {
                guard let name = try document.string(node, "a completion function name") else { continue }
                names.append(name)
            }
        }
        model = names.isEmpty ? nil : names.joined(separator: ",")
        runID = try document.string(spec["run_id"], "'spec.run_id'")
        specLine = document.firstLine
        specNode = spec
        specDocument = document
    }

    /// Refuses a line whose `run_id` is not the spec's: lines of two runs mixed in one file (two
    /// processes appending to one log) cannot be told apart by sample. A line without one (the final
    /// report of oaieval's Snowflake recorder) belongs to the run it follows.
    func checkRunID(of line: JSONNode, in document: JSONDocument) throws(SourceIssue) {
        guard let runID, let node = line["run_id"], let id = try document.string(node, "'run_id' of line \(document.firstLine)"), id != runID else { return }
        throw document.issue(node, "line \(document.firstLine) is of run '\(id)', not of run '\(runID)' whose spec is on line \(specLine); expected each run's lines after its own spec")
    }

    mutating func report(_ node: JSONNode, in document: JSONDocument) throws(SourceIssue) {
        guard finalReport == nil else { throw document.issue(node, "a second 'final_report' in one run; expected one a run") }
        try document.members(node, "'final_report'", expected: "an object of metric names to numbers")
        var metrics = MetricCollector(.lenient)
        try metrics.collect(document.value(node), name: nil)
        finalReport = metrics.metrics
    }

    mutating func event(_ node: JSONNode, in document: JSONDocument) throws(SourceIssue) {
        let line = "event of line \(document.firstLine)"
        guard let type = try document.string(node["type"], "'type' of the \(line)") else {
            throw document.issue(node, "line \(document.firstLine) has no 'type'; expected an event with 'type', 'sample_id' and 'data'")
        }
        guard let id = try document.string(node["sample_id"], "'sample_id' of the \(line)"),
              ["match", "metrics", "sampling", "error"].contains(type) else { return }
        guard let data = node["data"] else { throw document.issue(node, "the \(type) \(line) has no 'data'; expected an object") }
        try document.members(data, "'data' of the \(type) \(line)", expected: "an object")
        if samples[id] == nil { sampleIDs.append(id) }
        var sample = samples[id] ?? Sample()
        switch type {
        case "match":
            guard let pass = try document.bool(data["correct"], "'correct' of the match \(line)") else {
                throw document.issue(data, "the match \(line) has no 'correct'; expected true or false")
            }
            sample.matches.append((pass, Self.output(data["sampled"], in: document)))
        case "metrics":
            var metrics = MetricCollector(.lenient)
            try metrics.collect(document.value(data).scoringBooleans, name: nil)
            sample.metrics.append(metrics.metrics)
        case "sampling":
            if let output = Self.output(data["sampled"], in: document) { sample.sampled.append(output) }
        default:
            sample.errors.append(try document.string(data["message"], "'message' of the error \(line)") ?? "error")
        }
        samples[id] = sample
    }

    /// A `sampled` value as output: the completion when it is one string or a list of one (what completion
    /// functions record), other values as JSON.
    private static func output(_ node: JSONNode?, in document: JSONDocument) -> String? {
        if case .array(let items)? = node?.value, items.count == 1, case .string(let text) = items[0].value { return text }
        return document.output(node)
    }

    func evaluation() throws(SourceIssue) -> ImportedEvaluation {
        var cases: [EvalCase] = []
        for id in sampleIDs {
            let sample = samples[id]!
            let count = max(sample.matches.count, sample.metrics.count)
            if count == 0 {
                if !sample.errors.isEmpty { cases.append(EvalCase(id: id, error: sample.errors.joined(separator: "; "))) }
                continue
            }
            for index in 0..<count {
                let match = index < sample.matches.count ? sample.matches[index] : nil
                cases.append(EvalCase(
                    id: id, metrics: index < sample.metrics.count ? sample.metrics[index] : [:], pass: match?.pass,
                    output: match?.output ?? (index < sample.sampled.count ? sample.sampled[index] : nil)))
            }
        }
        let numbered = CaseStatistics.numberingRepeats(cases)
        let metrics = (finalReport ?? [:]).merging(CaseStatistics.aggregates(of: numbered)) { _, mean in mean }
        guard !metrics.isEmpty || !numbered.isEmpty else {
            throw specDocument.issue(specNode, "run has no final_report numbers and no match or metrics events; expected the log of a finished run")
        }
        return ImportedEvaluation(suite: suite, model: model, metrics: metrics, cases: numbered)
    }
}
