import QuillKit

extension DriftReport {
    /// GitHub Actions workflow commands: an `::error` for each crossed limit, a `::notice` with the
    /// headline figures, and a last plain line with the outcome; they annotate the workflow run.
    func renderGitHubCommands() -> String {
        var lines = checks.filter(\.crossed).map { check in
            WorkflowCommand.line("error", [("title", "quill drift: \(check.key)")], "\(b.name) against \(a.name): \(check.key) \(check.rule)")
        }
        let summary = "\(b.name) against \(a.name): \(DriftCells.vocabulary(vocabulary)); \(DriftCells.test(sentenceLengths.test))"
        lines.append(WorkflowCommand.line("notice", [("title", "quill drift")], summary))
        lines.append(DriftCells.outcome(self))
        return lines.joined(separator: "\n")
    }
}
