/// Whether the cases themselves changed across a boundary of a metric's series: a permutation test on
/// the per-case results of the evaluated points on either side.
///
/// A change-point test on the series of means is chosen where the means differ most, so a run of noisy
/// points within one level can pass it (the hierarchical search tests every segment again at the same
/// significance). A real change moves particular cases — a prompt edit, model or data change turns some
/// that passed into failures, a dataset change replaces some — while noise only moves the flaky cases
/// around, differently at each commit. The statistic is T = Σ_i (ā_i − b̄_i)² + Σ_i (f_i^a − f_i^b)²,
/// ā_i and b̄_i case i's mean over the points after and before, f_i the share of those points that have
/// case i; the p-value is the share of `permutations` relabellings of the points (seeded, so the same
/// records always give the same answer) whose T reaches the observed one. Since T measures the change
/// case by case and not the mean, the choice of the split by its means hardly biases it.
struct CaseShiftTest {
    /// Relabellings drawn; the smallest p-value is 1 / (permutations + 1).
    static let permutations = 199
    /// The largest p-value at which the cases confirm the change.
    static let significance = 0.05
    /// How many points on each side of the boundary are compared, at most.
    static let window = 10
    static let seed: UInt64 = 0xCA5E_5A1F

    /// The p-value for the points `before` and `after` a boundary; `nil` when either side has fewer
    /// than two points or a point has no per-case results.
    static func pValue(before: [CaseValues], after: [CaseValues]) -> Double? {
        let points = before + after
        guard before.count >= 2, after.count >= 2, !points.contains(where: \.isEmpty) else { return nil }
        let ids = Set(points.flatMap(\.values.keys)).sorted()
        let rows = points.map { point in ids.map { point.values[$0] } }
        var labels = points.indices.map { $0 >= before.count }
        let observed = statistic(rows, isAfter: labels, cases: ids.count)
        var random = SeededGenerator(seed: seed)
        var atLeast = 0
        // Every relabelling is drawn (at most 20 points): the p-value is shown to users, so it is not cut short.
        for _ in 0..<permutations {
            labels.shuffle(using: &random)
            if statistic(rows, isAfter: labels, cases: ids.count) >= observed * (1 - 1e-12) { atLeast += 1 }
        }
        return Double(atLeast + 1) / Double(permutations + 1)
    }

    /// T for the points `rows` (each case's value, `nil` where the point lacks the case) labelled `isAfter`.
    private static func statistic(_ rows: [[Double?]], isAfter: [Bool], cases: Int) -> Double {
        let afterCount = Double(isAfter.filter { $0 }.count)
        let beforeCount = Double(isAfter.count) - afterCount
        var total = 0.0
        for index in 0..<cases {
            var sums = (before: 0.0, after: 0.0)
            var counts = (before: 0.0, after: 0.0)
            for (row, after) in zip(rows, isAfter) {
                guard let value = row[index] else { continue }
                if after {
                    sums.after += value
                    counts.after += 1
                } else {
                    sums.before += value
                    counts.before += 1
                }
            }
            let presence = counts.after / afterCount - counts.before / beforeCount
            total += presence * presence
            if counts.after > 0, counts.before > 0 {
                let difference = sums.after / counts.after - sums.before / counts.before
                total += difference * difference
            }
        }
        return total
    }
}
