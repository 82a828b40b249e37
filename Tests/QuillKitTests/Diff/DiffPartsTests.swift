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

    @Test("word diff: words, spaces and punctuation as tokens; both sides rebuilt from the spans; huge lines replaced whole")
    func words() {
        #expect(WordDiff.tokens("Hi, {{name}}!  ok") == ["Hi", ",", " ", "{", "{", "name", "}", "}", "!", "  ", "ok"])
        let spans = WordDiff.spans(from: "Reply in JSON.", to: "Reply in YAML, briefly.")
        #expect(spans.filter { $0.kind != .added }.map(\.text).joined() == "Reply in JSON.")
        #expect(spans.filter { $0.kind != .removed }.map(\.text).joined() == "Reply in YAML, briefly.")
        #expect(spans.first == WordSpan(kind: .equal, text: "Reply in "))
        let long = String(repeating: "a b ", count: 400)
        let replaced = WordDiff.spans(from: long, to: long + "c")
        #expect(replaced.map(\.kind) == [.removed, .added])
        #expect(WordDiff.similarity(WordDiff.spans(from: "abc", to: "xyz")) == 0)
        #expect(WordDiff.similarity(WordDiff.spans(from: "same", to: "same")) == 1)
    }

    @Test("moved messages are those outside a longest run that keeps its order")
    func stayingInOrder() {
        #expect(MessageMatcher.stayingInOrder([0, 1, 2, 3]) == [0, 1, 2, 3])
        #expect(MessageMatcher.stayingInOrder([3, 0, 1, 2]) == [0, 1, 2])
        #expect(MessageMatcher.stayingInOrder([]) == [])
        #expect(MessageMatcher.stayingInOrder([2, 1, 0]).count == 1)
    }
}
