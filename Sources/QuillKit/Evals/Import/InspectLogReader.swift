import Foundation

/// Reads Inspect AI eval logs: the `.json` log (one object: `eval`, `results`, `samples`) and the zipped
/// `.eval` log (`header.json` and one `samples/<id>_epoch_<n>.json` a sample).
///
/// One evaluation: suite = `eval.task`, model = `eval.model`. A case is a sample: id = its `id`, repeats
/// = its epochs, one metric per scorer (`C`/`I`/`P`/`N` read as 1, 0, 0.5, 0, as Inspect's
/// `value_to_float` does; a dict value gives `scorer.key`), pass = every letter-grade scorer said `C`,
/// error = the sample's `error.message`. A log without samples gives `results.scores`' metrics.
enum InspectLogReader {
    /// Whether `data` is a ZIP archive (an `.eval` log), by its signature.
    static func isArchive(_ data: Data) -> Bool {
        data.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    /// Whether `root` is a `.json` log: `version` beside an `eval` object naming its task.
    static func isLog(_ root: JSONNode) -> Bool {
        root["version"] != nil && root["eval"]?["task"] != nil
    }

    /// The evaluation in a `.json` log.
    static func read(_ document: JSONDocument) throws(SourceIssue) -> [ImportedEvaluation] {
        try document.members(document.root, "document", expected: "an Inspect AI log object with 'eval'")
        var samples: [(node: JSONNode, document: JSONDocument)] = []
        if let list = document.root["samples"] {
            samples = try document.elements(list, "'samples'", expected: "an array of samples").map { ($0, document) }
        }
        return [try evaluation(header: document, samples: samples)]
    }

    /// The evaluation in an `.eval` log.
    static func read(archive data: Data) throws(SourceIssue) -> [ImportedEvaluation] {
        var zip = try ZipMembers(data)
        guard let headerData = try zip.data("header.json") else {
            throw SourceIssue(line: 1, column: 1, "ZIP archive has no 'header.json'; expected an Inspect AI .eval log")
        }
        let header = try member("header.json", headerData)
        var samples: [(node: JSONNode, document: JSONDocument)] = []
        for name in zip.names where name.hasPrefix("samples/") && name.hasSuffix(".json") {
            guard let bytes = try zip.data(name) else { continue }
            let document = try member(name, bytes)
            try document.members(document.root, "sample '\(name)'", expected: "a sample object")
            samples.append((document.root, document))
        }
        return [try evaluation(header: header, samples: samples)]
    }

    /// A member parsed as JSON; its issues name the member.
    private static func member(_ name: String, _ data: Data) throws(SourceIssue) -> JSONDocument {
        do {
            return try JSONDocument.parse(SourceText(checking: data))
        } catch {
            throw SourceIssue(line: error.line, column: error.column, "in ZIP member '\(name)': \(error.message)")
        }
    }

    private static func evaluation(header: JSONDocument, samples: [(node: JSONNode, document: JSONDocument)]) throws(SourceIssue) -> ImportedEvaluation {
        let root = header.root
        guard let eval = root["eval"] else { throw header.issue(root, "no 'eval'; expected an Inspect AI log with 'eval', 'results' and 'samples'") }
        try header.members(eval, "'eval'", expected: "an object with 'task' and 'model'")
        var parameters: [String: JSONValue] = [:]
        if let config = eval["model_generate_config"], case .object = config.value { parameters = header.jsonValue(config).objectValue ?? [:] }
        var cases: [(epoch: Int, item: EvalCase)] = []
        for (node, document) in samples {
            cases.append(try sample(node, in: document))
        }
        let repeats = cases.contains { $0.epoch > 1 }
        let items = cases.enumerated().sorted { ($0.element.epoch, $0.offset) < ($1.element.epoch, $1.offset) }.map { entry in
            var item = entry.element.item
            if repeats { item.repeatIndex = entry.element.epoch - 1 }
            return item
        }
        let metrics = items.isEmpty ? try summary(root["results"], in: header) : CaseStatistics.aggregates(of: items)
        guard !metrics.isEmpty || !items.isEmpty else {
            throw header.issue(root, "no samples and no 'results.scores'; expected a log of a finished evaluation")
        }
        var dataset: DatasetReference?
        if let node = eval["dataset"], let name = try header.string(node["name"], "'eval.dataset.name'") { dataset = DatasetReference(name: name) }
        return ImportedEvaluation(
            suite: try header.string(eval["task"], "'eval.task'"), dataset: dataset,
            model: try header.string(eval["model"], "'eval.model'"),
            parameters: parameters, metrics: metrics, cases: items)
    }

    private static func sample(_ node: JSONNode, in document: JSONDocument) throws(SourceIssue) -> (epoch: Int, item: EvalCase) {
        let expected = "a sample with 'id', 'epoch' and 'scores'"
        try document.members(node, "a sample", expected: expected)
        let id = try document.caseID(of: node, "a sample", expected: expected)
        let epoch = try document.index(node["epoch"], "'epoch' of sample '\(id)'") ?? 1
        var output: String?
        if let node = node["output"] { output = try document.string(node["completion"], "'output.completion' of sample '\(id)'") }
        if let error = node["error"], error["message"] != nil {
            let message = try document.string(error["message"], "'error.message' of sample '\(id)'") ?? "error"
            return (epoch, EvalCase(id: id, output: output, error: message))
        }
        var metrics = MetricCollector(.lenient)
        var verdicts: [Bool] = []
        if let scores = node["scores"] {
            for score in try document.members(scores, "'scores' of sample '\(id)'", expected: "an object of scorer names to scores") {
                guard let value = score.value["value"] else { continue }
                try collect(value, name: score.key, into: &metrics, verdicts: &verdicts, in: document)
            }
        }
        return (epoch, EvalCase(id: id, metrics: metrics.metrics, pass: verdicts.isEmpty ? nil : !verdicts.contains(false), output: output))
    }

    /// A score value as metrics: numbers as they are, booleans as 1 or 0, Inspect's letter grades and
    /// yes/no as numbers, a dict value member by member; other text is no metric.
    private static func collect(
        _ value: JSONNode, name: String, into metrics: inout MetricCollector, verdicts: inout [Bool], in document: JSONDocument
    ) throws(SourceIssue) {
        let position = document.position(of: value)
        func number(_ number: Double) throws(SourceIssue) {
            try metrics.collect(ValueNode(kind: .number(number, literal: String(number)), position: position), name: name)
        }
        switch value.value {
        case .number:
            try metrics.collect(document.value(value), name: name)
        case .bool(let flag):
            try number(flag ? 1 : 0)
        case .string(let text):
            if let grade = letterGrades[text] {
                verdicts.append(text == "C")
                try number(grade)
            } else if let word = words[text.lowercased()] {
                try number(word)
            } else if let parsed = Double(text), parsed.isFinite {
                try number(parsed)
            }
        case .object(let members):
            for member in members {
                try collect(member.value, name: "\(name).\(member.key)", into: &metrics, verdicts: &verdicts, in: document)
            }
        case .null, .array:
            return
        }
    }

    private static let letterGrades: [String: Double] = ["C": 1, "I": 0, "P": 0.5, "N": 0]
    private static let words: [String: Double] = ["yes": 1, "true": 1, "no": 0, "false": 0]

    /// The metrics of a log without samples: `results.scores[].metrics`, named `scorer.metric`.
    private static func summary(_ results: JSONNode?, in document: JSONDocument) throws(SourceIssue) -> [String: Double] {
        guard let scores = results?["scores"] else { return [:] }
        var metrics = MetricCollector(.strict)
        for score in try document.elements(scores, "'results.scores'", expected: "an array of scores") {
            let scorer = try document.string(score["name"], "'results.scores[].name'") ?? "score"
            guard let table = score["metrics"] else { continue }
            for metric in try document.members(table, "'metrics' of score '\(scorer)'", expected: "an object of metrics") {
                if let value = metric.value["value"] { try metrics.collect(document.value(value), name: "\(scorer).\(metric.key)") }
            }
        }
        return metrics.metrics
    }
}
