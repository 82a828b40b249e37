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
        withDeltas(grouped.map(summaries(of:)))
    }

    /// One version's scores without deltas, one per suite and model in group order: the means (and
    /// deviations) of `grouped`'s records, summed in their order. A pure function of the records, so it
    /// can be kept for a summary blob and used again (`ScoreCache`).
    static func summaries(of grouped: [Group: [ScoreLine]]) -> [VersionScore] {
        grouped.sorted(by: { $0.key < $1.key }).map { group, records in
            let manifests = Set(records.compactMap(\.manifest)).sorted()
            return VersionScore(
                suite: group.suite, model: group.model, records: records.count, metrics: summarise(records), manifests: manifests.isEmpty ? nil : manifests)
        }
    }

    /// `versions` (newest first, each one's scores in group order) with each metric's delta to the
    /// previous evaluated version of its group.
    static func withDeltas(_ versions: [[VersionScore]]) -> [[VersionScore]] {
        var previous = [Group: [String: Double]]()
        var result = versions
        for index in versions.indices.reversed() {
            result[index] = versions[index].map { score in
                let group = Group(suite: score.suite, model: score.model)
                let before = previous[group] ?? [:]
                previous[group] = score.metrics.mapValues(\.mean)
                var metrics = [String: VersionScore.MetricValue]()
                for (name, value) in score.metrics {
                    metrics[name] = VersionScore.MetricValue(
                        mean: value.mean, count: value.count, standardDeviation: value.standardDeviation, delta: before[name].map { value.mean - $0 })
                }
                return VersionScore(suite: score.suite, model: score.model, records: score.records, metrics: metrics, manifests: score.manifests)
            }
        }
        return result
    }

    private static func summarise(_ records: [ScoreLine]) -> [String: VersionScore.MetricValue] {
        var values = [String: [Double]]()
        for record in records {
            for (name, value) in record.metrics { values[name, default: []].append(value) }
        }
        return values.mapValues { list in
            let mean = list.reduce(0, +) / Double(list.count)
            let deviation = list.count > 1
                ? (list.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(list.count - 1)).squareRoot() : nil
            return VersionScore.MetricValue(mean: mean, count: list.count, standardDeviation: deviation, delta: nil)
        }
    }

    /// Records are compared only within one suite and model.
    struct Group: Hashable, Comparable, Sendable {
        let suite: String
        let model: String?

        static func < (lhs: Group, rhs: Group) -> Bool { (lhs.suite, lhs.model ?? "") < (rhs.suite, rhs.model ?? "") }
    }
}
