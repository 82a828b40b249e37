@testable import QuillKit
import Testing

@Suite("Diff parts")
struct DiffPartsTests {
    @Test("front matter: nested keys, list positions, quoted keys, kind changes and whole new sections")
    func frontMatterPaths() {
        let old: YAMLValue = .mapping([
            ("model", .string("gpt-4o")),
            ("tools", .array([.mapping([("name", .string("search"))]), .mapping([("name", .string("lookup"))])])),
            ("stop", .array([.string("\n\n")])),
            ("a.b", .int(1)),
            ("schema", .string("object")),
        ])
        let new: YAMLValue = .mapping([
            ("model", .string("gpt-4o")),
            ("tools", .array([.mapping([("name", .string("search"))]), .mapping([("name", .string("fetch"))]), .mapping([("name", .string("x"))])])),
            ("stop", .array([])),
            ("a.b", .int(2)),
            ("schema", .mapping([("type", .string("object"))])),
            ("output", .mapping([("format", .string("json")), ("strict", .bool(true))])),
        ])
        let changes = FrontMatterChange.between(old, new)
        #expect(changes.map { "\($0.kind.rawValue) \($0.path)" } == [
            "changed tools[1].name", "added tools[2].name", "removed stop[0]", "changed \"a.b\"", "changed schema",
            "added output.format", "added output.strict",
        ])
        #expect(changes.first?.old == .string("lookup") && changes.first?.new == .string("fetch"))
        #expect(FrontMatterChange.between(nil, .mapping([])).isEmpty == false)
        #expect(FrontMatterChange.between(old, old).isEmpty)
    }

    @Test("word diff: words, spaces and punctuation as tokens; both sides rebuilt from the spans; huge different lines replaced whole")
    func words() {
        #expect(WordDiff.tokens("Hi, {{name}}!  ok") == ["Hi", ",", " ", "{", "{", "name", "}", "}", "!", "  ", "ok"])
        let spans = WordDiff.spans(from: "Reply in JSON.", to: "Reply in YAML, briefly.")
        #expect(spans.filter { $0.kind != .added }.map(\.text).joined() == "Reply in JSON.")
        #expect(spans.filter { $0.kind != .removed }.map(\.text).joined() == "Reply in YAML, briefly.")
        #expect(spans.first == WordSpan(kind: .equal, text: "Reply in "))
        // A long line with one small edit keeps its word diff (only the changed middle is diffed)…
        let long = String(repeating: "a b ", count: 4_000)
        #expect(WordDiff.spans(from: long, to: long + "c") == [WordSpan(kind: .equal, text: long), WordSpan(kind: .added, text: "c")])
        // …two long lines different throughout are shown as replaced whole.
        let left = (0..<1_200).map { "l\($0)" }.joined(separator: " "), right = (0..<1_200).map { "r\($0)" }.joined(separator: " ")
        #expect(WordDiff.spans(from: left, to: right).map(\.kind) == [.removed, .added])
        #expect(WordDiff.similarity(WordDiff.spans(from: "abc", to: "xyz")) == 0)
        #expect(WordDiff.similarity(WordDiff.spans(from: "same", to: "same")) == 1)
    }

    @Test("word diff of 300 random line pairs: both sides rebuilt, and as few tokens changed as a longest common subsequence leaves")
    func minimalWordDiffs() {
        var random = SeededGenerator(seed: 5)
        let words = ["a", "b", "c", " ", ",", "{{x}}", "é"]
        for _ in 0..<300 {
            let old = (0..<Int.random(in: 0...30, using: &random)).map { _ in words.randomElement(using: &random)! }.joined()
            let new = (0..<Int.random(in: 0...30, using: &random)).map { _ in words.randomElement(using: &random)! }.joined()
            let spans = WordDiff.spans(from: old, to: new)
            #expect(spans.filter { $0.kind != .added }.map(\.text).joined() == old)
            #expect(spans.filter { $0.kind != .removed }.map(\.text).joined() == new)
            let before = WordDiff.tokens(old), after = WordDiff.tokens(new)
            // The textbook dynamic programme, as the oracle for the length of a longest common subsequence.
            var table = [[Int]](repeating: [Int](repeating: 0, count: after.count + 1), count: before.count + 1)
            for i in before.indices.reversed() {
                for j in after.indices.reversed() {
                    table[i][j] = before[i] == after[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
                }
            }
            let kept = spans.filter { $0.kind == .equal }.map { WordDiff.tokens($0.text).count }.reduce(0, +)
            #expect(kept == table[0][0], "\(old) → \(new)")
        }
    }

    @Test("lines too unlike to pair are known without their word diff: on 2,000 random pairs, never one that would have paired")
    func unlikeLinesSkipped() {
        var random = SeededGenerator(seed: 11)
        let words = ["a", "b", "cite", "the", " ", "  ", ",", ".", "-", "{{x}}", "Skip", "article", "é"]
        var (skipped, paired) = (0, 0)
        for _ in 0..<2_000 {
            let oldWords = (0..<Int.random(in: 0...12, using: &random)).map { _ in words.randomElement(using: &random)! }
            // Half the new lines are the old one with a few words replaced, half are new throughout.
            let newWords = Bool.random(using: &random)
                ? oldWords.map { Int.random(in: 0..<4, using: &random) == 0 ? words.randomElement(using: &random)! : $0 }
                : (0..<Int.random(in: 0...12, using: &random)).map { _ in words.randomElement(using: &random)! }
            let (old, new) = (oldWords.joined(), newWords.joined())
            let similarity = WordDiff.similarity(WordDiff.spans(from: old, to: new))
            if !WordDiff.mayShare(TextDiff.pairingSimilarity, old, new) {
                skipped += 1
                #expect(similarity < TextDiff.pairingSimilarity, "\(old) → \(new)")
                #expect(!(old + new).contains("é"), "a line beyond ASCII is always diffed")
            } else if similarity >= TextDiff.pairingSimilarity {
                paired += 1
            }
        }
        #expect(skipped > 100 && paired > 100)
        #expect(!WordDiff.mayShare(TextDiff.pairingSimilarity, "Cite the help-centre article.", "Skip the citations."))
        #expect(WordDiff.mayShare(TextDiff.pairingSimilarity, "", ""))
    }

    @Test("moved messages are those outside a longest run that keeps its order")
    func stayingInOrder() {
        #expect(MessageMatcher.stayingInOrder([0, 1, 2, 3]) == [0, 1, 2, 3])
        #expect(MessageMatcher.stayingInOrder([3, 0, 1, 2]) == [0, 1, 2])
        #expect(MessageMatcher.stayingInOrder([]) == [])
        #expect(MessageMatcher.stayingInOrder([2, 1, 0]).count == 1)
    }
}
