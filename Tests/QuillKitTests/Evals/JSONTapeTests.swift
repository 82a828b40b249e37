@testable import QuillKit
import Testing

/// The flat tape a JSON text is parsed into: values, ranges and keys read back from the file's bytes.
@Suite("JSON tape")
struct JSONTapeTests {
    private let text = """
        { "name" : "a\\"b\\u00e9" , "n": -12.5e+3, "ok": true, "no" :false,"nothing": null,
          "list": [ 1, [ ], {}, [ [ "x" ] ] ] , "nested": { "k": { "deep": [0] } }, "k": 1, "k": 2, "a\\u0062": "escaped key" }
        """

    private func document() throws -> JSONNode {
        try JSONSource.parse(SourceText(text))
    }

    private func slice(_ node: JSONNode?) throws -> String {
        let node = try #require(node)
        return String(decoding: Array(text.utf8)[node.range], as: UTF8.self)
    }

    @Test("each value's range runs from its first character to its last, found again from the text")
    func ranges() throws {
        let root = try document()
        #expect(try slice(root) == text)
        #expect(try slice(root["name"]) == #""a\"b\u00e9""#)
        #expect(try slice(root["n"]) == "-12.5e+3")
        #expect(try slice(root["ok"]) == "true")
        #expect(try slice(root["no"]) == "false")
        #expect(try slice(root["nothing"]) == "null")
        #expect(try slice(root["list"]) == #"[ 1, [ ], {}, [ [ "x" ] ] ]"#)
        #expect(try slice(root["nested"]) == #"{ "k": { "deep": [0] } }"#)
        #expect(try slice(root["nested"]?["k"]?["deep"]) == "[0]")
        guard case .array(let items)? = root["list"]?.value else { Issue.record("list is no array"); return }
        #expect(try items.map(slice) == ["1", "[ ]", "{}", #"[ [ "x" ] ]"#])
        #expect(items.map(\.start) == items.map { $0.range.lowerBound })
    }

    @Test("strings and numbers decode from the bytes; keys match in place, escaped or not, the last of repeats")
    func values() throws {
        let root = try document()
        guard case .string(let name)? = root["name"]?.value, case .number(let number)? = root["n"]?.value else {
            Issue.record("name or n of the wrong kind")
            return
        }
        #expect(name == "a\"bé")
        #expect(number == "-12.5e+3")
        #expect(root["k"]?.yamlValue == .int(2))
        #expect(root["ab"]?.yamlValue == .string("escaped key"))
        #expect(root["a"] == nil && root["nam"] == nil && root["names"] == nil)
        #expect(root["list"]?["name"] == nil)
        guard case .object(let members) = root.value else { Issue.record("root is no object"); return }
        #expect(members.map(\.key) == ["name", "n", "ok", "no", "nothing", "list", "nested", "k", "k", "ab"])
    }

    @Test("an entry is 8 bytes: a document costs well under its size again")
    func entrySize() {
        #expect(MemoryLayout<JSONTape.Entry>.stride == 8)
    }
}
