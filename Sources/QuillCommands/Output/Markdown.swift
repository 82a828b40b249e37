import Foundation
import QuillKit

/// GitHub-flavoured markdown building blocks.
enum Markdown {
    /// A pipe table; `alignRight` are the right-aligned column indices.
    static func table(header: [String], alignRight: Set<Int>, rows: [[String]]) -> [String] {
        let rule = header.indices.map { alignRight.contains($0) ? "---:" : "---" }
        return [header.map(cell), rule].map(row) + rows.map(row)
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    /// Text safe inside a table cell: no pipes, no line breaks, no raw HTML.
    static func cell(_ text: String) -> String {
        html(text).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// A code span that holds any text (backticks inside get a longer fence), safe in a table cell.
    static func code(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|")
        let fence = flat.contains("`") ? "``" : "`"
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// `&`, `<` and `>` escaped.
    static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// A fenced `diff` block: context, `-` and `+` lines (a changed line as its old and new lines).
    static func diffBlock(_ diff: TextDiff) -> [String] {
        var lines = ["```diff"]
        for hunk in diff.hunks {
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
        return lines + ["```", ""]
    }
}
