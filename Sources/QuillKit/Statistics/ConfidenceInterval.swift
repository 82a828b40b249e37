/// A two-sided confidence interval for a difference, and how it was obtained.
public struct ConfidenceInterval: Codable, Sendable, Equatable {
    /// The lower bound.
    public let lower: Double
    /// The upper bound.
    public let upper: Double
    /// The confidence level, such as 0.95.
    public let level: Double
    /// How many bootstrap resamples produced it.
    public let resamples: Int
    /// The random seed of the resampling, so anyone can reproduce it.
    public let seed: UInt64

    /// Whether the interval lies wholly on one side of zero.
    public var excludesZero: Bool { lower > 0 || upper < 0 }
}
