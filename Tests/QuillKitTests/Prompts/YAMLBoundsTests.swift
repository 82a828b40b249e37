import Foundation
import QuillKit
import Testing

/// Every YAML entry point refuses alias bombs, alias keys and deep nesting with a positioned error,
/// before any value tree is built.
@Suite("YAML bounds")
struct YAMLBoundsTests {
    /// The 9 × 9 billion-laughs bomb: 324 bytes that expand to 9⁹ scalars.
    static let bomb = String(decoding: (try? Fixtures.data("hostile/alias-bomb.yaml")) ?? Data(), as: UTF8.self)

    /// Each entry point with the bomb placed in it, and the line of the bomb's last anchor in that file.
    static let entryPoints: [(path: String, text: String, line: Int)] = [
        ("p.prompt", "---\n" + bomb + "---\n{{role \"user\"}}\nHi\n", 10),
        ("p.prompty", "---\n" + bomb + "---\nuser:\nHi\n", 10),
        ("p.md", "---\n" + bomb + "---\nHi\n", 10),
        ("p.txt", "---\n" + bomb + "---\nHi\n", 10),
        ("p.prompt.yml", bomb + "messages:\n  - role: user\n    content: Hi\n", 9),
    ]

    private func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("the bomb in front matter or a prompt file is refused at the line that repeats it", arguments: entryPoints.indices)
    func promptFormats(index: Int) throws {
        let (path, text, line) = Self.entryPoints[index]
        let error = try #require(message { _ = try PromptParser.parse(Data(text.utf8), path: path) })
        #expect(error.hasPrefix("\(path):\(line):4: YAML aliases expand to more than "), "\(error)")
        #expect(error.hasSuffix(" values; expected at most one value per byte plus 100000 (an alias bomb?)"))
    }

    @Test("the bomb in quill.yaml and in a DVC YAML result file is refused")
    func configAndResults() throws {
        let config = try #require(message { _ = try QuillConfig.parse(Data(("prompts: [\"prompts/**\"]\n" + Self.bomb).utf8), path: "quill.yaml") })
        #expect(config.hasPrefix("quill.yaml:10:4: YAML aliases expand to more than"), "\(config)")
        let results = try #require(message { _ = try ResultImporter.read(Data(Self.bomb.utf8), path: "metrics.yaml", format: .auto) })
        #expect(results.hasPrefix("metrics.yaml:9:4: YAML aliases expand to more than"), "\(results)")
    }

    @Test("an alias or collection key in YAML with aliases is refused before Yams hashes it, at the key", arguments: [
        ("z: {*h: 1}", 10, 5), ("? *h\n: 1", 10, 3), ("z: [[*h]: 1]", 10, 5), ("? - *h\n: 1", 10, 3),
        // looks like a key in a block scalar first; the real alias key follows
        ("t: |\n  Submission {{n}}:\n  [x]: y\n*h : 1", 13, 1),
        // a star in a quoted key is text, the alias key after it is not
        ("\"*h\": 1\nu: {*h : 2}", 11, 5),
    ])
    func aliasKeys(tail: String, line: Int, column: Int) throws {
        let error = try #require(message { _ = try ResultImporter.read(Data((Self.bomb + tail + "\n").utf8), path: "m.yaml", format: .dvc) })
        #expect(error == "m.yaml:\(line):\(column): a mapping key that is an alias or a collection, in YAML with aliases; expected plain keys where aliases are used")
    }

    @Test("text in block and quoted scalars that looks like an alias or collection key is read, aliases and all (SWE-agent's templates)")
    func keysInScalars() throws {
        let text = """
            defaults: &defaults
              model: gpt-4o
            agent:
              settings: *defaults
              next_step_template: |
                Submission {{loop.index0}}:
                [{{n}}]: {{text}}
                *note*: keep it short
              quoted: "{a}: b"
            """
        let prompt = try PromptParser.parse(Data(("---\n" + text + "\n---\nHi\n").utf8), path: "a.md")
        #expect(prompt.frontMatter?["agent"]?["settings"] == prompt.frontMatter?["defaults"])
        #expect(prompt.frontMatter?["agent"]?["next_step_template"]?.stringValue?.hasPrefix("Submission {{loop.index0}}:\n[{{n}}]") == true)
    }

    @Test("aliases that repeat little, and text with stars in it, are read as before")
    func smallAliases() throws {
        let text = "---\nmodel: gpt-4o\nconfig: &shared\n  temperature: 0.2\n  stop: [a, b]\nother: *shared\nnote: \"5 * 3: fifteen, **bold**: yes\"\n---\nHi\n"
        let prompt = try PromptParser.parse(Data(text.utf8), path: "a.md")
        #expect(prompt.frontMatter?["other"] == prompt.frontMatter?["config"])
        #expect(prompt.frontMatter?["other"]?["stop"]?.arrayValue?.count == 2)
        let tree = (1...4).map { "l\($0): &l\($0) [" + Array(repeating: $0 == 1 ? "x" : "*l\($0 - 1)", count: 9).joined(separator: ",") + "]" }
        let fourLevels = try PromptParser.parse(Data(("---\n" + tree.joined(separator: "\n") + "\n---\nHi\n").utf8), path: "b.md")
        #expect(fourLevels.frontMatter?["l4"]?.arrayValue?.first?.arrayValue?.count == 9)
    }

    @Test("nesting deeper than libyaml's 1,000 levels is refused with its position, never a crash", arguments: [2_000, 100_000])
    func depth(levels: Int) throws {
        let flow = "---\nx: " + String(repeating: "[", count: levels) + String(repeating: "]", count: levels) + "\n---\nHi\n"
        let error = try #require(message { _ = try PromptParser.parse(Data(flow.utf8), path: "d.md") })
        #expect(error.hasPrefix("d.md:2:"), "\(error)")
        #expect(error.hasSuffix(": invalid YAML: nested deeper than 1000 levels; expected at most 1000"))
        let block = "x:\n" + String(repeating: "- ", count: levels) + "a\n"
        let blockError = try #require(message { _ = try ResultImporter.read(Data(block.utf8), path: "d.yaml", format: .dvc) })
        #expect(blockError.hasPrefix("d.yaml:2:"), "\(blockError)")
        #expect(blockError.hasSuffix("nested deeper than 1000 levels; expected at most 1000"))
    }

    @Test("500 levels of nesting are read")
    func allowedDepth() throws {
        let flow = "---\nx: " + String(repeating: "[", count: 500) + "1" + String(repeating: "]", count: 500) + "\n---\nHi\n"
        #expect(try PromptParser.parse(Data(flow.utf8), path: "d.md").frontMatter?["x"] != nil)
    }
}
