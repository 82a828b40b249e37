import GitKit

/// The score lines of prompt versions by blob id, grouped by suite and model; each blob is looked up once.
struct ScoreLookup {
    private let index: ScoreIndex
    private var cache = [ObjectID: [ScoreTimeline.Group: [ScoreLine]]]()

    /// Looks records up in the store tree `tree`, keeping loaded index shards in `shards` (and the
    /// lines read in `lines`, when given).
    init(store: EvalStore, tree: ObjectID, shards: ShardCache = ShardCache(), lines: ScoreLineCache? = nil) throws {
        index = try ScoreIndex(store: store, tree: tree, shards: shards, lines: lines)
    }

    /// The records of the version `blob` (none for a deleted version, `nil`).
    mutating func records(forBlob blob: ObjectID?) throws -> [ScoreTimeline.Group: [ScoreLine]] {
        guard let blob else { return [:] }
        if let cached = cache[blob] { return cached }
        let groups = ScoreLookup.grouped(try index.lines(forPromptBlob: blob))
        cache[blob] = groups
        return groups
    }

    /// The version `blob`'s summary blob and scores without deltas (`ScoreTimeline.summaries(of:)`),
    /// in layout 3 (`nil` in older layouts): `known`'s entry when the store's `scores/` tree is still
    /// `scoresTree`, else the summary looked up and its lines read unless `known` names that summary.
    mutating func entry(forBlob blob: ObjectID, known: ScoreCache, scoresTree: ObjectID?) throws -> ScoreCache.Entry? {
        guard let scoresTree, index.hasSummaries else { return nil }
        if let entry = known.entry(for: blob, in: scoresTree) { return entry }
        guard let summary = try index.summary(forPromptBlob: blob) else { return ScoreCache.Entry(summary: nil, scores: []) }
        if let entry = known.entries[blob], entry.summary == summary { return entry }
        return ScoreCache.Entry(summary: summary, scores: ScoreTimeline.summaries(of: ScoreLookup.grouped(try index.lines(inSummary: summary))))
    }

    private static func grouped(_ lines: [ScoreLine]) -> [ScoreTimeline.Group: [ScoreLine]] {
        Dictionary(grouping: lines) { ScoreTimeline.Group(suite: $0.suite, model: $0.model) }
    }
}
