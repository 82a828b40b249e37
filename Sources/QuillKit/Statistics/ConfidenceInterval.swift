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
    /// The random seed of the resampling, so anyone can reproduce it: 16 hex digits (JSON numbers
    /// above 2^53 lose digits in many readers).
    public let seed: String

    /// Makes an interval; `seed` is written as 16 hex digits.
    public init(lower: Double, upper: Double, level: Double, resamples: Int, seed: UInt64) {
        self.lower = lower
        self.upper = upper
        self.level = level
        self.resamples = resamples
        let hex = String(seed, radix: 16)
        self.seed = String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    }

    /// Whether the interval lies wholly on one side of zero.
    public var excludesZero: Bool { lower > 0 || upper < 0 }
}
