import Foundation
import QuillKit

extension DiffReport: TextRenderable {
    static let schema = OutputSchema.diff

    /// At most this many flipped cases of each direction are listed in text (JSON has them all).
    static let listedFlips = 10

    func renderText(_ terminal: Terminal) -> String {
        var lines = ["diff \(DiffCells.side(from)) → \(DiffCells.side(to)): \(DiffCells.count(prompts.count, "prompt")) changed"]
        for prompt in prompts {
            lines.append("")
            lines += PromptDiffText(prompt: prompt, terminal: terminal, from: from.label, to: to.label).lines()
        }
        return lines.joined(separator: "\n")
    }
}

/// The text form of one changed prompt.
struct PromptDiffText {
    let prompt: PromptDiff
    let terminal: Terminal
    let from: String
    let to: String

    func lines() -> [String] {
        let versions = "(\(prompt.fromBlob.map { String($0.prefix(7)) } ?? "none") → \(prompt.toBlob.map { String($0.prefix(7)) } ?? "none"))"
        var lines = [terminal.paint(prompt.path, .bold) + "  \(DiffCells.change(prompt))  " + terminal.paint(versions, .dim)]
        for (side, error) in [(from, prompt.fromError), (to, prompt.toError)] {
            if let error { lines.append("  " + terminal.paint("does not parse at \(side): \(error)", .red)) }
        }
        if let text = prompt.text {
            lines.append("  text diff")
            lines += hunks(text, indent: 4)
        }
        if let structure = prompt.structure { lines += self.structure(structure) }
        lines += scores(prompt.scores)
        if let data = prompt.scores.data { lines.append("  data: " + DiffCells.data(data)) }
        return lines
    }

    private func structure(_ structure: PromptStructureDiff) -> [String] {
        if structure.isEmpty { return ["  no change to front matter, messages or variables"] }
        var lines = [String]()
        if let format = structure.format { lines.append("  format: \(format.old.rawValue) → \(format.new.rawValue)") }
        if !structure.frontMatter.isEmpty {
            lines.append("  front matter")
            for change in structure.frontMatter {
                switch change.kind {
                case .added: lines.append("    " + terminal.paint("+ \(change.path): \(DiffCells.value(change.new))", .green))
                case .removed: lines.append("    " + terminal.paint("- \(change.path): \(DiffCells.value(change.old))", .red))
                case .changed:
                    lines.append("    ~ \(change.path): " + terminal.paint(DiffCells.value(change.old), .red) + " → " + terminal.paint(DiffCells.value(change.new), .green))
                }
            }
        }
        if !structure.addedVariables.isEmpty || !structure.removedVariables.isEmpty {
            let added = structure.addedVariables.map { terminal.paint("+" + $0, .green) }
            let removed = structure.removedVariables.map { terminal.paint("-" + $0, .red) }
            lines.append("  variables: " + (added + removed).joined(separator: " "))
        }
        if structure.messages.contains(where: { $0.kind != .unchanged || $0.moved }) {
            lines.append("  messages")
            for message in structure.messages { lines += self.message(message) }
        }
        return lines
    }

    private func message(_ message: MessageChange) -> [String] {
        let position = message.newIndex.map { "#\($0 + 1)" } ?? message.oldIndex.map { "was #\($0 + 1)" } ?? ""
        let moved = message.moved ? ", moved from #\((message.oldIndex ?? 0) + 1)" : ""
        let heading = "    " + terminal.paint("[\(message.role)]", .cyan) + " \(position): \(message.kind.rawValue)\(moved)"
        switch message.kind {
        case .unchanged:
            return message.moved ? [heading] : []
        case .changed:
            return [heading] + (message.diff.map { hunks($0, indent: 6) } ?? [])
        case .added, .removed:
            let sign = message.kind == .added ? "+ " : "- "
            let color: Terminal.Color = message.kind == .added ? .green : .red
            return [heading] + (message.text ?? "").split(separator: "\n", omittingEmptySubsequences: false).map {
                String(repeating: " ", count: 6) + terminal.paint(sign + $0, color)
            }
        }
    }

    private func hunks(_ diff: TextDiff, indent: Int) -> [String] {
        TextDiffLines(terminal: terminal).lines(diff, indent: indent)
    }

    private func scores(_ scores: ScoreComparison) -> [String] {
        if scores.isEmpty { return ["  scores: none recorded for either version"] }
        var lines = [String]()
        for group in scores.groups {
            let paired = group.cases.map { ", \($0.shared) cases paired" } ?? ", no per-case results on both sides: no significance claimed"
            lines.append("  scores — \(DiffCells.group(suite: group.suite, model: group.model)) "
                + terminal.paint("(\(DiffCells.count(group.fromRecords, "run")) → \(DiffCells.count(group.toRecords, "run"))\(paired))", .dim))
            var table = [["metric", from, to, "delta", "relative", "verdict", "95% CI"]]
            for metric in group.metrics {
                table.append([
                    metric.name, DiffCells.summary(metric.from), DiffCells.summary(metric.to), DiffCells.delta(metric.delta),
                    DiffCells.relative(metric.relativeDelta), DiffCells.verdict(metric), DiffCells.interval(metric.interval),
                ])
            }
            lines += aligned(table).enumerated().map { index, row in
                "    " + (index == 0 ? terminal.paint(row, .dim) : paintVerdict(row, group.metrics[index - 1].verdict))
            }
            if let cases = group.cases { lines += self.cases(cases) }
        }
        for side in scores.unpaired {
            let values = side.metrics.keys.sorted().map { "\($0) \(DiffCells.summary(side.metrics[$0]))" }.joined(separator: ", ")
            lines.append("  scores only at \(side.side == .from ? from : to) — \(DiffCells.group(suite: side.suite, model: side.model)) "
                + "(\(DiffCells.count(side.records, "run"))): \(values)")
        }
        return lines
    }

    private func cases(_ cases: CaseComparison) -> [String] {
        var lines = [String]()
        if cases.onlyFrom + cases.onlyTo > 0 {
            lines.append("    not paired: \(cases.onlyFrom) cases only at \(from), \(cases.onlyTo) only at \(to)")
        }
        if let test = cases.passFail {
            lines.append("    pass/fail: " + DiffCells.passFail(test, shared: cases.shared))
        }
        for direction in CaseFlip.Direction.allCasesInOrder {
            let flips = cases.flips.filter { $0.direction == direction }
            guard !flips.isEmpty else { continue }
            lines.append("    " + terminal.paint(direction == .passToFail ? "pass → fail:" : "fail → pass:", direction == .passToFail ? .red : .green))
            for flip in flips.prefix(DiffReport.listedFlips) {
                lines.append("      \(flip.id)" + outputs(flip))
            }
            if flips.count > DiffReport.listedFlips { lines.append("      … and \(flips.count - DiffReport.listedFlips) more (--format json lists all)") }
        }
        return lines
    }

    private func outputs(_ flip: CaseFlip) -> String {
        guard flip.fromOutput != nil || flip.toOutput != nil else { return "" }
        func quoted(_ text: String?) -> String {
            guard let text else { return "—" }
            let line = text.replacingOccurrences(of: "\n", with: " ")
            return "\"" + (line.count > 60 ? line.prefix(59) + "…" : line) + "\""
        }
        return ": \(quoted(flip.fromOutput)) → \(quoted(flip.toOutput))"
    }

    private func paintVerdict(_ row: String, _ verdict: Verdict?) -> String {
        switch verdict {
        case .better?: terminal.paint(row, .green)
        case .worse?: terminal.paint(row, .red)
        default: row
        }
    }

    /// Rows padded to their columns' widths, two spaces apart.
    private func aligned(_ rows: [[String]]) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            var line = zip(row, widths).map { $0.padded(to: $1) }.joined(separator: "  ")
            while line.last?.isWhitespace == true { line.removeLast() }
            return line
        }
    }
}
