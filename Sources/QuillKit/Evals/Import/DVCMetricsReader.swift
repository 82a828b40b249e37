/// Reads DVC-style metrics files (`dvc metrics show` inputs): JSON, YAML (`.yaml`, `.yml`) or TOML
/// (`.toml`), flat or nested. Nested keys give dotted names (`eval.accuracy`). Booleans and nulls are
/// skipped: they are not metrics. A list of numbers is a per-case series: case "0" takes the first value
/// of every list, and the aggregate is the list's mean.
enum DVCMetricsReader {
    /// The value tree of a metrics file, read as TOML or YAML by `path`'s extension and as JSON otherwise.
    static func tree(of source: SourceText, path: String) throws(SourceIssue) -> ValueNode {
        switch fileExtension(path) {
        case "toml":
            return try TOMLReader.read(source)
        case "yaml", "yml":
            guard let node = try YAMLSource.compose(source.text(0..<source.bytes.count)) else {
                throw SourceIssue(line: 1, column: 1, "no metrics; expected a mapping of metric names to numbers")
            }
            return ValueNode(yaml: node)
        default:
            let document = try JSONDocument.parse(source)
            return document.value(document.root)
        }
    }

    /// The lower-cased extension of `path`'s file name, or "" when it has none.
    static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: ".") else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// The evaluation in `tree`.
    static func read(_ tree: ValueNode) throws(SourceIssue) -> [ImportedEvaluation] {
        let expected = "a mapping of metric names to numbers, nested mappings or lists of numbers"
        guard case .table = tree.kind else { throw SourceIssue(tree.position, "document is \(tree.kindDescription); expected \(expected)") }
        var collector = MetricCollector(.series)
        try collector.collect(tree, name: nil)
        guard !collector.metrics.isEmpty || !collector.series.isEmpty else {
            throw SourceIssue(tree.position, "no metrics; expected \(expected)")
        }
        var cases: [EvalCase] = []
        for (name, values) in collector.series {
            for (index, value) in values.enumerated() {
                if index == cases.count { cases.append(EvalCase(id: String(index))) }
                cases[index].metrics[name] = value
            }
        }
        let metrics = collector.metrics.merging(CaseStatistics.aggregates(of: cases)) { scalar, _ in scalar }
        return [ImportedEvaluation(metrics: metrics, cases: cases)]
    }
}
