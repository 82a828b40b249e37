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
