import Foundation
import QuillKit

/// GitHub-flavoured markdown building blocks. Every piece of text that comes from a repository
/// (prompt lines, outputs, names) goes through one of them, so none of it can change the page's
/// structure: no raw HTML, no fence that closes early, no link, image or heading of its own.
enum Markdown {
    /// A pipe table; `alignRight` are the right-aligned column indices.
    static func table(header: [String], alignRight: Set<Int>, rows: [[String]]) -> [String] {
        let rule = header.indices.map { alignRight.contains($0) ? "---:" : "---" }
        return [header.map(cell), rule].map(row) + rows.map(row)
    }

    private static func row(_ cells: [String]) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }

    /// Text shown as it is, safe anywhere inline and in a table cell: every ASCII punctuation mark
    /// backslash-escaped (no emphasis, link, image, autolink, HTML or pipe of its own), line breaks
    /// as spaces, bidirectional controls made visible.
    static func cell(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 8)
        for scalar in visible(text).unicodeScalars {
            switch scalar {
            case "\n", "\r": escaped.append(" ")
            case _ where scalar.isASCII && isPunctuation(UInt8(scalar.value)):
                escaped.append("\\")
                escaped.unicodeScalars.append(scalar)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// A code span that holds any text (its fence longer than any backtick run inside), safe in a table cell.
    static func code(_ text: String) -> String {
        let flat = visible(text).replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
            .replacingOccurrences(of: "|", with: "\\|")
        let fence = String(repeating: "`", count: longestBacktickRun(flat) + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") || flat.hasPrefix(" ") || flat.hasSuffix(" ") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// `&`, `<`, `>` and `"` escaped, bidirectional controls made visible: for text inside raw HTML
    /// such as `<summary>`.
    static func html(_ text: String) -> String {
        visible(text).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// A fenced code block of `lines` in `language`: the fence is longer than any backtick run in
    /// them, so no line closes it; followed by an empty line.
    static func fenced(_ lines: [String], language: String) -> [String] {
        let safe = lines.map(visible)
        let fence = String(repeating: "`", count: max(3, safe.map(longestBacktickRun).max().map { $0 + 1 } ?? 3))
        return [fence + language] + safe + [fence, ""]
    }

    /// A fenced `diff` block of `diff`'s unified lines.
    static func diffBlock(_ diff: TextDiff) -> [String] {
        fenced(diff.unifiedLines, language: "diff")
    }

    /// The longest run of backticks in `text`.
    static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0
        var run = 0
        for byte in text.utf8 {
            run = byte == UInt8(ascii: "`") ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }

    /// `text` with bidirectional controls (which reorder what a reader sees) shown as `<U+202E>`.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isBidiControl) else { return text }
        var shown = ""
        for scalar in text.unicodeScalars {
            if isBidiControl(scalar) {
                shown += "<U+" + String(scalar.value, radix: 16, uppercase: true) + ">"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    /// U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static func isPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }
}
