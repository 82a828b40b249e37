/// One metric of one suite and model of a changed prompt, judged: both sides' values, the change,
/// the gates that applied, the verdict, and why.
public struct MetricReview: Codable, Sendable, Equatable {
    public let suite: String
    public let model: String?
    public let metric: String
    /// Which way is better (from the base side's `quill.yaml`; `pass_rate` is always higher).
    public let direction: MetricDirection
    /// The gates of the base side's `quill.yaml` for this metric.
    public let min: Double?
    public let maxDrop: Double?
    /// The values at the merge base (mean ± sd over its records).
    public let base: SampleSummary?
    /// The values at the head.
    public let head: SampleSummary?
    /// `head.mean − base.mean`.
    public let delta: Double?
    /// The 95% paired-bootstrap interval of the per-case difference, with per-case results on both sides.
    public let interval: ConfidenceInterval?
    public let verdict: ReviewVerdict
    /// Why, in one sentence: the rule that decided the verdict, with the numbers.
    public let reason: String
}
