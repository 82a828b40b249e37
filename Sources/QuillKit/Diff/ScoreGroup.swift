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

/// Scores of a suite and model that only one side has: listed apart, never compared.
public struct UnpairedScores: Codable, Sendable, Equatable {
    /// Which side has them.
    public enum Side: String, Codable, Sendable {
        case from, to
    }

    public let side: Side
    public let suite: String
    public let model: String?
    public let records: Int
    /// Each metric's mean ± sd over the records.
    public let metrics: [String: SampleSummary]
}

/// Every score of a prompt at A and at B: compared within a suite and model, the rest apart.
public struct ScoreComparison: Codable, Sendable, Equatable {
    public let groups: [ScoreGroup]
    public let unpaired: [UnpairedScores]

    /// Whether neither side has any record.
    public var isEmpty: Bool { groups.isEmpty && unpaired.isEmpty }
}
