import Foundation
import QuillKit
import Testing

@Suite("quill.yaml")
struct QuillConfigTests {
    private func parse(_ text: String) throws(InputFileError) -> QuillConfig {
        try QuillConfig.parse(Data(text.utf8), path: "quill.yaml")
    }

    @Test("an empty file, or one of comments, gives the defaults", arguments: ["", "# nothing yet\n", "~\n"])
    func empty(text: String) throws {
        let config = try parse(text)
        #expect(config == QuillConfig())
        #expect(config.prompts.map(\.pattern) == ["prompts/**"])
        #expect(config.metrics.isEmpty)
        #expect(config.notes)
    }

    @Test("the text 'quill init' writes parses to the defaults and its two example metrics")
    func defaultText() throws {
        let config = try parse(QuillConfig.defaultText)
        #expect(config.prompts == QuillConfig.defaultPrompts)
        #expect(config.notes)
        #expect(config.metrics == [
            MetricSpec(name: "accuracy", direction: .higher, min: 0.8, maxDrop: 0.05),
            MetricSpec(name: "latency_ms", direction: .lower),
        ])
    }

    @Test("a full configuration keeps its metrics in file order")
    func full() throws {
        let config = try parse("""
            prompts: "**/*.prompt"
            metrics:
              faithfulness: {direction: higher, min: 0.9}
              cost_usd: lower
              accuracy:
                direction: higher
                max_drop: 2
            notes: false
            """)
        #expect(config.prompts.map(\.pattern) == ["**/*.prompt"])
        #expect(config.notes == false)
        #expect(config.metrics.map(\.name) == ["faithfulness", "cost_usd", "accuracy"])
        #expect(config.metrics[0].min == 0.9)
        #expect(config.metrics[1].direction == .lower)
        #expect(config.metrics[2].maxDrop == 2)
    }

    @Test("a bad configuration names the line, column and what was expected", arguments: [
        ("- prompts/**\n", "quill.yaml:1:1: the configuration is a list; expected a mapping with keys prompts, metrics, notes, labels, drift, formats"),
        ("prompt: x\n", "quill.yaml:1:1: unknown key 'prompt'; expected one of prompts, metrics, notes, labels, drift, formats"),
        ("prompts:\n  a: b\n", "quill.yaml:2:3: 'prompts' is a mapping; expected a glob or a list of globs"),
        ("prompts:\n  - [a]\n", "quill.yaml:2:5: a 'prompts' entry is a list; expected a glob such as \"prompts/**\""),
        ("prompts: \"prompts/[ab\"\n", "quill.yaml:1:10: invalid glob 'prompts/[ab': '[' is never closed; expected ']'"),
        ("metrics:\n  - accuracy\n", "quill.yaml:2:3: 'metrics' is a list; expected a mapping from metric name to {direction, min, max_drop}"),
        ("metrics:\n  accuracy:\n    direction: higher\n    treshold: 3\n", "quill.yaml:4:5: unknown key 'treshold' in metric 'accuracy'; expected one of direction, min, max_drop"),
        ("metrics:\n  accuracy:\n    min: 0.5\n", "quill.yaml:2:3: metric 'accuracy' has no 'direction'; expected higher or lower"),
        ("metrics:\n  accuracy:\n    direction: up\n", "quill.yaml:3:16: metric 'accuracy' has direction 'up'; expected higher or lower"),
        ("metrics:\n  accuracy:\n    direction: higher\n    min: high\n", "quill.yaml:4:10: 'min' of metric 'accuracy' is a string; expected a number"),
        ("metrics:\n  accuracy:\n    direction: higher\n    max_drop: -1\n", "quill.yaml:4:15: 'max_drop' of metric 'accuracy' is negative; expected a number of at least 0"),
        ("metrics:\n  accuracy: [higher]\n", "quill.yaml:2:13: metric 'accuracy' is a list; expected a mapping with direction, min, max_drop"),
        ("notes: maybe\n", "quill.yaml:1:8: 'notes' is a string; expected true or false"),
        ("notes: true\nnotes: false\n", "quill.yaml:1:1: invalid YAML: duplicate key 'notes'; expected each key once in a mapping"),
        ("prompts: [a\n", "quill.yaml:2:1: invalid YAML: while parsing a flow sequence, did not find expected ',' or ']'"),
        ("metrics:\n  accuracy:\n    direction: higher\n    min: .nan\n", "quill.yaml:4:10: 'min' of metric 'accuracy' is a number; expected a number"),
    ])
    func malformed(text: String, expected: String) {
        #expect(throws: InputFileError.self) { try parse(text) }
        do {
            _ = try parse(text)
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test("numbers in YAML 1.1's forms are read as their values", arguments: [
        ("0x10", 16.0), ("0o14", 12), ("014", 12), ("09", 9), ("1e3", 1000), ("1_000", 1000), ("1:30", 90), (".5", 0.5),
        ("-1.5e-1", -0.15), ("+2", 2),
    ])
    func numberForms(text: String, value: Double) throws {
        let config = try parse("metrics:\n  accuracy:\n    direction: higher\n    min: \(text)\n")
        #expect(config.metrics.first?.min == value)
    }

    @Test("yes, no, on and off are booleans; quoted they are strings", arguments: [("yes", true), ("Off", false), ("ON", true), ("no", false)])
    func booleanWords(text: String, value: Bool) throws {
        #expect(try parse("notes: \(text)\n").notes == value)
        #expect(throws: InputFileError.self) { try parse("notes: '\(text)'\n") }
    }

    @Test("a key that is a number or a boolean word names a metric as written")
    func numericKeys() throws {
        let config = try parse("metrics:\n  1: higher\n  yes: lower\n  '2': higher\n")
        #expect(config.metrics.map(\.name) == ["1", "yes", "2"])
    }

    @Test("quoted numbers, null and non-finite numbers are refused as YAML types them", arguments: [
        ("    min: \"0.5\"\n", "quill.yaml:4:10: 'min' of metric 'accuracy' is a string; expected a number"),
        ("    min: '1'\n", "quill.yaml:4:10: 'min' of metric 'accuracy' is a string; expected a number"),
        ("    min: ~\n", "quill.yaml:4:10: 'min' of metric 'accuracy' is null; expected a number"),
        ("    min:\n", "quill.yaml:4:9: 'min' of metric 'accuracy' is null; expected a number"),
        ("    min: -.inf\n", "quill.yaml:4:10: 'min' of metric 'accuracy' is a number; expected a number"),
        ("    min: yes\n", "quill.yaml:4:10: 'min' of metric 'accuracy' is a boolean; expected a number"),
        ("    min: 2001-12-14\n", "quill.yaml:4:10: 'min' of metric 'accuracy' is a string; expected a number"),
    ])
    func typedRefusals(line: String, expected: String) {
        do {
            _ = try parse("metrics:\n  accuracy:\n    direction: higher\n" + line)
            Issue.record("parsed: \(line)")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test("a key repeated once quoted and once plain is two keys when YAML types them apart")
    func typedKeys() throws {
        let config = try parse("metrics:\n  1: higher\n  '1': lower\n")
        #expect(config.metrics.map(\.direction) == [.higher, .lower])
        #expect(throws: InputFileError.self) { try parse("metrics:\n  a: higher\n  'a': lower\n") }
    }

    @Test("prompt paths are matched by the configured globs")
    func matchesPrompt() throws {
        let config = try parse("prompts:\n  - \"prompts/**\"\n  - \"**/*.prompty\"\n")
        #expect(config.matchesPrompt("prompts/support/agent.prompt"))
        #expect(config.matchesPrompt("agents/rag.prompty"))
        #expect(config.matchesPrompt("rag.prompty"))
        #expect(!config.matchesPrompt("src/main.swift"))
    }
}
