import QuillKit

extension ReviewReport: TextRenderable {
    static let schema = OutputSchema.review

    func renderText(_ terminal: Terminal) -> String {
        var lines = [
            "review \(ReviewCells.side(head)) into \(ReviewCells.side(base)), merge base \(mergeBase.commit.prefix(7)): \(ReviewCells.counts(self))",
            terminal.paint(ReviewCells.gate(self), gate.failed ? .red : .green),
            terminal.paint("rule: \(rule)", .dim),
        ]
        let policy = ReviewCells.policy(self.policy)
        lines.append("gates from \(base.label): " + (policy.isEmpty ? "none declared" : policy.map { "\($0.name) (\($0.gates))" }.joined(separator: ", ")))
        if let configChange {
            lines.append(terminal.paint("the head changes \(QuillConfig.fileName) (shown, not applied):", .yellow))
            lines += configChange.unifiedLines.map { "    " + $0 }
        }
        for verdict in ReviewVerdict.byImportance {
            for prompt in prompts(verdict) {
                lines.append("")
                lines += self.prompt(prompt, terminal)
            }
        }
        return lines.joined(separator: "\n")
    }

    private func prompt(_ prompt: PromptReview, _ terminal: Terminal) -> [String] {
        let color: Terminal.Color? = switch prompt.verdict {
        case .regressed: .red
        case .improved: .green
        case .worse, .notEvaluated: .yellow
        case .withinNoise: nil
        }
        let verdict = prompt.verdict.words.uppercased()
        var lines = [color.map { terminal.paint(verdict, $0) } ?? verdict]
        lines += PromptDiffText(prompt: prompt.diff, terminal: terminal, from: "merge base", to: head.label).lines()
        if let missing = prompt.missing { lines.append("  " + terminal.paint(ReviewCells.missing(missing), .yellow)) }
        for metric in prompt.metrics {
            lines.append("  \(metric.verdict.words): \(DiffCells.group(suite: metric.suite, model: metric.model)) \(metric.metric): \(metric.reason)")
        }
        return lines
    }
}
