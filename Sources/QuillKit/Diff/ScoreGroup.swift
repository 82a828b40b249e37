/// The scores of one suite and model that both sides have, compared metric by metric.
public struct ScoreGroup: Codable, Sendable, Equatable {
    public let suite: String
    public let model: String?
    /// Records (runs) at A.
    public let fromRecords: Int
    /// Records (runs) at B.
    public let toRecords: Int
    /// One row per metric: metrics `quill.yaml` declares in its order, then the others by name.
    public let metrics: [MetricComparison]
    /// The per-case pairing, when both sides have per-case results.
    public let cases: CaseComparison?
}
