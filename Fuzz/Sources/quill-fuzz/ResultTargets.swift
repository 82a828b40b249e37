import Foundation
@testable import QuillKit

/// The result-file importers, by the extension that picks them, and what `quill eval record` then
/// makes of an imported evaluation: its parameters and cases in canonical form, the cases read back.
enum ResultTargets {
    static let all = FuzzTarget.files([
        ("results-json", "results.json", "result JSON: Quill, promptfoo, gh models, DVC (format detected)"),
        ("results-jsonl", "results.jsonl", "JSON Lines: cases or promptfoo rows"),
        ("results-yaml", "metrics.yaml", "DVC metrics YAML"),
        ("results-toml", "metrics.toml", "DVC metrics TOML"),
        ("results-csv", "results.csv", "CSV tables: LangSmith, RAGAS, MLflow, any header row"),
        ("results-eval", "log.eval", "Inspect AI's zipped log: deflated, stored and Zstandard members"),
    ]) { bytes, path in
        guard let results = try? ResultImporter.read(Data(bytes), path: path, format: .auto) else { return }
        for evaluation in results.evaluations {
            _ = try? CanonicalJSON.encode(JSONValue.object(evaluation.parameters))
            CaseLinesTarget.checkRoundTrip(evaluation.cases)
        }
    }
}
