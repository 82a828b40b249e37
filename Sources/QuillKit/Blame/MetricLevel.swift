/// A metric's level over a run of evaluated commits with no change inside.
public struct MetricLevel: Codable, Sendable, Equatable {
    /// The mean of the commits' values (each commit's value is the mean of its runs).
    public let mean: Double
    /// Sample standard deviation of the commits' values (0 for a single commit).
    public let standardDeviation: Double
    /// Standard error of `mean`.
    public let standardError: Double
    /// How many evaluated commits the level spans.
    public let commits: Int

    /// The level of `values`.
    init(_ values: ArraySlice<Double>) {
        let count = Double(values.count)
        let mean = values.reduce(0, +) / count
        let variance = values.count > 1 ? values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (count - 1) : 0
        self.mean = mean
        standardDeviation = variance.squareRoot()
        standardError = standardDeviation / count.squareRoot()
        commits = values.count
    }
}
