import QuillKit

/// A `TextDiff` as text lines, for prompt and document diffs alike.
struct TextDiffLines {
    let terminal: Terminal

    /// Hunks with git's `@@` headers; a changed line is one `~` line with `[-removed-]{+added+}` words.
    func lines(_ diff: TextDiff, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines = [String]()
        for hunk in diff.hunks {
            lines.append(pad + terminal.paint("@@ -\(hunk.oldStart),\(hunk.oldCount) +\(hunk.newStart),\(hunk.newCount) @@", .cyan))
            for line in hunk.lines {
                switch line.kind {
                case .context: lines.append(pad + "  " + line.text)
                case .added: lines.append(pad + terminal.paint("+ " + line.text, .green))
                case .removed: lines.append(pad + terminal.paint("- " + line.text, .red))
                case .changed: lines.append(pad + "~ " + words(line.words ?? []))
                }
            }
        }
        return lines
    }

    private func words(_ spans: [WordSpan]) -> String {
        spans.map { span in
            switch span.kind {
            case .equal: span.text
            case .removed: terminal.usesColor ? terminal.paint(span.text, .redBackground) : "[-\(span.text)-]"
            case .added: terminal.usesColor ? terminal.paint(span.text, .greenBackground) : "{+\(span.text)+}"
            }
        }.joined()
    }
}
