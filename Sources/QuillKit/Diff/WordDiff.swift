/// Word-level diff of two lines: the line split into words, white space and single punctuation
/// marks, then the longest common subsequence of those tokens.
enum WordDiff {
    /// Above this many token pairs the lines are shown as wholly replaced (a guard for huge lines).
    static let maximumWork = 400_000

    /// The spans that turn `old` into `new`, in order, adjacent spans of one kind merged.
    static func spans(from old: String, to new: String) -> [WordSpan] {
        let before = tokens(old)
        let after = tokens(new)
        guard before.count * after.count <= maximumWork else {
            return merge([WordSpan(kind: .removed, text: old), WordSpan(kind: .added, text: new)])
        }
        // lengths[i][j]: LCS length of before[i...] and after[j...], in one flat array.
        let width = after.count + 1
        var lengths = [Int](repeating: 0, count: (before.count + 1) * width)
        for i in stride(from: before.count - 1, through: 0, by: -1) {
            for j in stride(from: after.count - 1, through: 0, by: -1) {
                lengths[i * width + j] = before[i] == after[j]
                    ? lengths[(i + 1) * width + j + 1] + 1
                    : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
            }
        }
        var spans = [WordSpan]()
        var i = 0
        var j = 0
        while i < before.count || j < after.count {
            if i < before.count, j < after.count, before[i] == after[j] {
                spans.append(WordSpan(kind: .equal, text: before[i]))
                i += 1
                j += 1
            } else if j < after.count, i == before.count || lengths[i * width + j + 1] >= lengths[(i + 1) * width + j] {
                spans.append(WordSpan(kind: .added, text: after[j]))
                j += 1
            } else {
                spans.append(WordSpan(kind: .removed, text: before[i]))
                i += 1
            }
        }
        return merge(spans)
    }

    /// The share of characters two lines keep in common (0…1), from their spans.
    static func similarity(_ spans: [WordSpan]) -> Double {
        var kept = 0
        var total = 0
        for span in spans {
            let count = span.text.count
            total += count
            if span.kind == .equal { kept += 2 * count; total += count }
        }
        return total == 0 ? 1 : Double(kept) / Double(total)
    }

    /// Words (letters, digits, `_`), runs of white space, and any other character alone.
    static func tokens(_ line: String) -> [String] {
        var result = [String]()
        var current = ""
        var currentClass = 0
        for character in line {
            let characterClass = character.isLetter || character.isNumber || character == "_" ? 1 : character.isWhitespace ? 2 : 3
            if characterClass != currentClass || characterClass == 3, !current.isEmpty {
                result.append(current)
                current = ""
            }
            current.append(character)
            currentClass = characterClass
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Joins neighbouring spans of the same kind, and moves removals before additions within a change.
    private static func merge(_ spans: [WordSpan]) -> [WordSpan] {
        var merged = [WordSpan]()
        var removed = ""
        var added = ""
        func flush() {
            if !removed.isEmpty { merged.append(WordSpan(kind: .removed, text: removed)) }
            if !added.isEmpty { merged.append(WordSpan(kind: .added, text: added)) }
            removed = ""
            added = ""
        }
        for span in spans {
            switch span.kind {
            case .removed: removed += span.text
            case .added: added += span.text
            case .equal:
                flush()
                if let last = merged.last, last.kind == .equal {
                    merged[merged.count - 1] = WordSpan(kind: .equal, text: last.text + span.text)
                } else {
                    merged.append(span)
                }
            }
        }
        flush()
        return merged
    }
}
