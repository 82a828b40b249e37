import Testing

@testable import QuillKit

/// Words and sentences as the scanner finds them, by the rules docs/drift.md lists.
@Suite("drift tokenisation and sentence splitting")
struct TextScannerTests {
    /// Collects sentences of words.
    struct Collector: TokenSink {
        var sentences = [[String]]()
        var current = [String]()

        mutating func word(_ text: String) { current.append(text) }

        mutating func endSentence() {
            if !current.isEmpty { sentences.append(current) }
            current = []
        }
    }

    static func sentences(_ text: String) -> [[String]] {
        var collector = Collector()
        TextScanner.scan(text, into: &collector)
        return collector.sentences
    }

    @Test("words follow UAX #29: apostrophes and dots between letters, separators between digits, underscores join; punctuation and emoji are no words",
        arguments: [
            ("Don't stop", ["don't", "stop"]),
            ("It’s 3.14 or 1,000,000; e.g. snake_case", ["it’s", "3.14", "or", "1,000,000", "e.g", "snake_case"]),
            ("end, 12, 34 — x-ray 🎉 #tag", ["end", "12", "34", "x", "ray", "tag"]),
            ("A1 b2c", ["a1", "b2c"]),
            ("note:this", ["note:this"]),
        ])
    func words(_ text: String, _ expected: [String]) {
        #expect(Self.sentences(text).flatMap { $0 } == expected)
    }

    @Test("non-Latin scripts: case folded, marks kept, format controls removed, ideographs one by one, Katakana and Thai runs whole")
    func scripts() {
        #expect(Self.sentences("ΣΟΦΙΑ Москва").flatMap { $0 } == ["σοφια", "москва"])
        #expect(Self.sentences("naïve nai\u{0308}ve co\u{00AD}operate").flatMap { $0 } == ["naïve", "naïve", "cooperate"])
        #expect(Self.sentences("東京タワーへ行く").flatMap { $0 } == ["東", "京", "タワー", "へ", "行", "く"])
        #expect(Self.sentences("สวัสดีครับ ภาษาไทย").flatMap { $0 } == ["สวัสดีครับ", "ภาษาไทย"])
        #expect(Self.sentences("नमस्ते दुनिया مرحبا بالعالم").flatMap { $0 } == ["नमस्ते", "दुनिया", "مرحبا", "بالعالم"])
    }

    @Test("sentences end at terminators and line breaks, not inside numbers, abbreviations before lower case, or before a comma",
        arguments: [
            ("One two. Three! Four? Five", [2, 1, 1, 1]),
            ("Pi is 3.5 today. Yes", [4, 1]),
            ("See e.g. the list. Done", [4, 1]),
            ("He said \"Stop.\" Then left.", [3, 2]),
            ("Wait... what?! Really", [2, 1]),
            ("Line one\nline two\r\nline three", [2, 2, 2]),
            ("Go to the U.S. Army now", [4, 2]),
            ("こんにちは。元気？はい", [5, 2, 2]),
            ("Hmm?, not really", [3]),
        ])
    func sentenceLengths(_ text: String, _ expected: [Int]) {
        #expect(Self.sentences(text).map(\.count) == expected)
    }
}
