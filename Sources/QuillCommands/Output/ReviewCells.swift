import QuillKit

/// The short texts `quill review` shows in every format.
enum ReviewCells {
    /// `origin/main (1a2b3c4)`.
    static func side(_ side: ReviewReport.Side) -> String {
        "\(side.label) (\(side.commit.prefix(7)))"
    }

    /// `gate failed: 1 prompt regressed` or `gate passed: no regression`, with what was not evaluated.
    static func gate(_ report: ReviewReport) -> String {
        let gate = report.gate
        var text = gate.failed ? "gate failed: " : "gate passed: "
        text += gate.regressions > 0 ? "\(DiffCells.count(gate.regressions, "prompt")) regressed" : "no regression"
        if gate.notEvaluated > 0 {
            text += "; \(DiffCells.count(gate.notEvaluated, "prompt")) not evaluated" + (gate.requireScores ? " (--require-scores)" : "")
        }
        return text
    }

    /// `3 changed prompts: 1 regressed, 2 within noise`.
    static func counts(_ report: ReviewReport) -> String {
        // One pass: each prompt's verdict is judged from its metrics when asked.
        let counts = Dictionary(report.prompts.map { ($0.verdict, 1) }, uniquingKeysWith: +)
        let parts = ReviewVerdict.byImportance.compactMap { verdict in counts[verdict].map { "\($0) \(verdict.words)" } }
        return "\(DiffCells.count(report.prompts.count, "changed prompt"))" + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }

    /// The base's gates: `accuracy (higher, min 0.8, max_drop 0.05), latency_ms (lower)`.
    static func policy(_ metrics: [MetricSpec]) -> [(name: String, gates: String)] {
        metrics.map { spec in
            let gates = [spec.direction.rawValue] + [spec.min.map { "min \(ScoreFormat.short($0))" }, spec.maxDrop.map { "max_drop \(ScoreFormat.short($0))" }].compactMap { $0 }
            return (spec.name, gates.joined(separator: ", "))
        }
    }

    /// What to run for a prompt that has no records on a side.
    static func missing(_ missing: MissingScores) -> String {
        "\(missingSide(missing)); run your evaluation, then \(missing.remedy)"
    }

    /// `no records at the head`.
    static func missingSide(_ missing: MissingScores) -> String {
        switch missing.side {
        case .base: "no records at the merge base"
        case .head: "no records at the head"
        case .both: "no records on either side"
        }
    }

    /// One metric's row: suite · model, metric, base, head, delta, interval, verdict, why.
    static func row(_ metric: MetricReview) -> [String] {
        [
            DiffCells.group(suite: metric.suite, model: metric.model), metric.metric, DiffCells.summary(metric.base),
            DiffCells.summary(metric.head), DiffCells.delta(metric.delta), DiffCells.interval(metric.interval),
            metric.verdict.words, metric.reason,
        ]
    }

    static let rowHeader = ["suite · model", "metric", "merge base", "head", "delta", "95% CI", "verdict", "why"]
}
