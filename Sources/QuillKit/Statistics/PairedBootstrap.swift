import Foundation
import Synchronization

/// The paired bootstrap: a confidence interval for the mean of per-case differences, by resampling
/// cases with replacement and taking percentiles of the resampled means.
public enum PairedBootstrap {
    /// The default number of resamples (the issue asks for at least 2,000).
    public static let defaultResamples = 2_000

    /// Resamples are drawn in this many fixed blocks, each from its own generator seeded by the
    /// seed's generator, so the blocks can run in parallel and the answer still does not
    /// depend on the machine's number of cores.
    static let blocks = 8

    /// Below this many draws (resamples × cases) the blocks run one after another on the calling
    /// thread: waking workers costs more than the work. The blocks and their draws are the same
    /// either way, so the interval is too.
    static let parallelDraws = 1 << 18

    /// The percentile interval of the mean of `differences` (B − A per shared case); nil when empty.
    ///
    /// Complexity: O(resamples × n) additions and random draws, O(resamples) to find the percentiles.
    public static func interval(
        of differences: [Double], level: Double = 0.95, resamples: Int = defaultResamples, seed: UInt64 = SeededGenerator.defaultSeed
    ) -> ConfidenceInterval? {
        intervals(of: [differences], level: level, resamples: resamples, seed: seed)[0]
    }

    /// One interval per sample in `samples`, all of one length n: every resample draws one set of
    /// case indices and uses it for every sample (the metrics of a case stay together), so the draws
    /// are made once. Nil for an empty sample. Large problems run their blocks of resamples in parallel.
    ///
    /// Complexity: O(resamples × n × samples) additions, O(resamples × n) random draws, O(resamples ×
    /// samples) to find the percentiles.
    public static func intervals(
        of samples: [[Double]], level: Double = 0.95, resamples: Int = defaultResamples, seed: UInt64 = SeededGenerator.defaultSeed
    ) -> [ConfidenceInterval?] {
        guard let count = samples.first?.count, count > 0, resamples > 0, samples.allSatisfy({ $0.count == count }) else {
            return samples.map { _ in nil }
        }
        // Case-major, so one draw reads its case's values for every sample from one place.
        let width = samples.count
        var interleaved = [Double](repeating: 0, count: count * width)
        for (sample, values) in samples.enumerated() {
            for (index, value) in values.enumerated() { interleaved[index * width + sample] = value }
        }
        let table = interleaved
        let perBlock = (resamples + blocks - 1) / blocks
        // Each block's generator starts at a random point of SplitMix64's cycle, drawn from the seed
        // (seeds a fixed step apart would give the blocks shifted copies of one stream).
        var seeder = SeededGenerator(seed: seed)
        let blockSeeds = (0..<blocks).map { _ in seeder.next() }
        let ranges = (0..<blocks).map { block in (block * perBlock)..<min(resamples, (block + 1) * perBlock) }
        // Sample-major: the resampled means of sample s are means[s * resamples ..< (s + 1) * resamples].
        var means: [Double]
        if resamples * count < parallelDraws {
            means = [Double](repeating: 0, count: width * resamples)
            for block in 0..<blocks {
                resample(table, width: width, count: count, range: ranges[block], seed: blockSeeds[block], into: &means, stride: resamples)
            }
        } else {
            let shared = Mutex([Double](repeating: 0, count: width * resamples))
            DispatchQueue.concurrentPerform(iterations: blocks) { block in
                let range = ranges[block]
                guard !range.isEmpty else { return }
                var local = [Double](repeating: 0, count: width * range.count)
                resample(table, width: width, count: count, range: 0..<range.count, seed: blockSeeds[block], into: &local, stride: range.count)
                shared.withLock { means in
                    for sample in 0..<width {
                        means[(sample * resamples + range.lowerBound)..<(sample * resamples + range.upperBound)] =
                            local[(sample * range.count)..<((sample + 1) * range.count)]
                    }
                }
            }
            means = shared.withLock { $0 }
        }
        let tail = (1 - level) / 2
        return (0..<width).map { sample in
            var values = Array(means[(sample * resamples)..<((sample + 1) * resamples)])
            let (lower, upper) = percentiles(&values, tail, 1 - tail)
            return ConfidenceInterval(lower: lower, upper: upper, level: level, resamples: resamples, seed: seed)
        }
    }

    /// Draws the resamples of `range` from one generator seeded with `seed`, and writes the mean of
    /// sample s in resample r to `means[s * stride + r]`. Two indices come from each draw; the sums
    /// add each pair before adding it to the running sum.
    private static func resample(
        _ table: [Double], width: Int, count: Int, range: Range<Int>, seed: UInt64, into means: inout [Double], stride: Int
    ) {
        var generator = SeededGenerator(seed: seed)
        var sums = [Double](repeating: 0, count: width)
        table.withUnsafeBufferPointer { values in
            sums.withUnsafeMutableBufferPointer { sums in
                means.withUnsafeMutableBufferPointer { means in
                    for resample in range {
                        if width == 1 {
                            // One sample (the common case): the same sums without the loop over samples.
                            var sum = 0.0
                            for _ in 0..<(count / 2) {
                                let (first, second) = generator.indexPair(below: count)
                                sum += values[first] + values[second]
                            }
                            if count % 2 == 1 { sum += values[generator.index(below: count)] }
                            means[resample] = sum / Double(count)
                            continue
                        }
                        for index in 0..<width { sums[index] = 0 }
                        for _ in 0..<(count / 2) {
                            let (first, second) = generator.indexPair(below: count)
                            for index in 0..<width { sums[index] += values[first * width + index] + values[second * width + index] }
                        }
                        if count % 2 == 1 {
                            let row = generator.index(below: count) * width
                            for index in 0..<width { sums[index] += values[row + index] }
                        }
                        for index in 0..<width { means[index * stride + resample] = sums[index] / Double(count) }
                    }
                }
            }
        }
    }

    /// The `lower` and `upper` quantiles of `values` (possibly reordered in place), each interpolating
    /// linearly between the two order statistics around it (as NumPy's default does); found by
    /// selection instead of sorting. Complexity: O(n) expected.
    static func percentiles(_ values: inout [Double], _ lower: Double, _ upper: Double) -> (Double, Double) {
        if let found = tailPercentiles(values, lower, upper) { return found }
        return values.withUnsafeMutableBufferPointer { buffer in
            (quantile(buffer, lower), quantile(buffer, upper))
        }
    }

    /// The same quantiles when both lie in the outer eighths (a 95% interval: the 2.5th and 97.5th
    /// percentiles), from the few smallest and largest values that hold the order statistics needed
    /// (the smallest up to the lower one, the largest from the upper one) instead of two selections
    /// over all of them: two cuts are selected from every 16th value, placed to keep about three
    /// times as many values as needed; one pass keeps the values beyond the cuts, and the statistics
    /// are selected among those. Nil for other quantiles, with a NaN, or when a cut keeps too few
    /// (the selections over all values then run). Complexity: O(n) expected.
    private static func tailPercentiles(_ values: [Double], _ lower: Double, _ upper: Double) -> (Double, Double)? {
        let count = values.count
        let positions = (lower * Double(count - 1), upper * Double(count - 1))
        let below = (Int(positions.0.rounded(.down)), Int(positions.1.rounded(.down)))
        let smallest = min(count, below.0 + 2)  // ranks 0 ... below.0 + 1
        let largest = count - below.1  // ranks below.1 ..< count
        guard count > 0, (smallest + largest) * 8 <= count, below.0 < below.1, !values.contains(where: \.isNaN) else { return nil }
        var sample = stride(from: 0, to: count, by: 16).map { values[$0] }
        let (lowCut, highCut) = sample.withUnsafeMutableBufferPointer { sample in
            (select(sample, min(sample.count - 1, smallest * 3 * sample.count / count)),
             select(sample, max(0, sample.count - 1 - largest * 3 * sample.count / count)))
        }
        var low = [Double](), high = [Double]()
        for value in values {
            if value <= lowCut { low.append(value) }
            if value >= highCut { high.append(value) }
        }
        // Every value at or below the cut is kept, so with enough of them the smallest ones are all
        // there: rank r among all values is rank r in `low`, and rank r - (count - high.count) in `high`.
        guard low.count >= smallest, high.count >= largest else { return nil }
        func interpolated(_ kept: inout [Double], _ position: Double, _ rank: Int, offset: Int) -> Double {
            kept.withUnsafeMutableBufferPointer { kept in
                let index = rank - offset
                let statistic = select(kept, index)
                let next = index + 1 < kept.count ? kept[(index + 1)...].min()! : statistic
                let weight = position - Double(rank)
                return statistic * (1 - weight) + next * weight
            }
        }
        return (interpolated(&low, positions.0, below.0, offset: 0), interpolated(&high, positions.1, below.1, offset: count - high.count))
    }

    /// The `fraction` quantile of `values`, whose order it changes: the order statistic at or below
    /// the fractional position by quickselect, the next one as the minimum of what lies above it.
    private static func quantile(_ values: UnsafeMutableBufferPointer<Double>, _ fraction: Double) -> Double {
        let position = fraction * Double(values.count - 1)
        let below = Int(position.rounded(.down))
        let weight = position - Double(below)
        let low = select(values, below)
        // Everything after `below` is now at least the order statistic there; the next one is their minimum.
        let high = below + 1 < values.count ? values[(below + 1)...].min()! : low
        return low * (1 - weight) + high * weight
    }

    /// Rearranges `values` so that position `k` holds the value sorting would put there, smaller or
    /// equal values before it and larger or equal ones after; returns that value. Median-of-three
    /// pivots, so sorted and constant inputs stay linear.
    private static func select(_ values: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
        var (low, high) = (0, values.count - 1)
        while low < high {
            let middle = low + (high - low) / 2
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[middle] { values.swapAt(high, middle) }
            let pivot = values[middle]
            // Hoare partition: [low, j] ≤ pivot ≤ [i, high].
            var (i, j) = (low, high)
            while i <= j {
                while values[i] < pivot { i += 1 }
                while pivot < values[j] { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return values[k]
            }
        }
        return values[k]
    }
}
