/// Finds the points where a series changes distribution: E-divisive means (Matteson & James 2014,
/// "A Nonparametric Approach for Multiple Change Point Analysis of Multivariate Data", JASA 109)
/// with α = 1, made hierarchical by bisection and stopped by a permutation test.
///
/// For a segment z of m points and a split τ, with X = z[..<τ] and Y = z[τ...], the divergence is
/// Ê = 2/(τ(m−τ)) Σ|x−y| − 1/C(τ,2) Σ|x−x′| − 1/C(m−τ,2) Σ|y−y′| and the statistic is
/// q(τ) = τ(m−τ)/m · Ê. Each round takes the segment whose best split has the largest q, permutes
/// that segment `permutations` times (seeded, so results repeat), and accepts the split when
/// p = (1 + #{q_perm ≥ q}) / (1 + permutations) is at most `significance`; the first split that is
/// not significant ends the search. Sums of |a−b| over all pairs come from running counts and sums
/// over value ranks (Fenwick trees), so one pass over a segment is O(m log m).
///
/// Complexity: O(k × R × n log n) for n points, k change points and R permutations.
struct ChangePointDetector {
    /// The largest permutation p-value that counts as a change.
    var significance = 0.01
    /// Permutations per test; the smallest possible p-value is 1 / (permutations + 1).
    var permutations = 199
    /// The fewest points a segment may have on either side of a change.
    var minimumSegment = 3
    var seed: UInt64 = 0x5EED_C0DE

    /// One accepted change: where the new segment starts and how surprising the split was.
    struct ChangePoint: Equatable {
        /// Index of the first point after the change.
        let index: Int
        let statistic: Double
        let pValue: Double
    }

    /// The change points of `values`, by index.
    func changePoints(in values: [Double]) -> [ChangePoint] {
        var random = SeededGenerator(seed: seed)
        var segments = [values.startIndex..<values.endIndex]
        var found = [ChangePoint]()
        var best = [Range<Int>: (index: Int, statistic: Double)]()
        while true {
            for segment in segments where best[segment] == nil {
                best[segment] = bestSplit(Array(values[segment])).map { (segment.lowerBound + $0.index, $0.statistic) } ?? (-1, -.infinity)
            }
            guard let segment = segments.max(by: { best[$0]!.statistic < best[$1]!.statistic }), best[segment]!.index >= 0 else { break }
            let (index, statistic) = best[segment]!
            let points = Array(values[segment])
            let ranks = ChangePointDetector.ranks(points)
            var order = Array(points.indices)
            var atLeast = 0
            // Once more permutations reach the statistic than a significant result allows, stop.
            let allowed = Int(significance * Double(permutations + 1)) - 1
            for _ in 0..<permutations where atLeast <= allowed {
                order.shuffle(using: &random)
                if let permuted = bestSplit(order.map { points[$0] }, ranks: order.map { ranks[$0] }), permuted.statistic >= statistic {
                    atLeast += 1
                }
            }
            let pValue = Double(atLeast + 1) / Double(permutations + 1)
            guard pValue <= significance else { break }
            found.append(ChangePoint(index: index, statistic: statistic, pValue: pValue))
            segments.removeAll { $0 == segment }
            segments += [segment.lowerBound..<index, index..<segment.upperBound]
        }
        return found.sorted { $0.index < $1.index }
    }

    /// The split of `z` with the largest statistic, if `z` is long enough to split.
    func bestSplit(_ z: [Double]) -> (index: Int, statistic: Double)? {
        bestSplit(z, ranks: ChangePointDetector.ranks(z))
    }

    /// `bestSplit` with the ranks of `z` (1-based positions in sorted order) given: a permutation of
    /// a segment permutes its ranks, so they are sorted for once per segment, not per permutation.
    private func bestSplit(_ z: [Double], ranks: [Int]) -> (index: Int, statistic: Double)? {
        let m = z.count
        guard m >= 2 * minimumSegment, minimumSegment >= 2 else { return nil }
        let prefix = ChangePointDetector.pairwiseSums(z, ranks: ranks)
        let suffix = Array(ChangePointDetector.pairwiseSums(z.reversed(), ranks: ranks.reversed()).reversed())
        let total = prefix[m]
        var result: (index: Int, statistic: Double)?
        for tau in minimumSegment...(m - minimumSegment) {
            let left = prefix[tau]
            let right = suffix[tau]
            let between = total - left - right
            let (a, b) = (Double(tau), Double(m - tau))
            let divergence = 2 * between / (a * b) - 2 * left / (a * (a - 1)) - 2 * right / (b * (b - 1))
            let statistic = a * b / Double(m) * divergence
            if result == nil || statistic > result!.statistic { result = (tau, statistic) }
        }
        return result
    }

    /// The 1-based position of each value of `z` in sorted order (ties in index order).
    static func ranks(_ z: [Double]) -> [Int] {
        var rank = [Int](repeating: 0, count: z.count)
        for (position, index) in z.indices.sorted(by: { z[$0] < z[$1] }).enumerated() { rank[index] = position + 1 }
        return rank
    }

    /// `sums[k]` = Σ|z_i − z_j| over pairs i < j < k, for k = 0…n.
    static func pairwiseSums(_ z: [Double], ranks rank: [Int]? = nil) -> [Double] {
        let rank = rank ?? ranks(z)
        var counts = FenwickTree(size: z.count)
        var sums = FenwickTree(size: z.count)
        var result = [Double](repeating: 0, count: z.count + 1)
        var totalSum = 0.0
        for (k, value) in z.enumerated() {
            let below = counts.prefix(rank[k])
            let belowSum = sums.prefix(rank[k])
            let above = Double(k) - below
            let aboveSum = totalSum - belowSum
            result[k + 1] = result[k] + (below * value - belowSum) + (aboveSum - above * value)
            counts.add(1, at: rank[k])
            sums.add(value, at: rank[k])
            totalSum += value
        }
        return result
    }
}
