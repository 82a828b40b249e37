import Foundation
import QuillKit

/// The results files under `Fixtures/evals/`, imported as `quill eval record` would.
enum EvalFixtures {
    /// The file names, one per supported shape.
    static let names = [
        "quill.json", "promptfoo-v3.json", "promptfoo-v2.json", "promptfoo.jsonl", "gh-models.json",
        "cases.jsonl", "dvc-metrics.json", "dvc-metrics.yaml", "dvc-metrics.toml", "inspect-ai.json", "inspect-ai.eval",
        "lm-eval/results.json", "lm-eval/samples_quill_quiz.jsonl", "langsmith.csv", "langsmith.jsonl", "deepeval.json", "ragas.csv", "ragas.json", "mlflow.json", "mlflow.csv",
        "openai-evals.jsonl", "openai-evals-fuzzy.jsonl", "openai-evals-modelgraded.jsonl",
    ]

    /// Imports `Fixtures/evals/<name>`.
    static func read(_ name: String, format: ResultFormat = .auto) throws -> ImportedResults {
        try ResultImporter.read(Fixtures.data("evals/\(name)"), path: name, format: format)
    }

    /// Imports text written in a test.
    static func read(text: String, path: String, format: ResultFormat = .auto) throws(InputFileError) -> ImportedResults {
        try ResultImporter.read(Data(text.utf8), path: path, format: format)
    }
}

/// Whether two metric tables have the same names and values equal to 1e-9.
func sameMetrics(_ actual: [String: Double], _ expected: [String: Double]) -> Bool {
    actual.keys.sorted() == expected.keys.sorted() && expected.allSatisfy { abs(actual[$0.key]! - $0.value) < 1e-9 }
}
