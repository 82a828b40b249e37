import QuillKit

extension ReviewReport {
    /// GitHub refuses comments longer than 65,536 characters; the default cap leaves room to spare.
    static let defaultMaxCharacters = 65_000

    /// The pull-request comment, at most `maxCharacters` UTF-16 units long (as GitHub counts): the
    /// gate and the rule, then regressions, improvements and the rest folded into `<details>`. When
    /// everything does not fit, the least important prompts lose their diffs, then their sections,
    /// and a closing line says what was left out and where the full report is (`fullReport`).
    func renderMarkdown(maxCharacters: Int = defaultMaxCharacters, fullReport: String? = nil) -> String {
        var sections = [CappedPage.Section]()
        if let configChange {
            let note = ["", "**This pull request changes \(Markdown.code(QuillConfig.fileName)); the gate used the base's.**", ""]
            let diff = ["<details>", "<summary>\(Markdown.html(QuillConfig.fileName)) from base to head</summary>", ""]
                + Markdown.diffBlock(configChange) + ["</details>"]
            sections.append(CappedPage.Section(open: [], close: [], items: [CappedPage.Item(full: { note + diff }, brief: note, name: QuillConfig.fileName)]))
        }
        let groups: [(title: String, verdicts: [ReviewVerdict], folded: Bool)] = [
            ("Regressions", [.regressed], false), ("Improvements", [.improved], false),
            ("Other changed prompts", [.notEvaluated, .worse, .withinNoise], true),
        ]
        for group in groups {
            let members = group.verdicts.flatMap(prompts)
            guard !members.isEmpty else { continue }
            let title = "\(group.title) (\(members.count))"
            let (open, close) = group.folded
                ? (["", "<details>", "<summary>\(Markdown.html(title))</summary>", ""], ["", "</details>"])
                : (["", "#### \(title)", ""], [])
            sections.append(CappedPage.Section(open: open, close: close, items: members.map { member in
                CappedPage.Item(full: { [self] in block(member, withDiff: true) }, brief: block(member, withDiff: false), name: member.diff.path)
            }))
        }
        return CappedPage(limit: maxCharacters, reserve: 500).render(header: headerLines(), sections: sections, fullReport: fullReport)
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

/// A markdown page that keeps under a size. Every item is first given its brief form, most
/// important first, as long as they fit (the rest are left out); then, in the same order, items get
/// their full form while the difference fits. A closing line says what was shortened or left out.
private struct CappedPage {
    /// A prompt (or the configuration change): with and without its diff (always longer: made only
    /// for the items that are tried in full), and its name.
    struct Item {
        let full: () -> [String]
        let brief: [String]
        let name: String
    }

    /// Items under a heading (or inside a fold), with the lines that open and close it.
    struct Section {
        let open: [String]
        let close: [String]
        let items: [Item]
    }

    let limit: Int
    /// Room kept for the closing line (its names and link are bounded to fit).
    let reserve: Int

    init(limit: Int, reserve: Int) {
        self.limit = limit
        self.reserve = min(reserve, limit / 4)
    }

    private static func size(_ lines: [String]) -> Int {
        lines.reduce(0) { $0 + $1.utf16.count + 1 }
    }

    func render(header: [String], sections: [Section], fullReport: String?) -> String {
        let budget = limit - reserve
        var size = Self.size(header)
        // Pass 1: brief forms in order, each section's frame counted with its first item.
        var included = sections.map { _ in 0 }
        var leftOut = [String]()
        for (index, section) in sections.enumerated() {
            for item in section.items {
                let frame = included[index] == 0 ? Self.size(section.open) + Self.size(section.close) : 0
                if leftOut.isEmpty, size + frame + Self.size(item.brief) <= budget {
                    size += frame + Self.size(item.brief)
                    included[index] += 1
                } else {
                    leftOut.append(item.name)
                }
            }
        }
        // Pass 2: full forms in the same order while the difference fits.
        var full = sections.map { _ in [[String]]() }
        var upgrading = true
        for index in sections.indices where upgrading {
            for item in sections[index].items.prefix(included[index]) {
                let expanded = item.full()
                let extra = Self.size(expanded) - Self.size(item.brief)
                guard size + extra <= budget else {
                    upgrading = false
                    break
                }
                size += extra
                full[index].append(expanded)
            }
        }
        var lines = header
        var shortened = 0
        for (index, section) in sections.enumerated() where included[index] > 0 {
            lines += section.open
            for (position, item) in section.items.prefix(included[index]).enumerated() {
                lines += position < full[index].count ? full[index][position] : item.brief
                if position >= full[index].count { shortened += 1 }
            }
            lines += section.close
        }
        let text = lines.joined(separator: "\n")
        let closing = closingLine(shortened: shortened, leftOut: leftOut, fullReport: fullReport, room: limit - text.utf16.count - 2)
        return closing.map { text + "\n\n" + $0 } ?? text
    }

    /// What was shortened or left out, and where to read it all; nil when nothing was.
    private func closingLine(shortened: Int, leftOut: [String], fullReport: String?, room: Int) -> String? {
        guard shortened > 0 || !leftOut.isEmpty else { return nil }
        var parts = [String]()
        if shortened > 0 { parts.append("\(DiffCells.count(shortened, "prompt")) shown without \(shortened == 1 ? "its" : "their") diff") }
        if !leftOut.isEmpty {
            let names = leftOut.prefix(3).map { Markdown.code(String($0.prefix(60))) }.joined(separator: ", ") + (leftOut.count > 3 ? ", …" : "")
            parts.append("\(DiffCells.count(leftOut.count, "prompt")) left out (\(names))")
        }
        let whereFull = fullReport.map { "the full report: \(Markdown.cell(String($0.prefix(300))))" }
            ?? "the full report is the HTML or JSON artefact of this job (`quill review --format html`, `--format json`)"
        let line = "**Cut to fit \(limit) characters:** " + parts.joined(separator: "; ") + "; " + whereFull + "."
        guard line.utf16.count + 1 <= room else {
            return "**Cut to fit \(limit) characters:** \(shortened) diffs and \(leftOut.count) prompts left out; see the full report."
        }
        return line
    }
}
