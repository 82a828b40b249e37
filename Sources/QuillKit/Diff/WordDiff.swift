/// Word-level diff of two lines: the line split into words, white space and single punctuation
/// marks, then a shortest edit script of those tokens (the standard library's Myers difference)
/// between their common head and tail.
enum WordDiff {
    /// Above this many tokens between the common head and tail (Myers costs up to their square),
    /// the lines are shown as wholly replaced: a guard for huge, wholly different lines.
    static let maximumTokens = 2_000

    /// The spans that turn `old` into `new`, in order, adjacent spans of one kind merged.
    static func spans(from old: String, to new: String) -> [WordSpan] {
        let before = tokens(old)
        let after = tokens(new)
        let head = zip(before, after).prefix { $0 == $1 }.count
        let tail = zip(before[head...].reversed(), after[head...].reversed()).prefix { $0 == $1 }.count
        let removedPart = before[head..<(before.count - tail)]
        let addedPart = after[head..<(after.count - tail)]
        guard removedPart.count + addedPart.count <= maximumTokens else {
            return merge([WordSpan(kind: .removed, text: old), WordSpan(kind: .added, text: new)])
        }
        var removed = Set<Int>()
        var inserted = Set<Int>()
        for change in addedPart.difference(from: removedPart) {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var spans = before[..<head].map { WordSpan(kind: .equal, text: $0) }
        var i = 0
        var j = 0
        while i < removedPart.count || j < addedPart.count {
            if removed.contains(i) {
                spans.append(WordSpan(kind: .removed, text: removedPart[head + i]))
                i += 1
            } else if inserted.contains(j) {
                spans.append(WordSpan(kind: .added, text: addedPart[head + j]))
                j += 1
            } else {
                spans.append(WordSpan(kind: .equal, text: removedPart[head + i]))
                i += 1
                j += 1
            }
        }
        spans += before[(before.count - tail)...].map { WordSpan(kind: .equal, text: $0) }
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

    /// Whether two ASCII lines could share `minimum` of their characters (`similarity`), false when
    /// even every token they have in common, matched as often as both have it, falls short: their
    /// spans need not be worked out. True for other lines (a Character can span two tokens there).
    /// Complexity: O(n) with a hash look-up per token, against Myers' O(n·d) for `spans`.
    static func mayShare(_ minimum: Double, _ old: String, _ new: String) -> Bool {
        let total = old.utf8.count + new.utf8.count
        guard total > 0, let before = asciiTokens(old), let after = asciiTokens(new) else { return true }
        var counts = [String: Int]()
        for token in before { counts[token, default: 0] += 1 }
        var shared = 0
        for token in after {
            guard let count = counts[token], count > 0 else { continue }
            counts[token] = count - 1
            shared += token.utf8.count
        }
        // An ASCII byte is one character, so `similarity` is 2 × equal characters / all characters.
        return Double(2 * shared) / Double(total) >= minimum
    }

    /// Words (letters, digits, `_`), runs of white space, and any other character alone.
    static func tokens(_ line: String) -> [String] {
        asciiTokens(line) ?? characterTokens(line)
    }

    /// The tokens of an all-ASCII line, classified byte by byte (each ASCII byte is one character,
    /// a line holds no `\r\n` pair), as `characterTokens` would cut them; nil when a byte is not ASCII.
    /// Complexity: O(n), without the grapheme breaking and Unicode property look-ups of `Character`.
    private static func asciiTokens(_ line: String) -> [String]? {
        var line = line
        return line.withUTF8 { bytes -> [String]? in
            var result = [String]()
            var start = 0
            var currentClass = 0
            for (offset, byte) in bytes.enumerated() {
                guard byte < 0x80 else { return nil }
                let byteClass: Int = switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"): 1
                case 0x09...0x0D, 0x20: 2
                default: 3
                }
                if byteClass != currentClass || byteClass == 3, offset > start {
                    result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self))
                    start = offset
                }
                currentClass = byteClass
            }
            if bytes.count > start { result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)) }
            return result
        }
    }

    /// The tokens of any line, character by character.
    private static func characterTokens(_ line: String) -> [String] {
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
