@testable import QuillCommands
import QuillKit
import Testing

@Suite("the text form of a prompt (show, textconv)")
struct PromptTextTests {
    @Test("a multi-line front-matter string keeps the indentation of its lines")
    func multiLineStrings() throws {
        let frontMatter = YAMLValue.mapping([
            (key: "description", value: .string("Line one.\n  Indented line.\n\nLast.")),
            (key: "tags", value: .array([.string("a\n b")])),
        ])
        #expect(YAMLText.lines(frontMatter, indent: 4) == [
            "    description: |", "      Line one.", "        Indented line.", "", "      Last.",
            "    tags:", "      - |", "        a", "         b",
        ])
    }
}
