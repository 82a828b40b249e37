/// One metric of one suite and model, compared from A to B.
public struct MetricComparison: Codable, Sendable, Equatable {
    public let name: String
    /// Which way is better, from `quill.yaml` (`pass_rate` is always higher); nil when undeclared.
    public let direction: MetricDirection?
    /// The records' values at A: mean ± sd over repeated runs, with n; nil when A lacks the metric.
    public let from: SampleSummary?
    /// The records' values at B.
    public let to: SampleSummary?
    /// `to.mean − from.mean`, when both sides have the metric.
    public let delta: Double?
    /// `delta / |from.mean|`, when that is defined.
    public let relativeDelta: Double?
    /// Better, worse, unchanged or changed; nil when one side lacks the metric.
    public let verdict: Verdict?
    /// The spread of repeated runs of one version (the larger standard deviation of the two sides):
    /// the yardstick for a delta without per-case results.
    public let noise: Double?
    /// Cases both sides scored on this metric; nil without per-case results on both sides.
    public let pairedCases: Int?
    /// The mean of the per-case differences (B − A) over the paired cases.
    public let pairedDelta: Double?
    /// The paired-bootstrap confidence interval of `pairedDelta`.
    public let interval: ConfidenceInterval?
    /// Whether `interval` excludes zero; nil when there is no interval (no claim is made).
    public let significant: Bool?
}
