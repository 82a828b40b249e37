import QuillKit

extension ReviewReport {
    /// GitHub refuses comments longer than 65,536 characters; the default cap leaves room to spare.
    static let defaultMaxCharacters = 65_000

    /// The pull-request comment, at most `maxCharacters` UTF-16 units long (as GitHub counts): the
    /// gate and the rule, then regressions, improvements and the rest folded into `<details>`. When
    /// everything does not fit, the least important prompts lose their diffs, then their sections,
    /// and a closing line says what was left out and where the full report is (`fullReport`).
    func renderMarkdown(maxCharacters: Int = defaultMaxCharacters, fullReport: String? = nil) -> String {
        var page = CappedPage(limit: maxCharacters, reserve: 500)
        page.addAlways(headerLines())
        if let configChange {
            let note = ["", "**This pull request changes \(Markdown.code(QuillConfig.fileName)); the gate used the base's.**", ""]
            let diff = ["<details>", "<summary>\(Markdown.html(QuillConfig.fileName)) from base to head</summary>", ""]
                + Markdown.diffBlock(configChange) + ["</details>"]
            page.section(open: [], close: [], items: [(full: note + diff, brief: note, name: QuillConfig.fileName)])
        }
        let sections: [(title: String, verdicts: [ReviewVerdict], folded: Bool)] = [
            ("Regressions", [.regressed], false), ("Improvements", [.improved], false),
            ("Other changed prompts", [.notEvaluated, .worse, .withinNoise], true),
        ]
        for section in sections {
            let members = section.verdicts.flatMap(prompts)
            guard !members.isEmpty else { continue }
            let title = "\(section.title) (\(members.count))"
            let (open, close) = section.folded
                ? (["", "<details>", "<summary>\(Markdown.html(title))</summary>", ""], ["", "</details>"])
                : (["", "#### \(title)", ""], [])
            page.section(open: open, close: close, items: members.map { (full: block($0, withDiff: true), brief: block($0, withDiff: false), name: $0.diff.path) })
        }
        page.addAlways(page.closingLine(fullReport: fullReport))
        return page.text
    }

    private func headerLines() -> [String] {
        let mark = gate.failed ? "❌" : "✅"
        var lines = [
            "### \(mark) quill review: \(ReviewCells.gate(self))", "",
            "Head \(Markdown.code(head.label)) (\(Markdown.code(String(head.commit.prefix(7))))) into \(Markdown.code(base.label)) "
                + "(\(Markdown.code(String(base.commit.prefix(7))))), scores compared from their merge base \(Markdown.code(String(mergeBase.commit.prefix(7)))); "
                + ReviewCells.counts(self) + ".", "",
            "> \(rule)", "",
        ]
        let policy = ReviewCells.policy(self.policy)
        lines.append("Gates from \(Markdown.code(base.label)): " + (policy.isEmpty
            ? "none declared."
            : policy.map { "\(Markdown.code($0.name)) (\($0.gates))" }.joined(separator: ", ") + "."))
        return lines
    }

    /// A metric's cells: names from the records escaped, numbers and the reason (Quill's own words) as they are.
    private func row(_ metric: MetricReview) -> [String] {
        let cells = ReviewCells.row(metric)
        return [Markdown.cell(cells[0]), Markdown.cell(cells[1])] + cells.dropFirst(2)
    }

    /// One prompt: its verdict line, its metrics, what to record, and (when `withDiff`) its diff folded.
    private func block(_ prompt: PromptReview, withDiff: Bool) -> [String] {
        var lines = ["**\(Markdown.code(prompt.diff.path))** — \(Markdown.cell(DiffCells.change(prompt.diff))) · **\(prompt.verdict.words)**", ""]
        if !prompt.metrics.isEmpty, withDiff || prompt.verdict == .regressed {
            lines += Markdown.table(header: ReviewCells.rowHeader, alignRight: [2, 3, 4], rows: prompt.metrics.map(row))
            lines.append("")
        }
        if let missing = prompt.missing {
            lines += ["Not evaluated: \(ReviewCells.missingSide(missing)); run your evaluation, then \(Markdown.code(missing.remedy)).", ""]
        }
        if withDiff {
            lines += ["<details>", "<summary>Diff of <code>\(Markdown.html(prompt.diff.path))</code></summary>", ""]
            lines += PromptDiffMarkdown(prompt: prompt.diff, from: "merge base", to: head.label).lines()
            lines += ["", "</details>", ""]
        }
        return lines
    }
}

/// A markdown page that keeps under a size: items go in whole (full form, else brief form) in the
/// order given, and once one does not fit, it and everything after it are left out and counted.
private struct CappedPage {
    let limit: Int
    /// Room kept for the closing line (its names and link are bounded to fit).
    let reserve: Int
    private(set) var lines = [String]()
    private var size = 0
    private var shortened = 0
    private var leftOut = [String]()

    init(limit: Int, reserve: Int) {
        self.limit = limit
        self.reserve = min(reserve, limit / 4)
    }

    var text: String { lines.joined(separator: "\n") }

    private static func size(_ lines: [String]) -> Int {
        lines.reduce(0) { $0 + $1.utf16.count + 1 }
    }

    private func fits(_ extra: Int) -> Bool { size + extra <= limit - reserve }

    mutating func addAlways(_ more: [String]) {
        lines += more
        size += Self.size(more)
    }

    /// A section: its opening and closing lines around as many items as fit.
    mutating func section(open: [String], close: [String], items: [(full: [String], brief: [String], name: String)]) {
        let frame = Self.size(open) + Self.size(close)
        guard leftOut.isEmpty, fits(frame + Self.size(items[0].brief)) else {
            leftOut += items.map(\.name)
            return
        }
        addAlways(open)
        size += Self.size(close)
        var briefOnly = false
        for item in items {
            guard leftOut.isEmpty else {
                leftOut.append(item.name)
                continue
            }
            if !briefOnly, fits(Self.size(item.full)) {
                addAlways(item.full)
            } else if fits(Self.size(item.brief)) {
                briefOnly = true
                shortened += 1
                addAlways(item.brief)
            } else {
                leftOut.append(item.name)
            }
        }
        lines += close
    }

    /// What was shortened or left out, and where to read it all; empty when nothing was.
    func closingLine(fullReport: String?) -> [String] {
        guard shortened > 0 || !leftOut.isEmpty else { return [] }
        var parts = [String]()
        if shortened > 0 { parts.append("\(DiffCells.count(shortened, "prompt")) shown without \(shortened == 1 ? "its" : "their") diff") }
        if !leftOut.isEmpty {
            let names = leftOut.prefix(3).map { Markdown.code(String($0.prefix(60))) }.joined(separator: ", ") + (leftOut.count > 3 ? ", …" : "")
            parts.append("\(DiffCells.count(leftOut.count, "prompt")) left out (\(names))")
        }
        let whereFull = fullReport.map { "the full report: \(Markdown.cell(String($0.prefix(300))))" }
            ?? "the full report is the HTML or JSON artefact of this job (`quill review --format html`, `--format json`)"
        let line = "**Cut to fit \(limit) characters:** " + parts.joined(separator: "; ") + "; " + whereFull + "."
        guard fits(line.utf16.count + 1 - reserve) else {
            return ["", "**Cut to fit \(limit) characters:** \(shortened) diffs and \(leftOut.count) prompts left out; see the full report."]
        }
        return ["", line]
    }
}
