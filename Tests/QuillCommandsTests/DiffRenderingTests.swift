import Foundation
@testable import QuillCommands
import QuillKit
import TestSupport
import Testing

@Suite("quill diff rendering")
struct DiffRenderingTests {
    /// A repository with a scored prompt at two commits (per-case results on both sides, a flip
    /// pass→fail and one fail→pass) and a renamed prompt without scores; the diff HEAD~1 → HEAD.
    private func report() throws -> (TestRepository, DiffReport) {
        let repository = try TestRepository.evaluated()
        try repository.write("quill.yaml", "metrics:\n  accuracy: {direction: higher}\n  latency_ms: {direction: lower}\n")
        try repository.write("prompts/support.prompt", "---\nmodel: gpt-4o\n---\n{{role \"user\"}}\nAnswer {{question}} | briefly.\n")
        try repository.write("prompts/faq.md", "Answer from the FAQ: {{question}}\nBe kind.\nBe brief.\n")
        let first = try repository.commitAll("v1")
        try repository.write("prompts/support.prompt", "---\nmodel: gpt-4o-mini\n---\n{{role \"user\"}}\nAnswer {{question}} | in two sentences.\n")
        try repository.git("mv", "prompts/faq.md", "prompts/answer.md")
        let second = try repository.commitAll("v2")
        let workspace = try Workspace.open(from: repository.path)
        for (commit, passes) in [(first, [true, true, false]), (second, [false, true, true])] {
            let cases = passes.enumerated().map { index, pass in
                #"{"id": "c\#(index)", "pass": \#(pass), "metrics": {"accuracy": \#(pass ? 1 : 0), "latency_ms": \#(100 + index)}, "output": "out <\#(index)> | x"}"#
            }
            let file = repository.path + "/results.json"
            try Data(#"{"quill": 1, "suite": "smoke", "model": "m", "cases": [\#(cases.joined(separator: ","))]}"#.utf8).write(to: URL(fileURLWithPath: file))
            _ = try workspace.recordEvaluations(RecordRequest(files: [file], prompt: "prompts/support.prompt", commit: commit))
        }
        return (repository, try workspace.diff(DiffRequest(revisions: ["HEAD~1", "HEAD"])))
    }

    @Test("markdown parses as GitHub-flavoured markdown: a summary table first, one collapsible section per prompt")
    func markdownParses() throws {
        let (_, report) = try report()
        let markdown = report.renderMarkdown()
        let html = try GitHubMarkdown.html(markdown)
        #expect(html.hasPrefix("<h3>quill diff <code>HEAD~1</code> → <code>HEAD</code></h3>"))
        let summary = try GitHubMarkdown.tableRows(html, index: 0)
        #expect(summary.first == ["prompt", "change", "suite · model", "metric", "HEAD~1", "HEAD", "delta", "relative", "verdict", "95% CI"])
        #expect(html.components(separatedBy: "<thead>")[1].components(separatedBy: "<th").count - 1 == 10)
        // One row per metric of the scored prompt, one row for the prompt without scores.
        let rows = Array(summary.dropFirst())
        #expect(rows.count == 4)
        #expect(rows.map { $0[0] } == ["prompts/answer.md", "prompts/support.prompt", "prompts/support.prompt", "prompts/support.prompt"])
        #expect(rows[1][3] == "accuracy" && rows[1][4] == "0.6667" && rows[1][5] == "0.6667" && rows[1][8] == "unchanged")
        #expect(rows[2][3] == "latency_ms" && rows[2][8] == "unchanged")
        #expect(rows[3][3] == "pass_rate")
        #expect(rows[0][1].hasPrefix("renamed from prompts/faq.md"))
        #expect(rows[0][8] == "no comparable scores")
        #expect(rows.allSatisfy { $0.count == 10 }, "\(rows)")
        #expect(html.components(separatedBy: "<details>").count - 1 == report.prompts.count)
        #expect(html.contains("<summary><code>prompts/support.prompt</code> — modified</summary>"))
        // The flipped cases table: pass → fail first, outputs escaped (no raw HTML, pipes kept in the cell).
        let flips = try GitHubMarkdown.tableRows(html, index: 3)
        #expect(flips.first == ["case", "flip", "HEAD~1 output", "HEAD output"])
        #expect(flips.dropFirst().map { $0[1] } == ["pass → fail", "fail → pass"])
        #expect(flips[1] == ["c0", "pass → fail", "out &lt;0&gt; | x", "out &lt;0&gt; | x"])
        #expect(!html.contains("<0>"))
    }

    @Test("text has no colour codes off a terminal and colours verdicts and words on one; JSON is the same data")
    func textAndJSON() throws {
        let (_, report) = try report()
        let plain = report.renderText(Terminal(usesColor: false))
        #expect(!plain.contains("\u{1B}"))
        #expect(plain.hasPrefix("diff HEAD~1 ("))
        #expect(plain.contains("~ model: gpt-4o → gpt-4o-mini"))
        #expect(plain.contains("~ Answer {{question}} | [-briefly-]{+in two sentences+}."))
        #expect(plain.contains("pass/fail: 1 pass→fail, 1 fail→pass, 1 both pass, 0 both fail; McNemar exact p = 1"))
        let lines = plain.split(separator: "\n").map(String.init)
        let passToFail = try #require(lines.firstIndex { $0.contains("pass → fail:") })
        let failToPass = try #require(lines.firstIndex { $0.contains("fail → pass:") })
        #expect(passToFail < failToPass)
        #expect(lines[passToFail + 1].contains("c0"))
        let coloured = report.renderText(Terminal(usesColor: true))
        #expect(coloured.contains("\u{1B}[30;41mbriefly\u{1B}[0m"))
        let json = try Renderer.json(report)
        let decoded = try JSONDecoder().decode(DiffReport.self, from: Data(json.utf8))
        #expect(decoded == report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["schema", "from", "to", "prompts"] && object["schema"] as? String == "quill.diff/1")
    }

    @Test("markdown of a hostile prompt (fences, </details>, HTML, headings, comments, bidi) adds no element through a real GFM parser")
    func hostileMarkdown() throws {
        let repository = try TestRepository.evaluated()
        try repository.write("prompts/a.md", "Answer briefly.\nBe kind.\n")
        try repository.write("prompts/b.prompt", "{{role \"user\"}}\nHello.\n")
        try repository.commitAll("v1")
        try repository.write("prompts/a.md", ReviewRenderingTests.hostile)
        try repository.write("prompts/b.prompt", "{{role \"user\"}}\n" + ReviewRenderingTests.hostile + "{{role \"system\"}}\n" + ReviewRenderingTests.hostile)
        try repository.commitAll("v2")
        let report = try Workspace.open(from: repository.path).diff(DiffRequest(revisions: ["HEAD~1", "HEAD"]))
        let html = try GitHubMarkdown.html(report.renderMarkdown())
        let allowed: Set<String> = ["h3", "p", "table", "thead", "tbody", "tr", "th", "td", "details", "summary", "code", "pre", "strong", "ul", "li"]
        #expect(ReviewRenderingTests.tags(html).subtracting(allowed).isEmpty, "\(ReviewRenderingTests.tags(html))")
        #expect(!html.contains("<!--") && !html.contains("<img") && !html.contains("\u{202E}"))
        #expect(html.components(separatedBy: "<details>").count - 1 == 2)
        #expect(html.components(separatedBy: "</details>").count - 1 == 2)
        #expect(html.contains("+&lt;script&gt;alert(1)&lt;/script&gt;"))
    }
}
