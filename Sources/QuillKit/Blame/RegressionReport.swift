/// The regressions of one metric of one prompt along first-parent history.
public struct RegressionReport: Codable, Sendable, Equatable {
    public let prompt: String
    public let metric: String
    /// Which way is better, from `quill.yaml` (higher when the metric is not declared).
    public let direction: MetricDirection
    /// The suite the series was limited to, if any.
    public let suite: String?
    /// How many evaluated commits the series has.
    public let evaluatedCommits: Int
    /// Oldest first.
    public let regressions: [MetricRegression]
}
