/// Receives what a `TextScanner` finds in a document, in order.
protocol TokenSink {
    /// A word, lower-cased, format controls removed.
    mutating func word(_ text: String)
    /// The end of a sentence; also called at the end of every document, so it may come with no
    /// word since the last one.
    mutating func endSentence()
}

/// Splits text into words and sentences in one pass over its UTF-8 bytes, by the subset of
/// Unicode's word and sentence boundary rules (UAX #29) that docs/drift.md lists.
///
/// A word is a run that UAX #29 keeps together and that holds a letter, a digit or a Katakana or
/// connector character (WB5–WB13b, with marks and format controls attached, WB4); each Han
/// ideograph or Hiragana character is a word by itself; a run of Thai, Lao, Khmer or Myanmar
/// letters is one word. Punctuation, symbols, emoji and spaces are no words. A `.` inside a word
/// (`e.g`, `3.14`) never ends a sentence. Complexity: O(n) in the bytes; each terminator looks at
/// most 64 scalars ahead.
enum TextScanner {
    /// How far rule SB8 looks for a lower-case letter after a full stop.
    static let lowercaseLookahead = 64

    /// Scans one document and ends its last sentence.
    static func scan<Sink: TokenSink>(_ text: String, into sink: inout Sink) {
        var text = text
        text.withUTF8 { scan($0, into: &sink) }
        sink.endSentence()
    }

    private static func scan<Sink: TokenSink>(_ bytes: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
        var index = 0
        while index < bytes.count {
            let (scalar, length) = decode(bytes, at: index)
            let wordClass = WordBreakClass.of(scalar)
            if wordClass.startsWord {
                index = word(bytes, from: index, first: wordClass, length: length, into: &sink)
                continue
            }
            let sentenceClass = SentenceBreakClass.of(scalar)
            if sentenceClass == .paragraphSeparator {
                sink.endSentence()
            } else if sentenceClass.isTerminator {
                index = terminator(bytes, at: index, into: &sink)
                continue
            }
            index += length
        }
    }

    /// Reads the word that starts at `start`, hands it to `sink`, and returns where it ends.
    private static func word<Sink: TokenSink>(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, first: WordBreakClass, length: Int, into sink: inout Sink
    ) -> Int {
        var end = start + length
        var last = first
        var isASCII = length == 1
        scanning: while end < bytes.count, first != .ideograph || isExtend(bytes, at: end) {
            let (scalar, length) = decode(bytes, at: end)
            let next = WordBreakClass.of(scalar)
            if length > 1 { isASCII = false }
            switch next {
            case .extend:
                end += length
            case _ where joins(last, next):
                last = next
                end += length
            case .midLetter, .midNumLet, .midNum:
                let after = skipExtend(bytes, from: end + length)
                guard after < bytes.count else { break scanning }
                let (following, followingLength) = decode(bytes, at: after)
                let followingClass = WordBreakClass.of(following)
                let joinsLetters = last == .letter && followingClass == .letter && next != .midNum
                let joinsDigits = last == .numeric && followingClass == .numeric && next != .midLetter
                guard joinsLetters || joinsDigits else { break scanning }
                isASCII = isASCII && length == 1 && followingLength == 1 && after == end + 1
                end = after + followingLength
            default:
                break scanning
            }
        }
        sink.word(isASCII ? lowercasedASCII(bytes, start..<end) : lowercased(bytes, start..<end))
        return end
    }

    /// Whether a word whose last character is of class `last` goes on with a character of class `next`
    /// (WB5, WB8–WB10, WB13–WB13b, and runs of complex-context letters).
    private static func joins(_ last: WordBreakClass, _ next: WordBreakClass) -> Bool {
        switch (last, next) {
        case (.letter, .letter), (.letter, .numeric), (.numeric, .letter), (.numeric, .numeric), (.katakana, .katakana),
            (.extendNumLet, .letter), (.extendNumLet, .numeric), (.extendNumLet, .katakana), (.extendNumLet, .extendNumLet),
            (.letter, .extendNumLet), (.numeric, .extendNumLet), (.katakana, .extendNumLet), (.complexContext, .complexContext):
            true
        default: false
        }
    }

    /// Reads a run of terminators and what may follow them (closing marks, spaces), ends the
    /// sentence unless a rule keeps it going, and returns where scanning goes on.
    private static func terminator<Sink: TokenSink>(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, into sink: inout Sink) -> Int {
        var index = start
        var lastIsATerm = false
        var next = SentenceBreakClass.other
        var nextLength = 0
        func peek() {
            let (scalar, length) = decode(bytes, at: index)
            next = SentenceBreakClass.of(scalar)
            nextLength = length
        }
        while index < bytes.count {
            peek()
            guard next.isTerminator else { break }
            lastIsATerm = next == .aTerm
            index += nextLength
        }
        let runEnd = index
        while index < bytes.count, next == .close || next == .space {
            index += nextLength
            if index < bytes.count { peek() }
        }
        guard index < bytes.count else {
            sink.endSentence()
            return index
        }
        if lastIsATerm, index == runEnd {
            if next == .numeric { return index }  // SB6: 3.[5]
            if next == .upper, let previous = previousClass(bytes, before: start), previous == .upper || previous == .lower {
                return index  // SB7: U.S.[A]
            }
        }
        if lastIsATerm, lowercaseFollows(bytes, from: index) { return index }  // SB8: etc. [and]
        if next == .sContinue || next.isTerminator { return index }  // SB8a
        if next == .paragraphSeparator {
            index += nextLength
            if bytes[index - 1] == 0x0D, index < bytes.count, bytes[index] == 0x0A { index += 1 }
        }
        sink.endSentence()
        return index
    }

    /// Whether a lower-case letter comes before any other letter, separator or terminator (SB8).
    private static func lowercaseFollows(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var index = start
        for _ in 0..<lowercaseLookahead where index < bytes.count {
            let (scalar, length) = decode(bytes, at: index)
            switch SentenceBreakClass.of(scalar) {
            case .lower: return true
            case .upper, .otherLetter, .paragraphSeparator, .aTerm, .sTerm: return false
            default: index += length
            }
        }
        return false
    }

    /// The sentence class of the scalar that ends just before `index`.
    private static func previousClass(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> SentenceBreakClass? {
        var start = index - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        guard start >= 0 else { return nil }
        return SentenceBreakClass.of(decode(bytes, at: start).scalar)
    }

    private static func isExtend(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        WordBreakClass.of(decode(bytes, at: index).scalar) == .extend
    }

    private static func skipExtend(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count, isExtend(bytes, at: index) { index += decode(bytes, at: index).length }
        return index
    }

    /// The scalar at `index` of valid UTF-8 and its length in bytes.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(lead)), 1) }
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard index + length <= bytes.count else { return ("\u{FFFD}", 1) }
        var value = lead & (0x7F >> UInt32(length))
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    private static func lowercasedASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { buffer in
            for (offset, byte) in bytes[range].enumerated() {
                buffer[offset] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            }
            return range.count
        }
    }

    /// The word lower-cased by Unicode's full case mapping, format controls (soft hyphen, joiners) removed.
    private static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var text = String.UnicodeScalarView()
        for scalar in String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self).unicodeScalars
        where scalar.properties.generalCategory != .format {
            text.append(scalar)
        }
        return String(text).lowercased()
    }
}
