import Foundation
@testable import QuillKit
import Testing

@Suite("Paired bootstrap")
struct PairedBootstrapTests {
    /// The bootstrap as Quill computed it before the selection and serial paths: every block's
    /// resampled means, in resample order, fully sorted, and the two percentiles read from the sorted
    /// values with linear interpolation. Written plainly as the oracle for the fast version.
    private static func reference(_ samples: [[Double]], resamples: Int, seed: UInt64) -> [(lower: Double, upper: Double)] {
        let count = samples[0].count
        let perBlock = (resamples + PairedBootstrap.blocks - 1) / PairedBootstrap.blocks
        var seeder = SeededGenerator(seed: seed)
        let seeds = (0..<PairedBootstrap.blocks).map { _ in seeder.next() }
        var means = [[Double]](repeating: [], count: samples.count)
        for block in 0..<PairedBootstrap.blocks {
            var generator = SeededGenerator(seed: seeds[block])
            for _ in (block * perBlock)..<min(resamples, (block + 1) * perBlock) {
                var sums = [Double](repeating: 0, count: samples.count)
                for _ in 0..<(count / 2) {
                    let (first, second) = generator.indexPair(below: count)
                    for sample in samples.indices { sums[sample] += samples[sample][first] + samples[sample][second] }
                }
                if count % 2 == 1 {
                    let row = generator.index(below: count)
                    for sample in samples.indices { sums[sample] += samples[sample][row] }
                }
                for sample in samples.indices { means[sample].append(sums[sample] / Double(count)) }
            }
        }
        func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
            let position = fraction * Double(sorted.count - 1)
            let below = Int(position.rounded(.down))
            let weight = position - Double(below)
            return sorted[below] * (1 - weight) + sorted[min(below + 1, sorted.count - 1)] * weight
        }
        let tail = (1 - 0.95) / 2
        return means.map { values in
            let sorted = values.sorted()
            return (percentile(sorted, tail), percentile(sorted, 1 - tail))
        }
    }

    /// Paired differences of `count` cases: 0/1 scores (differences in {−1, 0, 1}) whose head side
    /// passes `shift` more often, or continuous scores.
    private static func differences(count: Int, shift: Double, binary: Bool, seed: UInt64) -> [Double] {
        var random = SeededGenerator(seed: seed)
        func uniform() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
        return (0..<count).map { _ in
            binary ? (uniform() < 0.8 + shift ? 1 : 0) - (uniform() < 0.8 ? 1 : 0) : uniform() - 0.5 + shift
        }
    }

    /// (cases, resamples, samples): small and large problems (the serial and the parallel path), odd
    /// counts, resample counts that do not divide into the blocks, several samples sharing the draws.
    static let shapes: [(Int, Int, Int)] = [
        (1, 2_000, 1), (2, 2_000, 1), (25, 2_000, 1), (25, 2_000, 2), (31, 1_999, 3), (200, 2_000, 1), (1_001, 300, 2),
        (333, 7, 1), (12, 10_003, 1),
    ]

    @Test("the intervals equal the sorted-percentile bootstrap's bit for bit, so every verdict is the same", arguments: shapes)
    func equalsReference(count: Int, resamples: Int, width: Int) {
        for seed in [1, 2, 3, 0x5155_494C_4C00_0001] as [UInt64] {
            for (shift, binary) in [(0.0, true), (-0.15, true), (0.08, true), (0.0, false), (0.05, false)] {
                let samples = (0..<width).map { sample in
                    Self.differences(count: count, shift: shift * Double(sample + 1), binary: binary, seed: seed &+ UInt64(sample) &* 977)
                }
                let fast = PairedBootstrap.intervals(of: samples, resamples: resamples, seed: seed)
                let expected = Self.reference(samples, resamples: resamples, seed: seed)
                for (interval, reference) in zip(fast, expected) {
                    let interval = try! #require(interval)
                    #expect(interval.lower.bitPattern == reference.lower.bitPattern && interval.upper.bitPattern == reference.upper.bitPattern,
                            "n=\(count) B=\(resamples) seed=\(seed) shift=\(shift): \(interval) vs \(reference)")
                    #expect(interval.excludesZero == (reference.lower > 0 || reference.upper < 0))
                }
            }
        }
    }

    @Test("outer quantiles from the kept tails equal those of the sorted values, ties included", arguments: [8, 16, 100, 817, 2_000, 10_003])
    func tailsEqualSorting(size: Int) {
        var random = SeededGenerator(seed: 23)
        for distinct in [1, 2, 3, 50, 1_000_000] {
            let values = (0..<size).map { _ in Double(random.index(below: distinct)) / 7 - 3 }
            let sorted = values.sorted()
            func expected(_ fraction: Double) -> Double {
                let position = fraction * Double(size - 1)
                let below = Int(position.rounded(.down))
                let weight = position - Double(below)
                return sorted[below] * (1 - weight) + sorted[min(below + 1, size - 1)] * weight
            }
            for (lower, upper) in [(0.025, 0.975), (0.005, 0.995), (0.05, 0.95), (0.001, 0.999)] {
                var copy = values
                let (low, high) = PairedBootstrap.percentiles(&copy, lower, upper)
                #expect(low.bitPattern == expected(lower).bitPattern && high.bitPattern == expected(upper).bitPattern,
                        "size \(size), \(distinct) distinct, \(lower)–\(upper)")
                #expect(copy.sorted() == sorted)
            }
        }
    }

    @Test("outer quantiles equal the sorted values' when the sampled cuts keep too few: ten sampled values are extremes")
    func tailsWithMisleadingSample() {
        // The cuts are the 10th smallest and largest of every 16th value; only those ten lie beyond them.
        var random = SeededGenerator(seed: 29)
        let values = (0..<2_000).map { index -> Double in
            guard index % 16 == 0, index < 320 else { return Double(random.index(below: 1_000)) / 7 }
            return index < 160 ? -1e9 : 1e9
        }
        let sorted = values.sorted()
        func expected(_ fraction: Double) -> Double {
            let position = fraction * 1_999
            let below = Int(position.rounded(.down))
            return sorted[below] * (1 - (position - Double(below))) + sorted[below + 1] * (position - Double(below))
        }
        var copy = values
        let (low, high) = PairedBootstrap.percentiles(&copy, 0.025, 0.975)
        #expect(low.bitPattern == expected(0.025).bitPattern && high.bitPattern == expected(0.975).bitPattern)
    }

    @Test("quantiles by selection equal those of the sorted values, ties and extremes included")
    func selectionEqualsSorting() {
        var random = SeededGenerator(seed: 17)
        for size in [1, 2, 3, 10, 39, 40, 41, 2_000] {
            for distinct in [1, 2, 3, 1_000_000] {
                let values = (0..<size).map { _ in Double(random.index(below: distinct)) / 7 }
                for fraction in [0, 0.025, 0.5, 0.975, 1] {
                    let sorted = values.sorted()
                    let position = fraction * Double(size - 1)
                    let below = Int(position.rounded(.down))
                    let weight = position - Double(below)
                    let expected = sorted[below] * (1 - weight) + sorted[min(below + 1, size - 1)] * weight
                    var copy = values
                    let (found, _) = PairedBootstrap.percentiles(&copy, fraction, fraction)
                    #expect(found == expected, "size \(size), \(distinct) distinct, fraction \(fraction)")
                    #expect(copy.sorted() == sorted)
                }
            }
        }
    }
}
