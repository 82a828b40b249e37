import GitKit

/// The score lines of prompt versions by blob id, grouped by suite and model; each blob is looked up once.
struct ScoreLookup {
    private let index: ScoreIndex
    private var cache = [ObjectID: [ScoreTimeline.Group: [ScoreLine]]]()

    /// Looks records up in the store tree `tree`, keeping loaded index shards in `shards`.
    init(store: EvalStore, tree: ObjectID, shards: ShardCache = ShardCache()) throws {
        index = try ScoreIndex(store: store, tree: tree, shards: shards)
    }

    /// The records of the version `blob` (none for a deleted version, `nil`).
    mutating func records(forBlob blob: ObjectID?) throws -> [ScoreTimeline.Group: [ScoreLine]] {
        guard let blob else { return [:] }
        if let cached = cache[blob] { return cached }
        let groups = Dictionary(grouping: try index.lines(forPromptBlob: blob)) { ScoreTimeline.Group(suite: $0.suite, model: $0.model) }
        cache[blob] = groups
        return groups
    }
}
