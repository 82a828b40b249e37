/// Which way a metric improves.
public enum MetricDirection: String, Codable, Sendable, CaseIterable {
    /// Larger values are better (accuracy, pass rate).
    case higher
    /// Smaller values are better (latency, cost).
    case lower
}
