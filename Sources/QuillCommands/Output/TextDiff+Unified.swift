import QuillKit

extension TextDiff {
    /// The diff as unified-diff lines: `@@` headers, ` context`, `-old`, `+new` (a changed line as its
    /// old and new lines).
    var unifiedLines: [String] {
        var lines = [String]()
        for hunk in hunks {
            lines.append("@@ -\(hunk.oldStart),\(hunk.oldCount) +\(hunk.newStart),\(hunk.newCount) @@")
            for line in hunk.lines {
                switch line.kind {
                case .context: lines.append(" " + line.text)
                case .added: lines.append("+" + line.text)
                case .removed: lines.append("-" + line.text)
                case .changed: lines += ["-" + (line.oldText ?? ""), "+" + line.text]
                }
            }
        }
        return lines
    }
}
