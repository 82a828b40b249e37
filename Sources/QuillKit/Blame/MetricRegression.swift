/// One change of a metric in its bad direction, with its evidence and the commits that could explain it.
public struct MetricRegression: Codable, Sendable, Equatable {
    public let before: MetricLevel
    public let after: MetricLevel
    /// `after.mean - before.mean`.
    public let change: Double
    /// The permutation test's p-value for the change point.
    public let pValue: Double
    /// The last evaluated commit at the old level.
    public let lastGood: String
    /// The first evaluated commit at the new level.
    public let firstBad: String
    /// Commits after `lastGood` up to `firstBad` (first-parent history) that changed the prompt,
    /// its model settings or its data, newest first; commits that changed nothing of these are not listed.
    public let candidates: [RegressionCandidate]
    /// The candidate named as the most likely cause; `nil` when there is none.
    public let culprit: String?
}
