import GitKit

/// The records of prompt versions by blob id, grouped by suite and model; each blob is looked up once.
struct ScoreLookup {
    private let store: EvalStore
    private let index: PromptIndexReader
    private var cache = [ObjectID: [ScoreTimeline.Group: [EvalRecord]]]()

    /// Looks records up in the store tree `tree`, keeping loaded index shards in `shards`.
    init(store: EvalStore, tree: ObjectID, shards: ShardCache = ShardCache()) throws {
        self.store = store
        index = try PromptIndexReader(store: store, tree: tree, shards: shards)
    }

    /// The records of the version `blob` (none for a deleted version, `nil`).
    mutating func records(forBlob blob: ObjectID?) throws -> [ScoreTimeline.Group: [EvalRecord]] {
        guard let blob else { return [:] }
        if let cached = cache[blob] { return cached }
        let records = try index.recordIDs(forPromptBlob: blob).map(store.record)
        let groups = Dictionary(grouping: records) { ScoreTimeline.Group(suite: $0.suite, model: $0.model) }
        cache[blob] = groups
        return groups
    }
}
