import GitKit

/// Attaches scores to a prompt's versions: each version's records, grouped by suite and model,
/// averaged, and compared with the previous evaluated version of the same group.
struct ScoreTimeline {
    let store: EvalStore
    let tree: ObjectID

    /// Scores for each blob id in `blobs` (newest first), in the same order.
    func scores(forBlobs blobs: [ObjectID?]) throws -> [[VersionScore]] {
        var lookup = try ScoreLookup(store: store, tree: tree)
        return Self.scores(grouped: try blobs.map { try lookup.records(forBlob: $0) })
    }

    /// Scores for each version's records grouped by suite and model (newest first), in the same
    /// order, each metric with its delta to the previous evaluated version of its group.
    static func scores(grouped: [[Group: [ScoreLine]]]) -> [[VersionScore]] {
        var previous = [Group: [String: Double]]()
        var result = [[VersionScore]](repeating: [], count: grouped.count)
        for index in grouped.indices.reversed() {
            for (group, records) in grouped[index].sorted(by: { $0.key < $1.key }) {
                let metrics = ScoreTimeline.summarise(records, previous: previous[group] ?? [:])
                previous[group] = metrics.mapValues(\.mean)
                let manifests = Set(records.compactMap(\.manifest)).sorted()
                result[index].append(VersionScore(
                    suite: group.suite, model: group.model, records: records.count, metrics: metrics, manifests: manifests.isEmpty ? nil : manifests))
            }
        }
        return result
    }

    private static func summarise(_ records: [ScoreLine], previous: [String: Double]) -> [String: VersionScore.MetricValue] {
        var values = [String: [Double]]()
        for record in records {
            for (name, value) in record.metrics { values[name, default: []].append(value) }
        }
        return values.mapValues { list in
            let mean = list.reduce(0, +) / Double(list.count)
            let deviation = list.count > 1
                ? (list.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(list.count - 1)).squareRoot() : nil
            return VersionScore.MetricValue(mean: mean, count: list.count, standardDeviation: deviation, delta: nil)
        }.reduce(into: [String: VersionScore.MetricValue]()) { result, pair in
            let delta = previous[pair.key].map { pair.value.mean - $0 }
            result[pair.key] = VersionScore.MetricValue(
                mean: pair.value.mean, count: pair.value.count, standardDeviation: pair.value.standardDeviation, delta: delta)
        }
    }

    /// Records are compared only within one suite and model.
    struct Group: Hashable, Comparable, Sendable {
        let suite: String
        let model: String?

        static func < (lhs: Group, rhs: Group) -> Bool { (lhs.suite, lhs.model ?? "") < (rhs.suite, rhs.model ?? "") }
    }
}
