/// Reads rows of cases — JSON Lines objects, CSV records, the rows of an evaluation table — as a
/// `CaseLayout` says: each row one case with an id, metrics (its numbers, nested objects giving dotted
/// names), a verdict, an output and an error; other values (inputs, lists) are skipped. Rows that name
/// different prompts, suites or models make separate evaluations.
struct CaseRowsReader {
    /// One row: a table of fields, and the line it starts on.
    struct Row {
        var node: ValueNode
        var line: Int
    }

    let layout: CaseLayout
    /// The label values (prompt, suite, model) of each evaluation so far, and its cases.
    private var groups: [[String?]] = []
    private var cases: [[EvalCase]] = []
    /// Where the first row starts, for the message when no row has a number.
    private var firstPosition: SourcePosition?
    private var rowCount = 0
    /// How many rows are coming, when the caller knows: the first evaluation's cases are reserved that
    /// room at once (most files hold one), instead of growing by doubling to up to twice it.
    var expectedRows = 0

    init(layout: CaseLayout) {
        self.layout = layout
    }

    /// The evaluations in `rows`, in order; `suite` names them when no row does.
    func read(_ rows: [Row], suite: String? = nil) throws(SourceIssue) -> [ImportedEvaluation] {
        var reader = self
        for row in rows { try reader.add(row) }
        return try reader.evaluations(suite: suite)
    }

    /// Reads the next row into its case, so a caller streaming rows holds none of them afterwards.
    mutating func add(_ row: Row) throws(SourceIssue) {
        if rowCount == 0 { firstPosition = row.node.position }
        let (labels, item) = try evalCase(row, index: rowCount)
        rowCount += 1
        if let group = groups.firstIndex(of: labels) {
            cases[group].append(item)
        } else {
            groups.append(labels)
            var group = [item]
            if groups.count == 1 { group.reserveCapacity(expectedRows) }
            cases.append(group)
        }
    }

    /// The evaluations of the rows added, in order; `suite` names them when no row does.
    func evaluations(suite: String? = nil) throws(SourceIssue) -> [ImportedEvaluation] {
        guard rowCount > 0 else { throw SourceIssue(line: 1, column: 1, "no rows; expected at least one case") }
        if cases.joined().allSatisfy({ $0.metrics.isEmpty && $0.pass == nil && $0.error == nil }) {
            throw SourceIssue(firstPosition, "no row has a number or a verdict; expected metrics or '\(layout.verdictFields.first ?? "pass")' in each case")
        }
        return zip(groups, cases).map { labels, group in
            let numbered = CaseStatistics.numberingRepeats(group)
            let label = { (index: Int) in index < labels.count ? labels[index] : nil }
            return ImportedEvaluation(
                promptPath: label(0), suite: label(1) ?? suite, model: label(2),
                metrics: CaseStatistics.aggregates(of: numbered), cases: numbered)
        }
    }

    private func evalCase(_ row: Row, index: Int) throws(SourceIssue) -> (labels: [String?], item: EvalCase) {
        guard case .table(let members) = row.node.kind else {
            throw SourceIssue(row.node.position, "line \(row.line) is \(row.node.kindDescription); expected a case object")
        }
        let id = try caseID(row, index: index)
        let verdictField = layout.verdictFields.first { row.node.field($0) != nil }
        var pass: Bool?
        if let verdictField, let node = row.node.field(verdictField) {
            switch node.kind {
            case .bool(let flag): pass = flag
            case .null: pass = nil
            default: throw SourceIssue(node.position, "'\(verdictField)' on line \(row.line) is \(node.kindDescription); expected true or false")
            }
        }
        var labels: [String?] = []
        for field in layout.labelFields {
            labels.append(try text(row.node.field(field), "'\(field)' on line \(row.line)"))
        }
        let error = try layout.errorFields.lazy.compactMap { row.node.field($0) }.first.flatMap { node throws(SourceIssue) in
            try text(node, "the error on line \(row.line)")
        }
        let output = layout.outputFields.lazy.compactMap { row.node.field($0) }.first.flatMap(\.outputText)
        guard error == nil else { return (labels, EvalCase(id: id, output: output, error: error)) }
        var listed: Set<String>?
        if let field = layout.metricListField, case .list(let names)? = row.node.field(field)?.kind {
            listed = Set(names.compactMap { if case .string(let name) = $0.kind { name } else { nil } })
        }
        let reserved = Set(layout.idFields + layout.verdictFields + layout.outputFields + layout.errorFields + layout.labelFields)
            .union(layout.ignoredFields).union(layout.metricListField.map { [$0] } ?? [])
        var collector = MetricCollector(.lenient)
        for member in members where !reserved.contains(member.key) && listed?.contains(member.key) != false {
            try collector.collect(layout.booleansAreScores ? member.value.scoringBooleans : member.value, name: member.key)
        }
        var metrics: [String: Double] = [:]
        for (name, value) in collector.metrics {
            if let metric = layout.metricName(name), metrics[metric] == nil { metrics[metric] = value }
        }
        return (labels, EvalCase(id: id, metrics: metrics, pass: pass, output: output))
    }

    private func caseID(_ row: Row, index: Int) throws(SourceIssue) -> String {
        guard let field = layout.idFields.first(where: { row.node.field($0) != nil }), let node = row.node.field(field) else {
            switch layout.fallbackID {
            case .line?: return String(row.line)
            case .rowIndex?: return String(index)
            case nil: throw SourceIssue(row.node.position, "line \(row.line) has no '\(layout.idFields[0])'; expected every row to name its case there (or in the field --case-id names)")
            }
        }
        switch node.kind {
        case .string(let text): return text
        case .number(let value, let literal) where value == value.rounded() && abs(value) < 9e15: return Int(literal).map(String.init) ?? String(Int(value))
        default: throw SourceIssue(node.position, "case id '\(field)' on line \(row.line) is \(node.kindDescription); expected a string or a whole number")
        }
    }

    private func text(_ node: ValueNode?, _ name: String) throws(SourceIssue) -> String? {
        switch node?.kind {
        case nil, .null?: return nil
        case .string(let text)?: return text
        default: throw SourceIssue(node!.position, "\(name) is \(node!.kindDescription); expected a string")
        }
    }
}
