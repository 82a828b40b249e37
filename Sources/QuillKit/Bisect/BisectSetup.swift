/// What a bisect session compares: the metric and its direction, the prompt and suite, the command, and
/// the two endpoints with the threshold between them. Fixed when the session starts.
public struct BisectSetup: Codable, Sendable, Equatable {
    public let metric: String
    public let direction: MetricDirection
    public let suite: String
    /// The prompt's path at the bad commit.
    public let prompt: String
    /// The evaluator command.
    public let command: String
    /// Values worse than this are bad; equal or better are good.
    public let threshold: Double
    /// Whether every failing run counts as a skip.
    public let skipFailures: Bool
    public let good: BisectEndpoint
    public let bad: BisectEndpoint

    /// Whether `value` is worse than the threshold.
    public func isBad(_ value: Double) -> Bool {
        direction == .higher ? value < threshold : value > threshold
    }
}
