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

    /// The percentile interval of the mean of `differences` (B − A per shared case); nil when empty.
    ///
    /// Complexity: O(resamples × n) additions and random draws, O(resamples log resamples) to sort.
    public static func interval(
        of differences: [Double], level: Double = 0.95, resamples: Int = defaultResamples, seed: UInt64 = SeededGenerator.defaultSeed
    ) -> ConfidenceInterval? {
        intervals(of: [differences], level: level, resamples: resamples, seed: seed)[0]
    }

    /// One interval per sample in `samples`, all of one length n: every resample draws one set of
    /// case indices and uses it for every sample (the metrics of a case stay together), so the draws
    /// are made once. Nil for an empty sample. Blocks of resamples run in parallel.
    ///
    /// Complexity: O(resamples × n × samples) additions, O(resamples × n) random draws.
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
        let means = MeansBuffer(samples: width, resamples: resamples)
        let perBlock = (resamples + blocks - 1) / blocks
        // Each block's generator starts at a random point of SplitMix64's cycle, drawn from the seed
        // (seeds a fixed step apart would give the blocks shifted copies of one stream).
        var seeder = SeededGenerator(seed: seed)
        let blockSeeds = (0..<blocks).map { _ in seeder.next() }
        DispatchQueue.concurrentPerform(iterations: blocks) { block in
            let range = (block * perBlock)..<min(resamples, (block + 1) * perBlock)
            guard !range.isEmpty else { return }
            var generator = SeededGenerator(seed: blockSeeds[block])
            var blockMeans = [[Double]](repeating: [], count: width)
            var sums = [Double](repeating: 0, count: width)
            table.withUnsafeBufferPointer { values in
                sums.withUnsafeMutableBufferPointer { sums in
                    for _ in range {
                        for index in 0..<width { sums[index] = 0 }
                        for _ in 0..<(count / 2) {
                            let (first, second) = generator.indexPair(below: count)
                            for index in 0..<width { sums[index] += values[first * width + index] + values[second * width + index] }
                        }
                        if count % 2 == 1 {
                            let row = generator.index(below: count) * width
                            for index in 0..<width { sums[index] += values[row + index] }
                        }
                        for index in 0..<width { blockMeans[index].append(sums[index] / Double(count)) }
                    }
                }
            }
            means.store(blockMeans, at: range.lowerBound)
        }
        let tail = (1 - level) / 2
        return means.sorted().map { sorted in
            ConfidenceInterval(
                lower: percentile(sorted, tail), upper: percentile(sorted, 1 - tail), level: level, resamples: resamples, seed: seed)
        }
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

/// The resampled means of every sample, filled block by block from parallel workers.
private final class MeansBuffer: Sendable {
    private let storage: Mutex<[[Double]]>

    init(samples: Int, resamples: Int) {
        storage = Mutex([[Double]](repeating: [Double](repeating: 0, count: resamples), count: samples))
    }

    func store(_ block: [[Double]], at start: Int) {
        storage.withLock { means in
            for (sample, values) in block.enumerated() {
                means[sample].replaceSubrange(start..<(start + values.count), with: values)
            }
        }
    }

    func sorted() -> [[Double]] {
        storage.withLock { $0.map { $0.sorted() } }
    }
}
