/// Which fields of a row of cases hold what — the case id, the verdict, the output, an error, the labels
/// and the metrics — for each format read as rows (docs/eval-import.md).
struct CaseLayout: Sendable {
    /// What a row that has none of the id fields is called.
    enum FallbackID: Sendable {
        /// Its line in the file, from 1 (JSON Lines).
        case line
        /// Its index among the rows, from 0 (tables, as pandas numbers them).
        case rowIndex
    }

    /// The fields that may hold the case id, the first present winning.
    var idFields: [String]
    /// What a row without an id field is called; nil when every row must have one (`--case-id FIELD`).
    var fallbackID: FallbackID?
    var verdictFields = ["pass", "passed", "success"]
    var outputFields = ["output"]
    var errorFields: [String] = []
    /// Fields naming the prompt, suite and model, in that order; rows naming different ones are separate evaluations.
    var labelFields = ["prompt", "suite", "model"]
    /// Fields that are never metrics, numbers or not (indexes, targets, hashes).
    var ignoredFields: Set<String> = []
    /// The field that lists which of a row's fields are metrics (lm-evaluation-harness's `metrics`).
    var metricListField: String?
    /// The metric name a (dotted) number field gives; nil when that field is no metric.
    var metricName: @Sendable (String) -> String? = { $0 }
    /// Whether true and false are scores 1 and 0 (LangSmith feedback) rather than no metric.
    var booleansAreScores = false

    /// JSON Lines of cases: `id`, `case`, `case_id` or `name`, else the line number.
    static let jsonLines = CaseLayout(idFields: ["id", "case", "case_id", "name"], fallbackID: .line)

    /// CSV of cases: as JSON Lines, plus pandas's unnamed index column; else the row's index.
    static let csv = CaseLayout(idFields: ["id", "case", "case_id", "name", ""], fallbackID: .rowIndex)

    /// A LangSmith experiment as `ExperimentResults.to_pandas()` flattens it: `example_id` (the dataset
    /// example, the same in every experiment; `id` is the run), `feedback.<key>` metrics, `outputs.output`,
    /// `error`; inputs, references and `execution_time` are no metrics.
    static let langSmith = CaseLayout(
        idFields: ["example_id"], fallbackID: nil, verdictFields: [], outputFields: ["outputs.output", "outputs"],
        errorFields: ["error"], labelFields: [],
        metricName: { $0.hasPrefix("feedback.") ? String($0.dropFirst("feedback.".count)) : nil }, booleansAreScores: true)

    /// Whether `row` is a LangSmith experiment row: an `example_id` beside `feedback.` scores.
    static func isLangSmith(_ row: ValueNode) -> Bool {
        guard case .table(let members) = row.kind, row.field("example_id") != nil else { return false }
        return members.contains { $0.key.hasPrefix("feedback.") || $0.key == "feedback" }
    }

    /// A RAGAS result table (`EvaluationResult.to_pandas()` saved as CSV or JSON records): one row a
    /// sample, every numeric column a metric (`faithfulness`, `answer_relevancy`…), `response` the
    /// output; inputs, contexts and references are text or lists, so no metrics.
    static let ragas = CaseLayout(
        idFields: ["id", "sample_id", ""], fallbackID: .rowIndex, verdictFields: [], outputFields: ["response", "answer"], labelFields: [])

    /// Whether `row` is a RAGAS sample: the fields RAGAS names its inputs with.
    static func isRagas(_ row: ValueNode) -> Bool {
        row.field("user_input") != nil && (row.field("response") != nil || row.field("retrieved_contexts") != nil)
            || row.field("question") != nil && row.field("contexts") != nil
    }

    /// An MLflow evaluation table (`eval_results_table.json`, or the same as CSV): one row a case, the
    /// `<metric>/score` columns the metrics (named without `/score`), `outputs` the output.
    static let mlflow = CaseLayout(
        idFields: ["id", ""], fallbackID: .rowIndex, verdictFields: [], outputFields: ["outputs"], labelFields: [],
        metricName: { $0.hasSuffix("/score") ? String($0.dropLast("/score".count)) : nil })

    /// Whether `row` is an MLflow evaluation row: a `…/score` column.
    static func isMLflow(_ row: ValueNode) -> Bool {
        guard case .table(let members) = row.kind else { return false }
        return members.contains { $0.key.hasSuffix("/score") }
    }

    /// The layout with the case id taken from `field` alone, which every row must then have.
    func identified(by field: String?) -> CaseLayout {
        guard let field else { return self }
        var layout = self
        layout.idFields = [field]
        layout.fallbackID = nil
        return layout
    }
}
