/// The mean of a sample, its spread and its size, as score tables show repeated runs: mean ± sd (n).
public struct SampleSummary: Codable, Sendable, Equatable {
    /// The arithmetic mean.
    public let mean: Double
    /// The sample standard deviation (n − 1 in the denominator); nil with fewer than two values.
    public let standardDeviation: Double?
    /// How many values.
    public let count: Int

    /// Makes a summary from its parts.
    public init(mean: Double, standardDeviation: Double?, count: Int) {
        self.mean = mean
        self.standardDeviation = standardDeviation
        self.count = count
    }

    /// Summarises `values`; nil when there are none. Complexity: O(n), two passes.
    public init?(_ values: [Double]) {
        guard !values.isEmpty else { return nil }
        let mean = values.reduce(0, +) / Double(values.count)
        var squares = 0.0
        for value in values { squares += (value - mean) * (value - mean) }
        self.init(
            mean: mean, standardDeviation: values.count > 1 ? (squares / Double(values.count - 1)).squareRoot() : nil,
            count: values.count)
    }
}
