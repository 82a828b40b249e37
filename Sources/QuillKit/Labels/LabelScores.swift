import GitKit

/// The scores of labelled versions from the eval store, each version looked up once.
struct LabelScores {
    private var lookup: ScoreLookup?
    /// The scores already worked out, by blob: a version is most moves' `to` and the next move's `from`.
    private var known = [ObjectID: [VersionScore]]()

    init(workspace: Workspace) throws {
        let store = EvalStore(repository: workspace.repository)
        lookup = try store.tipTree().map { try ScoreLookup(store: store, tree: $0) }
    }

    /// The version's means per suite and model (none for `nil` or a version never evaluated).
    mutating func of(_ version: LabelVersion?) throws -> [VersionScore] {
        guard let version else { return [] }
        return try of(blob: try ObjectID(checked: version.blob))
    }

    /// The means per suite and model of the prompt version `blob`.
    mutating func of(blob: ObjectID) throws -> [VersionScore] {
        guard lookup != nil else { return [] }
        if let scores = known[blob] { return scores }
        let scores = ScoreTimeline.scores(grouped: [try lookup!.records(forBlob: blob)])[0]
        known[blob] = scores
        return scores
    }
}
