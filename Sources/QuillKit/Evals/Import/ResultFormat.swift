/// The kinds of evaluation result files Quill imports (docs/eval-import.md).
public enum ResultFormat: String, CaseIterable, Sendable, Codable {
    /// Detect the format from the file's shape, and from its extension for DVC YAML and TOML and for CSV.
    case auto
    /// Quill's own results JSON (docs/schemas/eval-result.schema.json).
    case quill
    /// The output of `promptfoo eval -o results.json` (summary versions 2 and 3) or `-o results.jsonl`.
    case promptfoo
    /// JSON Lines, one test case an object.
    case jsonl
    /// CSV, a header row and one test case a record.
    case csv
    /// A DVC-style metrics file: numbers, nested or in lists, as JSON, YAML or TOML.
    case dvc
    /// The output of `gh models eval --json`.
    case ghModels = "gh-models"
    /// lm-evaluation-harness: `results_*.json` (aggregates per task) or `samples_*.jsonl` (per document).
    case lmEval = "lm-eval"
    /// Inspect AI eval logs: `.json`, or the zipped `.eval`.
    case inspect
    /// A LangSmith experiment export (`to_pandas()` rows) as CSV or JSON Lines.
    case langSmith = "langsmith"
    /// A DeepEval test run (`test_run_<date>.json`).
    case deepEval = "deepeval"
    /// A RAGAS result table (`to_pandas()` as CSV or JSON records).
    case ragas
    /// An MLflow evaluation table (`eval_results_table.json`, or CSV).
    case mlflow
}

extension ResultFormat {
    /// What a file of this format looks like, for the "expected …" half of error messages.
    var expectation: String {
        switch self {
        case .auto: "one of: " + Self.allCases.dropFirst().map(\.signature).joined(separator: "; ")
        case .quill: "Quill results JSON with \"quill\": 1"
        case .promptfoo: "promptfoo results (JSON with 'results', or JSON Lines of result rows)"
        case .jsonl: "JSON Lines, one case object a line"
        case .csv: "CSV with a header row, one case a record"
        case .dvc: "a DVC metrics file of numbers (JSON, YAML or TOML)"
        case .ghModels: "'gh models eval --json' output with 'testResults'"
        case .lmEval: "lm-evaluation-harness results JSON ('results' by task) or samples JSON Lines ('doc_id' a line)"
        case .inspect: "an Inspect AI log: .json with 'eval' and 'samples', or a zipped .eval"
        case .langSmith: "a LangSmith experiment export: CSV or JSON Lines rows with 'example_id' and 'feedback.' scores"
        case .deepEval: "a DeepEval test run with 'testCases'"
        case .ragas: "a RAGAS result table: CSV or a JSON array of rows with 'user_input' and metric columns"
        case .mlflow: "an MLflow evaluation table: 'columns' and 'data', or CSV, with '<metric>/score' columns"
        }
    }

    /// What `--format auto` looks for to pick this format, for the one line that refuses an unknown shape.
    var signature: String {
        switch self {
        case .auto: ""
        case .quill: "\"quill\" (Quill JSON)"
        case .promptfoo: "'evalId', 'results.results' or promptfoo rows with 'promptIdx' and 'testIdx' (promptfoo)"
        case .jsonl: "one case object a line (.jsonl)"
        case .csv: "a header row (.csv)"
        case .dvc: "numbers only, nested or in lists (DVC metrics, .json/.yaml/.toml)"
        case .ghModels: "'testResults' (gh models eval)"
        case .lmEval: "'results' by task with 'versions' or 'configs', or lines with 'doc_id' (lm-evaluation-harness)"
        case .inspect: "'version' beside 'eval.task', or a ZIP archive (Inspect AI)"
        case .langSmith: "rows with 'example_id' and 'feedback.' scores (LangSmith)"
        case .deepEval: "'testCases' (DeepEval)"
        case .ragas: "rows with 'user_input' and 'response' or 'retrieved_contexts' (RAGAS)"
        case .mlflow: "'columns' and 'data' or rows with '<metric>/score' columns (MLflow)"
        }
    }

    /// Whether files of this format are rows of cases whose id field `--case-id` can name.
    var takesCaseIDField: Bool {
        [.jsonl, .csv, .lmEval, .langSmith, .ragas, .mlflow].contains(self)
    }
}
