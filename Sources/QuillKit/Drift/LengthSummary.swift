/// Sentence lengths in words, summarised: how many, their mean, median and 90th percentile.
/// Percentiles interpolate linearly between the two nearest ranks, as NumPy's default
/// (`numpy.percentile(…, method='linear')`) does.
public struct LengthSummary: Codable, Sendable, Equatable {
    public let count: Int
    public let mean: Double
    public let median: Double
    public let p90: Double

    /// Summarises `lengths`; all zero when there are none. Complexity: O(n log n).
    init(_ lengths: [Int]) {
        count = lengths.count
        guard !lengths.isEmpty else {
            (mean, median, p90) = (0, 0, 0)
            return
        }
        let sorted = lengths.sorted()
        mean = Double(sorted.reduce(0, +)) / Double(sorted.count)
        median = Self.percentile(sorted, 50)
        p90 = Self.percentile(sorted, 90)
    }

    /// The `percent`th percentile of sorted, non-empty `values`.
    static func percentile(_ values: [Int], _ percent: Double) -> Double {
        let rank = percent / 100 * Double(values.count - 1)
        let lower = Int(rank.rounded(.down))
        let upper = min(lower + 1, values.count - 1)
        let fraction = rank - Double(lower)
        return Double(values[lower]) + (Double(values[upper]) - Double(values[lower])) * fraction
    }
}
