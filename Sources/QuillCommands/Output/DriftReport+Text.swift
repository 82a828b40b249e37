import QuillKit

extension DriftReport: ReportRenderable {
    static let schema = OutputSchema.drift

    func renderText(_ terminal: Terminal) -> String {
        var lines = [
            "drift from A \(a.name): \(DriftCells.side(a))", "        to B \(b.name): \(DriftCells.side(b))",
            terminal.paint(DriftCells.outcome(self), crossed ? .red : .green),
        ]
        for check in checks {
            let cells = DriftCells.check(check)
            lines.append("  " + terminal.paint("\(cells[3].padded(to: 7)) \(cells[0].padded(to: 12)) \(cells[4])", check.crossed ? .red : .dim))
        }
        lines += ["", "vocabulary: " + DriftCells.vocabulary(vocabulary)]
        lines.append("  new words:      " + words(vocabulary.newWords))
        lines.append("  vanished words: " + words(vocabulary.vanishedWords))
        for drift in ngrams {
            lines += ["", "\(DriftCells.order(drift)): \(DriftCells.ngrams(drift))"]
            lines += drift.rose.map { "  " + terminal.paint("rose ", .green) + change($0) }
            lines += drift.fell.map { "  " + terminal.paint("fell ", .red) + change($0) }
        }
        lines += ["", "sentence lengths in words (sentences, mean, median, p90):"]
        lines.append("  A " + DriftCells.lengths(sentenceLengths.a).joined(separator: "  "))
        lines.append("  B " + DriftCells.lengths(sentenceLengths.b).joined(separator: "  "))
        lines.append("  " + DriftCells.test(sentenceLengths.test))
        return lines.joined(separator: "\n")
    }

    private func words(_ counts: [WordCount]) -> String {
        counts.isEmpty ? "none" : counts.map { "\($0.word) (\($0.count))" }.joined(separator: ", ")
    }

    private func change(_ change: NGramChange) -> String {
        let cells = DriftCells.change(change)
        return "\"\(cells[0])\" \(cells[1]) → \(cells[2]) (\(cells[3]) → \(cells[4]))"
    }
}
