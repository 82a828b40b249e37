import Foundation
import QuillKit
import Testing

@Suite("format detection reads a file's shape, and its extension for DVC YAML and TOML")
struct ResultDetectionTests {
    static let expected: [(String, ResultFormat)] = [
        ("quill.json", .quill), ("promptfoo-v3.json", .promptfoo), ("promptfoo-v2.json", .promptfoo),
        ("promptfoo.jsonl", .promptfoo), ("gh-models.json", .ghModels), ("cases.jsonl", .jsonl),
        ("dvc-metrics.json", .dvc), ("dvc-metrics.yaml", .dvc), ("dvc-metrics.toml", .dvc),
        ("inspect-ai.json", .inspect), ("inspect-ai.eval", .inspect), ("lm-eval/results.json", .lmEval),
        ("lm-eval/samples_quill_quiz.jsonl", .lmEval), ("langsmith.csv", .langSmith), ("langsmith.jsonl", .langSmith),
        ("deepeval.json", .deepEval), ("ragas.csv", .ragas), ("ragas.json", .ragas), ("mlflow.json", .mlflow), ("mlflow.csv", .mlflow),
        ("openai-evals.jsonl", .openAIEvals), ("openai-evals-fuzzy.jsonl", .openAIEvals),
        ("openai-evals-modelgraded.jsonl", .openAIEvals),
    ]

    @Test("every fixture is detected as its format", arguments: expected)
    func detects(_ name: String, _ format: ResultFormat) throws {
        #expect(try EvalFixtures.read(name).format == format)
    }

    @Test("naming the format reads the same evaluations as detecting it", arguments: expected)
    func explicit(_ name: String, _ format: ResultFormat) throws {
        #expect(try EvalFixtures.read(name, format: format) == EvalFixtures.read(name))
    }

    @Test("JSON Lines are recognised by their lines whatever the file is called")
    func linesWithoutExtension() throws {
        let text = "{\"id\": \"a\", \"score\": 1}\n{\"id\": \"b\", \"score\": 0}\n"
        #expect(try EvalFixtures.read(text: text, path: "results.txt").format == .jsonl)
    }

    @Test("a bare promptfoo summary (what promptfoo.evaluate() returns) is promptfoo")
    func bareSummary() throws {
        let text = #"{"version": 3, "timestamp": "2025-01-01T00:00:00Z", "results": [{"promptIdx": 0, "testIdx": 0, "success": true, "score": 1, "provider": {"id": "echo"}, "prompt": {"raw": "hi", "label": "hi"}}], "prompts": []}"#
        let results = try EvalFixtures.read(text: text, path: "summary.json")
        #expect(results.format == .promptfoo)
        #expect(results.evaluations.map(\.model) == ["echo"])
        #expect(results.evaluations.map(\.promptPath) == [nil])
    }

    @Test("a single JSON Lines row of promptfoo is promptfoo, not a metrics file")
    func singleRow() throws {
        let text = #"{"promptIdx": 0, "testIdx": 0, "success": false, "score": 0, "provider": {"id": "echo"}, "prompt": {"label": "file://prompts/a.txt"}}"#
        let results = try EvalFixtures.read(text: text, path: "one.jsonl")
        #expect(results.format == .promptfoo)
        #expect(results.evaluations.map(\.promptPath) == ["prompts/a.txt"])
    }
}
