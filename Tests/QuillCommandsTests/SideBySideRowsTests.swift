@testable import QuillCommands
import QuillKit
import Testing

@Suite("side-by-side diff rows")
struct SideBySideRowsTests {
    @Test("a row per hunk header and line, in order, numbered on each side; hostile text escaped in every kind of row, a changed line's words marked")
    func rows() throws {
        let hostile = HTMLEscapingTests.marked
        let old = "keep <b>\(hostile)\nchange this word\ngone <i>\nkeep 2\n"
        let new = "keep <b>\(hostile)\nchange that word\nkeep 2\nnew </td><script>\n"
        let html = SideBySideRows.html(try TextDiff.between(old, new))
        let rows = html.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.last == "" && rows.dropLast().allSatisfy { $0.hasPrefix("<tr class=\"") && $0.hasSuffix("</tr>") })
        let kinds = rows.dropLast().map { $0.split(separator: "\"")[1] }
        #expect(kinds == ["hunk", "context", "changed", "removed", "context", "added"])
        let escaped = HTMLEscaping.escaped(hostile)
        #expect(rows[1] == #"<tr class="context"><td class="n">1</td><td class="t"><span class="">keep &lt;b&gt;\#(escaped)</span></td>"#
            + #"<td class="n">1</td><td class="t"><span class="">keep &lt;b&gt;\#(escaped)</span></td></tr>"#)
        #expect(rows[2].contains(#"<span class="del">this</span>"#) && rows[2].contains(#"<span class="add">that</span>"#))
        #expect(rows[3] == #"<tr class="removed"><td class="n">3</td><td class="t"><span class="">gone &lt;i&gt;</span></td><td class="n"></td><td class="t"></td></tr>"#)
        #expect(rows[5].contains(#"<td class="n">4</td><td class="t"><span class="">new &lt;/td&gt;&lt;script&gt;</span>"#))
        #expect(ReviewRenderingTests.tags(html) == ["tr", "td", "span"])
    }
}
