import GitKit

/// Reads one metric of one suite from the eval store, per evaluated commit.
struct MetricReader {
    let store: EvalStore
    let metric: String

    /// The records at `commit` that carry the metric, for any prompt and suite.
    func records(at commit: ObjectID) throws -> [EvalRecord] {
        guard let tree = try store.tipTree() else { return [] }
        return try store.recordIDs(forCommit: commit, in: tree).map(store.record).filter { $0.metrics[metric] != nil }
    }

    /// The mean of the metric over the records of `prompt` in `suite` at `commit`; `nil` when there are none.
    ///
    /// Complexity: one index folder read and the records it names.
    func value(at commit: ObjectID, prompt: String, suite: String) throws -> Double? {
        let values = try records(at: commit).filter { $0.prompt == prompt && $0.suite == suite }.compactMap { $0.metrics[metric] }
        return values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}
