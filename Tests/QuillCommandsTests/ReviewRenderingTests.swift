import Foundation
@testable import QuillCommands
import QuillKit
import TestSupport
import Testing

@Suite("quill review rendering")
struct ReviewRenderingTests {
    /// Prompt text written to break out of a comment: a fence, a stray `</details>`, raw HTML with a
    /// script, a heading, an HTML comment, a CDATA end, a link, an image and bidirectional controls.
    static let hostile = [
        "Answer briefly.", "```", "````", "</details>", "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "# Injected heading",
        "<!-- hidden", "]]>", "[click](javascript:alert(1)) ![pixel](http://example.com/p.png) www.example.com", "\u{202E}gnp.exe\u{202C}",
        "| a | b |", "<details><summary>fake</summary>", "~~~",
    ].joined(separator: "\n") + "\n"

    /// A pull request whose prompts (one with a hostile path) are rewritten with hostile text: one
    /// regressed, one improved, one without scores; the hostile suite name and outputs too.
    static func hostileReport() throws -> (TestRepository, ReviewReport) {
        let paths = ["prompts/a.md", "prompts/`b` <i>x</i>.md", "prompts/c.md"]
        let (repository, base, head) = try TestRepository.pullRequest(
            base: Dictionary(uniqueKeysWithValues: paths.map { ($0, "Answer briefly.\n" + $0 + "\n") }),
            head: Dictionary(uniqueKeysWithValues: paths.map { ($0, Optional(hostile + $0 + "\n")) }))
        for (path, before, after) in [(paths[0], 0.9, 0.6), (paths[1], 0.81, 0.95)] {
            for (commit, value) in [(base, before), (head, after)] {
                let cases = (0..<20).map { index in
                    #"{"id": "t\#(index)", "pass": \#(Double(index) < value * 20), "output": "<img src=y onerror=alert(2)> ```"}"#
                }
                try repository.record(
                    #"{"quill": 1, "suite": "<b>suite</b>", "model": "m|x", "metrics": {"accuracy": \#(value)}, "cases": [\#(cases.joined(separator: ","))]}"#,
                    prompt: path, commit: commit)
            }
        }
        return (repository, try Workspace.open(from: repository.path).review(ReviewRequest(base: "main")))
    }

    /// The tag names in `html`.
    static func tags(_ html: String) -> Set<String> {
        let regex = try! NSRegularExpression(pattern: "<(/?[a-zA-Z][a-zA-Z0-9]*)")
        return Set(regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).map {
            String(html[Range($0.range(at: 1), in: html)!]).lowercased().trimmingCharacters(in: ["/"])
        })
    }

    @Test("markdown through a real GFM parser: hostile prompt text, paths, suites and outputs add no element, comment or link")
    func hostileMarkdown() throws {
        let (_, report) = try Self.hostileReport()
        let markdown = report.renderMarkdown()
        let html = try GitHubMarkdown.html(markdown)
        let allowed: Set<String> = ["h3", "h4", "p", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "details", "summary",
                                    "code", "pre", "strong", "ul", "li"]
        #expect(Self.tags(html).subtracting(allowed).isEmpty, "\(Self.tags(html).subtracting(allowed))")
        #expect(!html.contains("<!--") && !html.contains("<img") && !html.contains("<script") && !html.contains("<a "))
        #expect(!html.contains("\u{202E}") && html.contains("&lt;U+202E&gt;gnp.exe"))
        // Our own folds only: one per prompt diff, one for the other prompts, all closed.
        let opened = html.components(separatedBy: "<details>").count - 1
        #expect(opened == report.prompts.count + 1)
        #expect(html.components(separatedBy: "</details>").count - 1 == opened)
        // The hostile text is there, as text, inside the diff's code block.
        #expect(html.contains("+&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("+# Injected heading"))
        // Regressions come first, then improvements, then the rest.
        let order = ["Regressions (1)", "Improvements (1)", "Other changed prompts (1)"].map { html.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order == order.sorted { $0! < $1! })
        #expect(html.hasPrefix("<h3>❌ quill review: gate failed: 1 prompt regressed; 1 prompt not evaluated</h3>"))
    }

    @Test("markdown fits --max-chars: the least important prompts lose their diffs, then go, and the last line says so")
    func capped() throws {
        let (_, report) = try Self.hostileReport()
        let full = report.renderMarkdown()
        #expect(!full.contains("Cut to fit"))
        for limit in [full.utf16.count - 1, 5_000, 2_500, 2_000] {
            let markdown = report.renderMarkdown(maxCharacters: limit, fullReport: "https://ci.example.com/artifacts/review.html")
            #expect(markdown.utf16.count <= limit, "\(limit)")
            #expect(markdown.contains("**Cut to fit \(limit) characters:**"))
            let html = try GitHubMarkdown.html(markdown)
            #expect(html.components(separatedBy: "<details>").count == html.components(separatedBy: "</details>").count)
            #expect(!html.contains("<img") && !html.contains("<script"))
            // The regression is kept (at least its table) while anything is.
            #expect(html.contains("prompts/a.md"))
        }
        let tight = report.renderMarkdown(maxCharacters: 1_500)
        #expect(tight.utf16.count <= 1_500)
        #expect(tight.contains("left out"))
        #expect(tight.contains("`quill review --format html`"))
    }

    @Test("github: ::error on the regressed prompt's changed lines, ::warning for prompts without scores, properties escaped")
    func githubCommands() throws {
        let (_, report) = try Self.hostileReport()
        let lines = report.renderGitHubCommands().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let errors = lines.filter { $0.hasPrefix("::error ") }
        let lineCount = Self.hostile.split(separator: "\n").count  // line 1 and the path's last line are kept
        #expect(errors.count == 1, "\(lines)")
        #expect(errors.allSatisfy { $0.hasPrefix("::error file=prompts/a.md,line=2,endLine=\(lineCount),title=quill review%3A ") }, "\(errors)")
        #expect(lines.contains { $0.hasPrefix("::warning file=prompts/`b` <i>x</i>.md,") } == false)
        let warning = try #require(lines.first { $0.hasPrefix("::warning file=prompts/c.md,title=quill review%3A not evaluated::") })
        #expect(warning.hasSuffix("no records on either side; run your evaluation, then quill eval record RESULTS --prompt prompts/c.md --commit \(report.mergeBase.commit.prefix(12)); quill eval record RESULTS --prompt prompts/c.md --commit \(report.head.commit.prefix(12))"))
        #expect(lines.last == "gate failed: 1 prompt regressed; 1 prompt not evaluated")
        #expect(WorkflowCommand.line("error", [("file", "a,b:c%d\r\ne")], "50% done\r\nnext") == "::error file=a%2Cb%3Ac%25d%0D%0Ae::50%25 done%0D%0Anext")
        #expect(ReviewReport.ranges([1, 2, 3, 7, 9, 10]) == [1...3, 7...7, 9...10])
    }

    @Test("text names the gate, the rule, the base's gates and each prompt's verdict; JSON is the same data")
    func textAndJSON() throws {
        let (_, report) = try Self.hostileReport()
        let text = report.renderText(Terminal(usesColor: false))
        #expect(text.contains("gate failed: 1 prompt regressed; 1 prompt not evaluated"))
        #expect(text.contains("gates from main: accuracy (higher, min 0.8, max_drop 0.05)"))
        #expect(text.contains("\nREGRESSED\nprompts/a.md  modified"))
        let decoded = try JSONDecoder().decode(ReviewReport.self, from: Data(try Renderer.json(report).utf8))
        #expect(decoded == report)
    }

    @Test("without details (text, markdown, github): no file diffs or history read, the rest of the report and those outputs unchanged")
    func withoutDetails() throws {
        let (repository, full) = try Self.hostileReport()
        let brief = try Workspace.open(from: repository.path).review(ReviewRequest(base: "main", detailed: false))
        #expect(full.prompts.contains { $0.fileDiff != nil } && full.prompts.contains { !$0.history.isEmpty })
        #expect(brief.prompts.allSatisfy { $0.fileDiff == nil && $0.history.isEmpty })
        #expect(brief.prompts.map(\.diff) == full.prompts.map(\.diff) && brief.prompts.map(\.metrics) == full.prompts.map(\.metrics))
        #expect(brief.prompts.map(\.changedLines) == full.prompts.map(\.changedLines) && brief.gate == full.gate)
        let plain = Terminal(usesColor: false)
        #expect(brief.renderText(plain) == full.renderText(plain))
        #expect(brief.renderGitHubCommands() == full.renderGitHubCommands())
        for limit in [2_000, 5_000, ReviewReport.defaultMaxCharacters] {
            #expect(brief.renderMarkdown(maxCharacters: limit) == full.renderMarkdown(maxCharacters: limit))
        }
    }
}
