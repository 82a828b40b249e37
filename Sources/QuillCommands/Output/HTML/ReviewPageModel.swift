import QuillKit

/// What the HTML template of `quill review` shows, every value a ready string (the template escapes
/// them all, except the rows of the diffs and score tables and the charts, escaped where they are
/// written) or a list of such values. Its types (and `MetricChart`) are classes: swift-mustache
/// casts each object it looks in to its protocols, and a cast of a struct copies it into a new box,
/// retaining every field, on each look-up; a class is one reference.
final class ReviewPageModel {
    final class Gate {
        let name: String
        let gates: String

        init(name: String, gates: String) {
            self.name = name
            self.gates = gates
        }
    }

    final class ConfigChange {
        /// The side-by-side table's rows (`SideBySideRows`).
        let rows: String

        init(rows: String) {
            self.rows = rows
        }
    }

    final class Prompt {
        let anchor: String
        let path: String
        let change: String
        let verdict: String
        let verdictClass: String
        let summary: String
        let missing: String?
        let hasMetrics: Bool
        /// The score table's rows (`ScoreRows`).
        let metrics: String
        let charts: [MetricChart]
        let hasRows: Bool
        /// The side-by-side diff's rows (`SideBySideRows`), empty without a text diff.
        let rows: String
        let parseErrors: [String]

        init(anchor: String, path: String, change: String, verdict: String, verdictClass: String, summary: String, missing: String?, hasMetrics: Bool, metrics: String, charts: [MetricChart], hasRows: Bool, rows: String, parseErrors: [String]) {
            self.anchor = anchor
            self.path = path
            self.change = change
            self.verdict = verdict
            self.verdictClass = verdictClass
            self.summary = summary
            self.missing = missing
            self.hasMetrics = hasMetrics
            self.metrics = metrics
            self.charts = charts
            self.hasRows = hasRows
            self.rows = rows
            self.parseErrors = parseErrors
        }
    }

    let title: String
    let gate: String
    let gateClass: String
    let head: String
    let base: String
    let baseLabel: String
    let mergeBase: String
    let counts: String
    let rule: String
    let hasPolicy: Bool
    let policy: [Gate]
    /// The base-to-head diff of `quill.yaml`, when the head changes it.
    let config: ConfigChange?
    let prompts: [Prompt]

    init(_ report: ReviewReport) {
        title = "quill review: \(Markdown.visible(report.head.label)) into \(Markdown.visible(report.base.label))"
        gate = ReviewCells.gate(report)
        gateClass = report.gate.failed ? "failed" : "passed"
        head = Markdown.visible(ReviewCells.side(report.head))
        base = Markdown.visible(ReviewCells.side(report.base))
        baseLabel = Markdown.visible(report.base.label)
        mergeBase = String(report.mergeBase.commit.prefix(7))
        counts = ReviewCells.counts(report)
        rule = report.rule
        policy = ReviewCells.policy(report.policy).map { Gate(name: Markdown.visible($0.name), gates: $0.gates) }
        hasPolicy = !policy.isEmpty
        config = report.configChange.map { ConfigChange(rows: SideBySideRows.html($0)) }
        let ordered = ReviewVerdict.byImportance.flatMap(report.prompts)
        prompts = ordered.enumerated().map { index, prompt in Self.prompt(prompt, index: index, policy: report.policy) }
    }

    private static func prompt(_ prompt: PromptReview, index: Int, policy: [MetricSpec]) -> Prompt {
        var seen = Set<String>()
        let charts = prompt.metrics.compactMap { metric -> MetricChart? in
            guard seen.insert("\(metric.suite)\u{0}\(metric.model ?? "")\u{0}\(metric.metric)").inserted else { return nil }
            return MetricChart(
                metric: metric.metric, suite: metric.suite, model: metric.model, history: prompt.history,
                min: policy.first { $0.name == metric.metric }?.min)
        }
        let summary = prompt.metrics.map { "\($0.metric) \(DiffCells.summary($0.base)) → \(DiffCells.summary($0.head))" }.joined(separator: "; ")
        let rows = prompt.fileDiff.map(SideBySideRows.html) ?? ""
        return Prompt(
            anchor: "prompt-\(index + 1)", path: Markdown.visible(prompt.diff.path), change: Markdown.visible(DiffCells.change(prompt.diff)),
            verdict: prompt.verdict.words, verdictClass: prompt.verdict.rawValue, summary: Markdown.visible(summary),
            missing: prompt.missing.map { Markdown.visible(ReviewCells.missing($0)) }, hasMetrics: !prompt.metrics.isEmpty, metrics: ScoreRows.html(prompt.metrics),
            charts: charts, hasRows: !rows.isEmpty, rows: rows,
            parseErrors: [prompt.diff.fromError.map { "does not parse at the merge base: \($0)" }, prompt.diff.toError.map { "does not parse at the head: \($0)" }]
                .compactMap { $0.map(Markdown.visible) })
    }
}
