import QuillKit

extension DriftReport {
    /// A GitHub-flavoured page: the outcome, the checks, then a section per statistic with its tables.
    func renderMarkdown() -> String {
        var lines = [
            "### \(crossed ? "❌" : "✅") quill drift: \(Markdown.cell(DriftCells.outcome(self)))", "",
            "- A: \(Markdown.code(a.name)): \(DriftCells.side(a))", "- B: \(Markdown.code(b.name)): \(DriftCells.side(b))", "",
        ]
        if !checks.isEmpty {
            lines += Markdown.table(
                header: ["limit", "value", "threshold", "result", "rule"], alignRight: [1, 2], rows: checks.map { DriftCells.check($0).map(Markdown.cell) })
            lines.append("")
        }
        lines += ["#### Vocabulary", "", Markdown.cell(DriftCells.vocabulary(vocabulary)), ""]
        for (title, counts, side) in [("new word", vocabulary.newWords, "B"), ("vanished word", vocabulary.vanishedWords, "A")] where !counts.isEmpty {
            lines += Markdown.table(header: [title, "count in \(side)"], alignRight: [1], rows: counts.map { [Markdown.code($0.word), String($0.count)] })
            lines.append("")
        }
        for drift in ngrams {
            lines += ["#### \(DriftCells.order(drift).prefix(1).uppercased() + DriftCells.order(drift).dropFirst())", "", Markdown.cell(DriftCells.ngrams(drift)), ""]
            for (title, changes) in [("rose", drift.rose), ("fell", drift.fell)] where !changes.isEmpty {
                let rows = changes.map { change in DriftCells.change(change).enumerated().map { $0.offset == 0 ? Markdown.code($0.element) : Markdown.cell($0.element) } }
                lines += Markdown.table(header: [title, "count A", "count B", "share A", "share B"], alignRight: [1, 2, 3, 4], rows: rows)
                lines.append("")
            }
        }
        lines += ["#### Sentence lengths (words)", ""]
        lines += Markdown.table(
            header: ["side", "sentences", "mean", "median", "p90"], alignRight: [1, 2, 3, 4],
            rows: [["A"] + DriftCells.lengths(sentenceLengths.a), ["B"] + DriftCells.lengths(sentenceLengths.b)])
        lines += ["", Markdown.cell(DriftCells.test(sentenceLengths.test))]
        return lines.joined(separator: "\n")
    }
}
