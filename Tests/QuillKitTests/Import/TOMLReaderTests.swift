@testable import QuillKit
import Testing
import TOMLKit

@Suite("TOML documents are copied out of TOMLKit and its tree freed")
struct TOMLReaderTests {
    @Test("the toml++ tree, which TOMLKit never frees, is emptied once copied, and the copy keeps every value")
    func treeFreedOnceCopied() throws {
        let table = try TOMLReader.parse(SourceText("name = \"a\"\nscores = [1, 2.5]\n[agent]\nsystem = \"\"\"\nHi\n\"\"\"\n[[examples]]\ninput = \"x\"\n"))
        #expect(table.count == 4)
        let document = TOMLReader.copy(freeing: table)
        #expect(table.isEmpty)
        guard case .table(let entries) = document.kind else { Issue.record("not a table"); return }
        #expect(entries.map(\.key) == ["agent", "examples", "name", "scores"])
        guard case .table(let agent) = entries[0].value.kind, case .string(let system) = agent.first?.value.kind else {
            Issue.record("agent is not a table of one string"); return
        }
        #expect(system == "Hi\n")
        guard case .list(let scores) = entries[3].value.kind else { Issue.record("scores is not a list"); return }
        let literals = scores.map { if case .number(_, let literal) = $0.kind { literal } else { "" } }
        #expect(literals == ["1", "2.5"])
    }
}
