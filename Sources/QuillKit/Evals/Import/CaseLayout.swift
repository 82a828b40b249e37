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

    /// JSON Lines of cases: `id`, `case`, `case_id` or `name`, else the line number.
    static let jsonLines = CaseLayout(idFields: ["id", "case", "case_id", "name"], fallbackID: .line)

    /// CSV of cases: as JSON Lines, plus pandas's unnamed index column; else the row's index.
    static let csv = CaseLayout(idFields: ["id", "case", "case_id", "name", ""], fallbackID: .rowIndex)

    /// The layout with the case id taken from `field` alone, which every row must then have.
    func identified(by field: String?) -> CaseLayout {
        guard let field else { return self }
        var layout = self
        layout.idFields = [field]
        layout.fallbackID = nil
        return layout
    }
}
