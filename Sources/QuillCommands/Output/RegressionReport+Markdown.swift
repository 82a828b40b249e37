import QuillKit

extension RegressionReport: MarkdownRenderable {
    /// A summary table of the regressions first, then a collapsible section per regression with its
    /// candidate commits and the prompt lines each changed.
    func renderMarkdown() -> String {
        let direction = "\(direction.rawValue) is better\(suite.map { ", suite \(Markdown.code($0))" } ?? "")"
        var lines = ["### quill blame \(Markdown.code(prompt)) --metric \(Markdown.code(metric))", ""]
        guard !regressions.isEmpty else {
            lines.append("No regression of \(Markdown.code(metric)) (\(direction)) over \(evaluatedCommits) evaluated commits.")
            return lines.joined(separator: "\n")
        }
        let count = regressions.count == 1 ? "1 regression" : "\(regressions.count) regressions"
        lines += ["\(count) of \(Markdown.code(metric)) (\(direction)) over \(evaluatedCommits) evaluated commits; each level is the mean ± standard error of the evaluated commits at it (their count in brackets).", ""]
        lines += Markdown.table(
            header: ["#", "before", "after", "change", "p", "last good", "first bad", "culprit"],
            alignRight: [0, 1, 2, 3, 4],
            rows: regressions.enumerated().map { index, regression in
                [
                    String(index + 1), Self.level(regression.before), Self.level(regression.after),
                    ScoreFormat.signed(regression.change), ScoreFormat.short(regression.pValue),
                    Markdown.code(String(regression.lastGood.prefix(8))), Markdown.code(String(regression.firstBad.prefix(8))),
                    regression.culprit.map { Markdown.code(String($0.prefix(8))) } ?? "none",
                ]
            })
        for (index, regression) in regressions.enumerated() {
            lines += ["", "**Regression \(index + 1)**: " + regression.advice(metric: metric, prompt: prompt, code: Markdown.code)]
            lines += ["", "<details>", "<summary>Regression \(index + 1): \(regression.candidates.count) candidate commit\(regression.candidates.count == 1 ? "" : "s")</summary>", ""]
            lines += Self.candidates(regression)
            lines += ["</details>"]
        }
        return lines.joined(separator: "\n")
    }

    private static func level(_ level: MetricLevel) -> String {
        "\(ScoreFormat.short(level.mean)) ± \(ScoreFormat.short(level.standardError)) (\(level.commits))"
    }

    private static func candidates(_ regression: MetricRegression) -> [String] {
        guard !regression.candidates.isEmpty else { return ["No commit in between changed the prompt, its model, its data, its dataset or its suite.", ""] }
        var lines = Markdown.table(
            header: ["commit", "change", "probability", "date", "subject", "author", "culprit"],
            alignRight: [],
            rows: regression.candidates.map { candidate in
                [
                    Markdown.code(String(candidate.commit.prefix(8))), candidate.kinds.map(\.rawValue).joined(separator: " + "),
                    ScoreFormat.short(candidate.probability), String(candidate.date.prefix(10)), Markdown.cell(candidate.subject), Markdown.cell(candidate.author),
                    candidate.commit == regression.culprit ? "**yes**" : "",
                ]
            })
        lines.append("")
        for candidate in regression.candidates {
            let commit = Markdown.code(String(candidate.commit.prefix(8)))
            lines += diffBlock("Lines \(commit) changed:", candidate.changedLines)
            for include in candidate.includes {
                lines += diffBlock("Lines \(commit) changed in the included \(Markdown.code(include.path)):", include.changedLines)
            }
            for setting in candidate.settings {
                lines += diffBlock("Lines \(commit) set in \(Markdown.code(setting.path)):", setting.changedLines)
            }
        }
        return lines
    }

    /// `title` and a `diff` block of `changed`; nothing when no line changed.
    private static func diffBlock(_ title: String, _ changed: [String]) -> [String] {
        guard !changed.isEmpty else { return [] }
        return [title, ""] + Markdown.fenced(changed, language: "diff")
    }
}
