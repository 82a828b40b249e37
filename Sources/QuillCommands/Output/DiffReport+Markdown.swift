import Foundation
import QuillKit

extension DiffReport: MarkdownRenderable {
    /// A summary table first (one row per metric of each prompt, or one row for a prompt without
    /// scores), then a collapsible section per prompt with its prompt diff and score details.
    func renderMarkdown() -> String {
        var lines = ["### quill diff \(Markdown.code(from.label)) → \(Markdown.code(to.label))", ""]
        if prompts.isEmpty {
            lines.append("No prompt changed.")
            return lines.joined(separator: "\n")
        }
        lines += Markdown.table(
            header: ["prompt", "change", "suite · model", "metric", from.label, to.label, "delta", "relative", "verdict", "95% CI"],
            alignRight: [4, 5, 6, 7],
            rows: prompts.flatMap(summaryRows))
        for prompt in prompts {
            lines += ["", "<details>", "<summary><code>\(Markdown.html(prompt.path))</code> — \(Markdown.html(DiffCells.change(prompt)))</summary>", ""]
            lines += PromptDiffMarkdown(prompt: prompt, from: from.label, to: to.label).lines()
            lines += ["", "</details>"]
        }
        return lines.joined(separator: "\n")
    }

    private func summaryRows(_ prompt: PromptDiff) -> [[String]] {
        let head = [Markdown.code(prompt.path), Markdown.cell(DiffCells.change(prompt))]
        let rows = prompt.scores.groups.flatMap { group in
            group.metrics.map { metric in
                head + [
                    Markdown.cell(DiffCells.group(suite: group.suite, model: group.model)), Markdown.cell(metric.name),
                    DiffCells.summary(metric.from), DiffCells.summary(metric.to), DiffCells.delta(metric.delta),
                    DiffCells.relative(metric.relativeDelta), DiffCells.verdict(metric), DiffCells.interval(metric.interval),
                ]
            }
        }
        return rows.isEmpty ? [head + ["—", "—", "—", "—", "—", "—", "no comparable scores", "—"]] : rows
    }
}

/// The body of one prompt's collapsible section.
struct PromptDiffMarkdown {
    let prompt: PromptDiff
    let from: String
    let to: String

    func lines() -> [String] {
        var lines = [String]()
        for (side, error) in [(from, prompt.fromError), (to, prompt.toError)] {
            if let error { lines += ["**Does not parse at \(Markdown.code(side)):** \(Markdown.code(error))", ""] }
        }
        if let text = prompt.text { lines += Markdown.diffBlock(text) }
        if let structure = prompt.structure { lines += self.structure(structure) }
        lines += scores(prompt.scores)
        if let data = prompt.scores.data { lines += ["", "**Data:** " + Markdown.cell(DiffCells.data(data))] }
        return lines
    }

    private func structure(_ structure: PromptStructureDiff) -> [String] {
        if structure.isEmpty { return ["No change to front matter, messages or variables.", ""] }
        var lines = [String]()
        if let format = structure.format { lines += ["**Format:** \(format.old.rawValue) → \(format.new.rawValue)", ""] }
        if !structure.frontMatter.isEmpty {
            lines += ["**Front matter**", ""]
            lines += Markdown.table(header: ["key", from, to], alignRight: [], rows: structure.frontMatter.map { change in
                [Markdown.code(change.path), change.old.map { Markdown.code(DiffCells.value($0)) } ?? "—", change.new.map { Markdown.code(DiffCells.value($0)) } ?? "—"]
            })
            lines.append("")
        }
        if !structure.addedVariables.isEmpty || !structure.removedVariables.isEmpty {
            let added = structure.addedVariables.map(Markdown.code).joined(separator: ", ")
            let removed = structure.removedVariables.map(Markdown.code).joined(separator: ", ")
            lines += ["**Variables:** added \(added.isEmpty ? "none" : added); removed \(removed.isEmpty ? "none" : removed)", ""]
        }
        let shown = structure.messages.filter { $0.kind != .unchanged || $0.moved }
        if !shown.isEmpty {
            lines += ["**Messages**", ""]
            for message in shown {
                let position = message.newIndex.map { "#\($0 + 1)" } ?? message.oldIndex.map { "was #\($0 + 1)" } ?? ""
                let moved = message.moved ? ", moved from #\((message.oldIndex ?? 0) + 1)" : ""
                lines += ["- \(Markdown.code(message.role)) \(position): \(message.kind.rawValue)\(moved)", ""]
                if let diff = message.diff { lines += Markdown.diffBlock(diff) }
                if let text = message.text {
                    let sign = message.kind == .added ? "+" : "-"
                    lines += Markdown.fenced(text.split(separator: "\n", omittingEmptySubsequences: false).map { sign + $0 }, language: "diff")
                }
            }
        }
        return lines
    }

    private func scores(_ scores: ScoreComparison) -> [String] {
        if scores.isEmpty { return ["No scores recorded for either version."] }
        var lines = [String]()
        for group in scores.groups {
            let paired = group.cases.map { "\($0.shared) cases paired" } ?? "no per-case results on both sides, so no significance is claimed"
            lines += ["**Scores: \(Markdown.cell(DiffCells.group(suite: group.suite, model: group.model)))** "
                + "(\(DiffCells.count(group.fromRecords, "run")) → \(DiffCells.count(group.toRecords, "run")); \(paired))", ""]
            lines += Markdown.table(
                header: ["metric", from, to, "delta", "relative", "verdict", "95% CI"], alignRight: [1, 2, 3, 4],
                rows: group.metrics.map { metric in
                    [Markdown.cell(metric.name), DiffCells.summary(metric.from), DiffCells.summary(metric.to), DiffCells.delta(metric.delta),
                     DiffCells.relative(metric.relativeDelta), DiffCells.verdict(metric), DiffCells.interval(metric.interval)]
                })
            lines.append("")
            if let cases = group.cases { lines += self.cases(cases) }
        }
        for side in scores.unpaired {
            let values = side.metrics.keys.sorted().map { "\(Markdown.cell($0)) \(DiffCells.summary(side.metrics[$0]))" }.joined(separator: ", ")
            lines += ["Scores only at \(Markdown.code(side.side == .from ? from : to)), not compared: "
                + "\(Markdown.cell(DiffCells.group(suite: side.suite, model: side.model))) (\(DiffCells.count(side.records, "run"))): \(values)", ""]
        }
        return lines
    }

    private func cases(_ cases: CaseComparison) -> [String] {
        var lines = [String]()
        if let test = cases.passFail {
            lines += ["Pass/fail: " + DiffCells.passFail(test, shared: cases.shared) + ".", ""]
        }
        let listed = CaseFlip.Direction.allCasesInOrder.flatMap { direction in
            cases.flips.filter { $0.direction == direction }.prefix(DiffReport.listedFlips)
        }
        if !listed.isEmpty {
            lines += ["**Flipped cases**", ""]
            lines += Markdown.table(header: ["case", "flip", "\(from) output", "\(to) output"], alignRight: [], rows: listed.map { flip in
                [Markdown.code(flip.id), flip.direction == .passToFail ? "pass → fail" : "fail → pass",
                 Markdown.cell(flip.fromOutput ?? "—"), Markdown.cell(flip.toOutput ?? "—")]
            })
            let more = cases.flips.count - listed.count
            if more > 0 { lines += ["", "… and \(more) more flipped cases (`--format json` lists all)."] }
            lines.append("")
        }
        return lines
    }
}
