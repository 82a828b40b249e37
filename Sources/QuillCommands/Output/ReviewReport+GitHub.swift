import QuillKit

extension ReviewReport {
    /// GitHub Actions workflow commands: an `::error` on the changed lines of each regressed metric's
    /// prompt, a `::warning` for metrics worse within the gates and for prompts without scores, and a
    /// last plain line with the gate's outcome. GitHub shows them as annotations on the pull request's
    /// diff, without a token.
    func renderGitHubCommands() -> String {
        var lines = [String]()
        for prompt in prompts {
            let ranges = Self.ranges(prompt.changedLines)
            for metric in prompt.metrics where metric.verdict == .regressed || metric.verdict == .worse {
                let command = metric.verdict == .regressed ? "error" : "warning"
                let title = "quill review: \(metric.metric) \(metric.verdict.words)"
                let message = "\(DiffCells.group(suite: metric.suite, model: metric.model)) \(metric.metric): \(metric.reason)"
                for range in ranges.isEmpty ? [1...1] : ranges {
                    lines.append(WorkflowCommand.line(command, [
                        ("file", prompt.diff.path), ("line", String(range.lowerBound)), ("endLine", String(range.upperBound)), ("title", title),
                    ], message))
                }
            }
            if let missing = prompt.missing {
                lines.append(WorkflowCommand.line("warning", [("file", prompt.diff.path), ("title", "quill review: not evaluated")], ReviewCells.missing(missing)))
            }
        }
        lines.append(ReviewCells.gate(self))
        return lines.joined(separator: "\n")
    }

    /// Consecutive line numbers as closed ranges.
    static func ranges(_ lines: [Int]) -> [ClosedRange<Int>] {
        var ranges = [ClosedRange<Int>]()
        for line in lines {
            if let last = ranges.last, last.upperBound + 1 == line {
                ranges[ranges.count - 1] = last.lowerBound...line
            } else {
                ranges.append(line...line)
            }
        }
        return ranges
    }
}
