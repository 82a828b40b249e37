import Foundation
@testable import QuillKit
import Testing

/// Every TOML and JSON reader refuses nesting past its bound with one positioned line, never a crash.
@Suite("deeply nested input")
struct DeepNestingTests {
    private func refusal(_ text: String, path: String) -> String? {
        do {
            _ = try ResultImporter.read(Data(text.utf8), path: path, format: .auto)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("TOML arrays, inline tables and dotted keys deeper than 256 are refused where the bound is crossed", arguments: [
        ("x = " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000), 261, "nested deeper than 256 levels; expected at most 256"),
        ("x = " + String(repeating: "{a=", count: 20_000) + "1" + String(repeating: "}", count: 20_000), 773, "nested deeper than 256 levels; expected at most 256"),
        (Array(repeating: "a", count: 50_000).joined(separator: ".") + " = 1", 512, "key has more than 256 dotted parts; expected at most 256"),
        ("[" + Array(repeating: "a", count: 50_000).joined(separator: ".") + "]\nx = 1", 513, "key has more than 256 dotted parts; expected at most 256"),
    ])
    func toml(text: String, column: Int, message: String) throws {
        #expect(refusal(text + "\n", path: "m.toml") == "m.toml:1:\(column): invalid TOML: \(message)")
    }

    @Test("TOML nested 256 deep is read")
    func tomlAtTheBound() throws {
        let text = "x = " + String(repeating: "{a=", count: 255) + "0.5" + String(repeating: "}", count: 255) + "\n"
        let results = try ResultImporter.read(Data(text.utf8), path: "m.toml", format: .auto)
        #expect(results.evaluations.first?.metrics["x" + String(repeating: ".a", count: 255)] == 0.5)
    }

    @Test("JSON 100,000 deep is refused by every JSON reader: results, JSON Lines, chat prompts", arguments: [
        ("r.json", 1, 513), ("r.jsonl", 1, 513), ("p.json", 1, 513),
    ])
    func json(path: String, line: Int, column: Int) throws {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error: String
        if path.hasPrefix("p.") {
            error = try #require(throws: InputFileError.self) { try PromptParser.parse(Data(text.utf8), path: path) }.description
        } else {
            error = try #require(refusal(text, path: path))
        }
        #expect(error == "\(path):\(line):\(column): invalid JSON: nested deeper than 512 levels")
    }

    @Test("a stored per-case blob or provenance nested 100,000 deep is an error, not a crash")
    func storedBlobs() throws {
        let deep = Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n").utf8)
        #expect(throws: (any Error).self) { try EvalCases.decode(deep) }
        let object = Data(("{\"id\":\"1\",\"metrics\":{\"a\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}}\n").utf8)
        #expect(throws: (any Error).self) { try EvalCases.decode(object) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(EvalProvenance.self, from: deep) }
    }
}
