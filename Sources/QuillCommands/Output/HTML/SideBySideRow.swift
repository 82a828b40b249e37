import QuillKit

/// One row of a side-by-side diff: the old line on the left, the new on the right.
final class SideBySideRow {
    /// A piece of a line, marked when the word diff changed it.
    final class Segment {
        let text: String
        /// `del`, `add`, or empty.
        let mark: String

        init(text: String, mark: String) {
            self.text = text
            self.mark = mark
        }
    }

    /// `context`, `removed`, `added`, `changed`, or `hunk` for a hunk header: also the name of the
    /// partial that draws the row (`ReviewPage.rowTemplates`).
    let kind: String
    let oldLine: String
    let newLine: String
    /// The whole line of a hunk header, a context, removed or added line; empty for a changed line.
    let text: String
    /// A changed line's pieces on each side, its words marked; empty for the other kinds.
    let old: [Segment]
    let new: [Segment]

    init(kind: String, oldLine: String, newLine: String, text: String, old: [Segment], new: [Segment]) {
        self.kind = kind
        self.oldLine = oldLine
        self.newLine = newLine
        self.text = text
        self.old = old
        self.new = new
    }

    /// The rows of `diff`: a hunk header, then its lines, a changed line with its words marked.
    static func rows(_ diff: TextDiff) -> [SideBySideRow] {
        var rows = [SideBySideRow]()
        for hunk in diff.hunks {
            let header = "@@ -\(hunk.oldStart),\(hunk.oldCount) +\(hunk.newStart),\(hunk.newCount) @@"
            rows.append(SideBySideRow(kind: "hunk", oldLine: "", newLine: "", text: header, old: [], new: []))
            for line in hunk.lines { rows.append(row(line)) }
        }
        return rows
    }

    private static func row(_ line: TextDiff.Line) -> SideBySideRow {
        let oldNumber = line.oldLine.map(String.init) ?? ""
        let newNumber = line.newLine.map(String.init) ?? ""
        let text = Markdown.visible(line.text)
        switch line.kind {
        case .context: return SideBySideRow(kind: "context", oldLine: oldNumber, newLine: newNumber, text: text, old: [], new: [])
        case .removed: return SideBySideRow(kind: "removed", oldLine: oldNumber, newLine: "", text: text, old: [], new: [])
        case .added: return SideBySideRow(kind: "added", oldLine: "", newLine: newNumber, text: text, old: [], new: [])
        case .changed:
            let words = line.words ?? []
            let old = words.filter { $0.kind != .added }.map { Segment(text: Markdown.visible($0.text), mark: $0.kind == .removed ? "del" : "") }
            let new = words.filter { $0.kind != .removed }.map { Segment(text: Markdown.visible($0.text), mark: $0.kind == .added ? "add" : "") }
            return SideBySideRow(kind: "changed", oldLine: oldNumber, newLine: newNumber, text: "", old: old, new: new)
        }
    }
}
