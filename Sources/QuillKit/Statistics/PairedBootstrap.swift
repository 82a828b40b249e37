/// The paired bootstrap: a confidence interval for the mean of per-case differences, by resampling
/// cases with replacement and taking percentiles of the resampled means.
public enum PairedBootstrap {
    /// The default number of resamples (the issue asks for at least 2,000).
    public static let defaultResamples = 2_000

    /// The percentile interval of the mean of `differences` (B − A per shared case); nil when empty.
    ///
    /// Complexity: O(resamples × n) additions and random draws, O(resamples log resamples) to sort.
    public static func interval(
        of differences: [Double], level: Double = 0.95, resamples: Int = defaultResamples, seed: UInt64 = SeededGenerator.defaultSeed
    ) -> ConfidenceInterval? {
        guard !differences.isEmpty, resamples > 0 else { return nil }
        var generator = SeededGenerator(seed: seed)
        let count = differences.count
        var means = [Double](repeating: 0, count: resamples)
        differences.withUnsafeBufferPointer { values in
            for resample in 0..<resamples {
                var sum = 0.0
                for _ in 0..<count { sum += values[generator.index(below: count)] }
                means[resample] = sum / Double(count)
            }
        }
        means.sort()
        let tail = (1 - level) / 2
        return ConfidenceInterval(
            lower: percentile(means, tail), upper: percentile(means, 1 - tail), level: level, resamples: resamples, seed: seed)
    }

    /// The `fraction` quantile of sorted `values`, interpolating linearly between order statistics.
    static func percentile(_ values: [Double], _ fraction: Double) -> Double {
        let position = fraction * Double(values.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, values.count - 1)
        let weight = position - Double(below)
        return values[below] * (1 - weight) + values[above] * weight
    }
}
