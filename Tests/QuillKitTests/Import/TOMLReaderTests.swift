@testable import QuillKit
import Testing
import TOMLKit

@Suite("TOML documents are copied out of TOMLKit and its tree freed")
struct TOMLReaderTests {
    @Test("the toml++ tree, which TOMLKit never frees, is emptied once copied, and the copy keeps every value")
    func treeFreedOnceCopied() throws {
        let source = SourceText("name = \"a\"\nscores = [1, 2.5]\n[agent]\nsystem = \"\"\"\nHi\n\"\"\"\n[[examples]]\ninput = \"x\"\n")
        let table = try TOMLReader.parse(source)
        #expect(table.count == 4)
        let document = TOMLReader.copy(freeing: table, positions: TOMLValuePositions(source))
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

    @Test("each keyed value is placed where the text has it: after 'key =', at a table header, at each [[…]] entry; values in inline arrays at their key's")
    func valuePositions() throws {
        let text = """
            # a comment = 1
            title = "x"   # first
              "quoted key" = 2
            site.name = 'y'
            notes = \"\"\"
            fake = 3
            [fake]
            \"\"\"
            list = [
              1,
              { inner = 4 },
            ]
            [server.limits]
            rate = 5
            [[runs]]
            accuracy = 0.9
            [[runs]]
            accuracy = 0.8
            [runs.meta]
            seed = 7
            [a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q]
            v = 1
            """
        let document = try TOMLReader.read(SourceText(text + "\n"))
        func at(_ keys: Any...) -> String? {
            var node = document
            for key in keys {
                switch (node.kind, key) {
                case (.table(let members), let name as String): guard let next = members.first(where: { $0.key == name })?.value else { return nil }; node = next
                case (.list(let items), let index as Int): node = items[index]
                default: return nil
                }
            }
            return node.position.map { "\($0.line):\($0.column)" }
        }
        #expect(at("title") == "2:9")
        #expect(at("quoted key") == "3:18")
        #expect(at("site", "name") == "4:13")
        #expect(at("notes") == "5:9")
        #expect(at("fake") == nil)  // only text inside the string
        #expect(at("list") == "9:8")
        #expect(at("list", 1, "inner") == "9:8")
        #expect(at("server", "limits") == "13:1")
        #expect(at("server", "limits", "rate") == "14:8")
        #expect(at("runs", 0) == "15:1")
        #expect(at("runs", 1, "accuracy") == "18:12")
        #expect(at("runs", 1, "meta", "seed") == "20:8")
        #expect(at("runs", 0, "accuracy") == "16:12")
        // past TOMLValuePositions.maximumParts keys a value takes its parent's place (here the root's)
        #expect(at("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "v") == "1:1")
    }
}
