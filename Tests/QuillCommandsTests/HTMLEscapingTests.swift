import Foundation
@testable import QuillCommands
import QuillKit
import TestSupport
import Testing

@Suite("HTML escaping of the report templates")
struct HTMLEscapingTests {
    /// A quote, an apostrophe and angle brackets each followed by a combining mark: one Character
    /// each, which Mustache's own escaping (by Character) let through raw.
    static let marked = "\"\u{301} style=\"display:none\" x='\u{301}' <\u{338}b>\u{301} &amp;"

    /// Whether `needle`'s bytes occur in `text`'s.
    private static func occurs(_ needle: String, in text: String) -> Bool {
        Array(text.utf8).firstRange(of: Array(needle.utf8)) != nil
    }

    @Test("the five special bytes are replaced wherever they are, combining marks after them or not; other text is kept as it is")
    func bytes() {
        #expect(HTMLEscaping.escaped(Self.marked)
            == "&quot;\u{301} style=&quot;display:none&quot; x=&#39;\u{301}&#39; &lt;\u{338}b&gt;\u{301} &amp;amp;")
        let plain = "é 日本 🚀 \u{202E} a\u{301} {{x}}"
        #expect(HTMLEscaping.escaped(plain) == plain)
        #expect(HTMLEscaping().escapeText("<\u{338}") == "&lt;\u{338}")
    }

    @Test("through the review page: a suite name and prompt text with a combining mark after a quote or '<' close no attribute and open no tag")
    func reviewPage() throws {
        let suite = "\"\u{301} onmouseover=alert(1) x=\"\u{301}"
        let (repository, base, head) = try TestRepository.pullRequest(
            base: ["prompts/a.md": "Answer briefly.\n"], head: ["prompts/a.md": "Answer <\u{338}script>\u{301}alert(1)</script> and \(Self.marked)\n"])
        for (commit, value) in [(base, 0.9), (head, 0.6)] {
            let suiteJSON = String(decoding: try JSONEncoder().encode(suite), as: UTF8.self)
            try repository.record(#"{"quill": 1, "suite": \#(suiteJSON), "metrics": {"accuracy": \#(value)}}"#, prompt: "prompts/a.md", commit: commit)
        }
        let html = try Workspace.open(from: repository.path).review(ReviewRequest(base: "main")).renderHTML()
        // The suite name in the chart's aria-label and caption, the prompt text in the side-by-side rows (`SideBySideRows`).
        #expect(html.contains("aria-label=\"accuracy — &quot;\u{301} onmouseover=alert(1) x=&quot;\u{301}"))
        #expect(Self.occurs("&lt;\u{338}script&gt;\u{301}alert(1)&lt;/script&gt;", in: html))
        for raw in ["\"\u{301}", "'\u{301}", "<\u{338}", ">\u{301}"] {
            #expect(!Self.occurs(raw, in: html), "raw \(raw.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(!ReviewRenderingTests.tags(html).contains("script") && !ReviewRenderingTests.tags(html).contains("b"))
    }

    @Test("a chart point's hover label, a commit subject with a combining mark after a quote or '<', is escaped where the chart writes it")
    func chartPointLabel() throws {
        let (repository, base, _) = try TestRepository.pullRequest(base: ["prompts/a.md": "Answer.\n"], head: ["prompts/a.md": "Answer briefly.\n"])
        try repository.git("commit", "-q", "--amend", "-m", "pull request \(Self.marked)")
        let head = try repository.git("rev-parse", "HEAD")
        for (commit, value) in [(base, 0.9), (head, 0.6)] {
            try repository.record(#"{"quill": 1, "suite": "s", "metrics": {"accuracy": \#(value)}}"#, prompt: "prompts/a.md", commit: commit)
        }
        let html = try Workspace.open(from: repository.path).review(ReviewRequest(base: "main")).renderHTML()
        let label = "<title>\(head.prefix(7)) pull request \(HTMLEscaping.escaped(Self.marked)): 0.6</title></circle>"
        #expect(Self.occurs(#"<circle class="point pr" cx="548.0" cy="158.0" r="4">"# + label, in: html))
        for raw in ["\"\u{301}", "'\u{301}", "<\u{338}", ">\u{301}"] {
            #expect(!Self.occurs(raw, in: html), "raw \(raw.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
