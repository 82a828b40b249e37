/// The kinds of evaluation result files Quill imports (docs/eval-import.md).
public enum ResultFormat: String, CaseIterable, Sendable, Codable {
    /// Detect the format from the file's shape, and from its extension for DVC YAML and TOML.
    case auto
    /// Quill's own results JSON (docs/eval-result.schema.json).
    case quill
    /// The output of `promptfoo eval -o results.json` (summary versions 2 and 3) or `-o results.jsonl`.
    case promptfoo
    /// JSON Lines, one test case an object.
    case jsonl
    /// A DVC-style metrics file: numbers, nested or in lists, as JSON, YAML or TOML.
    case dvc
    /// The output of `gh models eval --json`.
    case ghModels = "gh-models"
}

extension ResultFormat {
    /// What a file of this format looks like, for the "expected …" half of error messages.
    var expectation: String {
        switch self {
        case .auto:
            "promptfoo results, Quill results JSON, 'gh models eval --json' output, JSON Lines of cases or a DVC metrics file"
        case .quill: "Quill results JSON with \"quill\": 1"
        case .promptfoo: "promptfoo results (JSON with 'results', or JSON Lines of result rows)"
        case .jsonl: "JSON Lines, one case object a line"
        case .dvc: "a DVC metrics file of numbers (JSON, YAML or TOML)"
        case .ghModels: "'gh models eval --json' output with 'testResults'"
        }
    }
}
