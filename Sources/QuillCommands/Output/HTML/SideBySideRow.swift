import QuillKit

/// One row of a side-by-side diff: the old line on the left, the new on the right.
struct SideBySideRow {
    /// A piece of a line, marked when the word diff changed it.
    struct Segment {
        let text: String
        /// `del`, `add`, or empty.
        let mark: String
    }

    /// `context`, `removed`, `added`, `changed`, or `hunk` for a hunk header.
    let kind: String
    let oldLine: String
    let newLine: String
    let old: [Segment]
    let new: [Segment]

    /// The rows of `diff`: a hunk header, then its lines, a changed line with its words marked.
    static func rows(_ diff: TextDiff) -> [SideBySideRow] {
        var rows = [SideBySideRow]()
        for hunk in diff.hunks {
            let header = "@@ -\(hunk.oldStart),\(hunk.oldCount) +\(hunk.newStart),\(hunk.newCount) @@"
            rows.append(SideBySideRow(kind: "hunk", oldLine: "", newLine: "", old: [Segment(text: header, mark: "")], new: []))
            for line in hunk.lines { rows.append(row(line)) }
        }
        return rows
    }

    private static func row(_ line: TextDiff.Line) -> SideBySideRow {
        let oldNumber = line.oldLine.map(String.init) ?? ""
        let newNumber = line.newLine.map(String.init) ?? ""
        let text = [Segment(text: Markdown.visible(line.text), mark: "")]
        switch line.kind {
        case .context: return SideBySideRow(kind: "context", oldLine: oldNumber, newLine: newNumber, old: text, new: text)
        case .removed: return SideBySideRow(kind: "removed", oldLine: oldNumber, newLine: "", old: text, new: [])
        case .added: return SideBySideRow(kind: "added", oldLine: "", newLine: newNumber, old: [], new: text)
        case .changed:
            let words = line.words ?? []
            let old = words.filter { $0.kind != .added }.map { Segment(text: Markdown.visible($0.text), mark: $0.kind == .removed ? "del" : "") }
            let new = words.filter { $0.kind != .removed }.map { Segment(text: Markdown.visible($0.text), mark: $0.kind == .added ? "add" : "") }
            return SideBySideRow(kind: "changed", oldLine: oldNumber, newLine: newNumber, old: old, new: new)
        }
    }
}
