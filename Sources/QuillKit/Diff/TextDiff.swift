import Foundation
import GitKit

/// A line diff of two texts, as hunks, in which a removed line and the added line that replaces it
/// are paired into one `changed` line carrying a word-level diff.
public struct TextDiff: Codable, Sendable, Equatable {
    /// One line of a hunk.
    public struct Line: Codable, Sendable, Equatable {
        /// What the line is.
        public enum Kind: String, Codable, Sendable {
            /// Unchanged, shown for context.
            case context
            /// Only on the new side.
            case added
            /// Only on the old side.
            case removed
            /// An old line rewritten as a new one: `oldText` → `text`, with `words` telling them apart.
            case changed
        }

        public let kind: Kind
        /// The line (the new line for `changed`), without its line ending.
        public let text: String
        /// For `changed`: the old line.
        public let oldText: String?
        /// 1-based line number on the old side, when the line is there.
        public let oldLine: Int?
        /// 1-based line number on the new side, when the line is there.
        public let newLine: Int?
        /// For `changed`: the word-level diff from `oldText` to `text`.
        public let words: [WordSpan]?
    }

    /// A run of changes with its context, as `@@ -oldStart,oldCount +newStart,newCount @@`.
    public struct Hunk: Codable, Sendable, Equatable {
        public let oldStart: Int
        public let oldCount: Int
        public let newStart: Int
        public let newCount: Int
        public let lines: [Line]
    }

    public let hunks: [Hunk]

    /// Whether the texts are the same.
    public var isEmpty: Bool { hunks.isEmpty }

    /// Removed and added lines at least this similar (shared characters) are paired as `changed`.
    static let pairingSimilarity = 0.4

    /// Word-level diffs are worked out only in hunks whose removed and added lines hold at most this
    /// many bytes; a larger hunk (a file rewritten throughout) shows whole removed and added lines, as
    /// git does, so the time a diff takes stays bounded by the size of the files.
    public static let wordDiffHunkBytes = 128 * 1024

    /// The diff from `old` to `new`, computed by git's algorithm, with `context` unchanged lines around changes.
    ///
    /// Complexity: xdiff's line diff, then for each hunk under `wordDiffHunkBytes` a word diff of each
    /// pair of removed and added lines (at most `WordDiff.maximumTokens` tokens a pair).
    public static func between(_ old: String, _ new: String, context: Int = 3) throws -> TextDiff {
        let lines = try Repository.lineDiff(from: Data(old.utf8), to: Data(new.utf8), options: .init(contextLines: context))
        return TextDiff(hunks: lines.hunks.map { hunk in
            let changedBytes = hunk.lines.reduce(0) { $0 + ($1.kind == .context ? 0 : $1.text.utf8.count + 1) }
            return Hunk(
                oldStart: hunk.oldStart, oldCount: hunk.oldCount, newStart: hunk.newStart, newCount: hunk.newCount,
                lines: changedBytes <= wordDiffHunkBytes ? pairing(hunk.lines) : hunk.lines.map(Line.init(whole:)))
        })
    }

    /// The word diff of two lines alike enough to be shown as one changed line; nil for others (lines
    /// too unlike by the tokens they share are not diffed at all).
    private static func pairedWords(_ old: String, _ new: String) -> [WordSpan]? {
        guard WordDiff.mayShare(pairingSimilarity, old, new) else { return nil }
        let words = WordDiff.spans(from: old, to: new)
        return WordDiff.similarity(words) >= pairingSimilarity ? words : nil
    }

    /// Turns each run of removed lines followed by added lines into `changed` pairs where the lines are alike.
    private static func pairing(_ lines: [LineDiff.Line]) -> [Line] {
        var result = [Line]()
        var index = 0
        while index < lines.count {
            let line = lines[index]
            guard line.kind == .removed else {
                result.append(Line(whole: line))
                index += 1
                continue
            }
            var removedEnd = index
            while removedEnd < lines.count, lines[removedEnd].kind == .removed { removedEnd += 1 }
            var addedEnd = removedEnd
            while addedEnd < lines.count, lines[addedEnd].kind == .added { addedEnd += 1 }
            let removed = lines[index..<removedEnd]
            let added = lines[removedEnd..<addedEnd]
            var unpairedAdded = [Line]()
            for (offset, old) in removed.enumerated() {
                if offset < added.count {
                    let new = added[added.startIndex + offset]
                    if let words = pairedWords(old.text, new.text) {
                        result += unpairedAdded
                        unpairedAdded = []
                        result.append(Line(kind: .changed, text: new.text, oldText: old.text, oldLine: old.oldLine, newLine: new.newLine, words: words))
                        continue
                    }
                    unpairedAdded.append(Line(whole: new))
                }
                result.append(Line(whole: old))
            }
            result += unpairedAdded
            result += added.dropFirst(removed.count).map(Line.init(whole:))
            index = addedEnd
        }
        return result
    }
}

extension TextDiff.Line {
    /// A line of git's diff as it is: context, added or removed, without a word diff.
    init(whole line: LineDiff.Line) {
        let kind: Kind = switch line.kind {
        case .context: .context
        case .added: .added
        case .removed: .removed
        }
        self.init(kind: kind, text: line.text, oldText: nil, oldLine: line.oldLine, newLine: line.newLine, words: nil)
    }
}
