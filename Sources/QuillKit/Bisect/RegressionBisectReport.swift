/// What `quill blame PROMPT --metric M --bisect --run CMD` did: the commits it evaluated to settle an
/// ambiguous regression, and the attribution once they were recorded.
public struct RegressionBisectReport: Codable, Sendable, Equatable {
    /// One evaluation.
    public struct Step: Codable, Sendable, Equatable {
        public let commit: String
        /// The metric's value, when the run gave one.
        public let value: Double?
        /// The evaluator's exit status (125: it skipped the commit).
        public let exitStatus: Int32
    }

    /// The regression bisected (its first bad commit before the runs), `nil` when none was ambiguous.
    public let regression: String?
    /// How many candidates it had, and the most runs they need: ceil(log2 candidates).
    public let candidates: Int
    public let runBound: Int
    public let steps: [Step]
    /// The attribution with every evaluation recorded.
    public let report: RegressionReport
}
