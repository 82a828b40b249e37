import Foundation
@testable import QuillCommands
import QuillKit
import TestSupport
import Testing

@Suite("quill blame --metric rendering")
struct RegressionRenderingTests {
    @Test("markdown parses as GitHub-flavoured markdown: the regressions table, then each regression's candidates and their lines")
    func markdownParses() throws {
        let repository = try TestRepository.evaluated()
        try repository.write("quill.yaml", "metrics:\n  accuracy: {direction: higher}\n")
        let commits = try repository.commitPromptHistory(count: 40, culprit: 24)
        try repository.recordAccuracyDrop(on: commits, at: 24, skipping: [23, 24], seed: 3)
        let report = try Workspace.open(from: repository.path).regressions(prompt: "prompts/a.md", metric: "accuracy")
        let regression = try #require(report.regressions.first)
        let html = try GitHubMarkdown.html(report.renderMarkdown())

        #expect(html.hasPrefix("<h3>quill blame <code>prompts/a.md</code> --metric <code>accuracy</code></h3>"))
        let summary = try GitHubMarkdown.tableRows(html, index: 0)
        #expect(summary.first == ["#", "before", "after", "change", "p", "last good", "first bad", "culprit"])
        #expect(summary.count == report.regressions.count + 1)
        #expect(summary[1][0] == "1" && summary[1][5] == String(commits[22].prefix(8)) && summary[1][6] == String(commits[25].prefix(8)))
        #expect(summary[1][7] == String(commits[24].prefix(8)))
        // The change cell is the after mean less the before mean, signed, to four significant digits.
        let change = try #require(Double(summary[1][3]))
        #expect(summary[1][3].hasPrefix("-") && change < 0)
        #expect(abs(change - (regression.after.mean - regression.before.mean)) <= 0.00005 + abs(change) * 1e-4, "\(summary[1][3])")

        let candidates = try GitHubMarkdown.tableRows(html, index: 1)
        #expect(candidates.first == ["commit", "change", "probability", "date", "subject", "author", "culprit"])
        #expect(candidates.dropFirst().map { $0[0] } == regression.candidates.map { String($0.commit.prefix(8)) })
        #expect(candidates[1] == [String(commits[24].prefix(8)), "prompt", "1", String(regression.candidates[0].date.prefix(10)), "change 24", TestEnvironment.authorName, "yes"])
        #expect(html.contains("<p><strong>Regression 1</strong>: <code>\(commits[24].prefix(8))</code> (prompt, probability 1) caused this regression; review or revert its change.</p>"))
        #expect(html.contains("<pre><code class=\"language-diff\">+Skip citations.\n</code></pre>"))
        #expect(html.components(separatedBy: "<details>").count - 1 == report.regressions.count)
    }

    @Test("a change to an included file shows under its path, in text and in markdown")
    func includedFileChange() throws {
        let (repository, commits) = try TestRepository.partialRegression()
        let report = try Workspace.open(from: repository.path).regressions(prompt: "prompts/a.prompt", metric: "accuracy")
        let html = try GitHubMarkdown.html(report.renderMarkdown())
        #expect(html.contains("<p>Lines <code>\(commits[24].prefix(8))</code> changed in the included <code>prompts/_tone.prompt</code>:</p>"))
        #expect(html.contains("<pre><code class=\"language-diff\">-Cite the policy.\n+Skip citations.\n</code></pre>"))
        let text = report.renderText(Terminal(usesColor: false))
        #expect(text.contains("culprit \(commits[24].prefix(8)) prompt"))
        #expect(text.contains("            in included prompts/_tone.prompt:\n            -Cite the policy.\n            +Skip citations."))
    }

    @Test("markdown without a regression says so in one sentence")
    func noRegression() throws {
        let repository = try TestRepository.evaluated()
        let commits = try repository.commitPromptHistory(count: 6, culprit: 99)
        for commit in commits { try repository.recordMetrics(#"{"accuracy": 0.8}"#, commit: commit) }
        let report = try Workspace.open(from: repository.path).regressions(prompt: "prompts/a.md", metric: "accuracy")
        let html = try GitHubMarkdown.html(report.renderMarkdown())
        #expect(html.contains("<p>No regression of <code>accuracy</code> (higher is better) over 6 evaluated commits.</p>"))
        #expect(!html.contains("<table>"))
    }
}
