import GitKit

/// The score lines of one evaluated commit for one prompt version, found through the version's score
/// summary (`ScoreIndex`) rather than the commit's `by-commit` folder: a metric series of one prompt
/// then reads that prompt's records only, not those of every prompt evaluated at the same commits.
/// Each version is read once and its lines are grouped by commit.
struct CommitRecordLookup {
    private let index: ScoreIndex
    private var versions = [ObjectID: [ObjectID: [ScoreLine]]]()

    /// Looks records up in the store tree `tree`.
    init(store: EvalStore, tree: ObjectID) throws {
        index = try ScoreIndex(store: store, tree: tree)
    }

    /// The lines of the prompt version `blob` evaluated at `commit`, in record id order (the order
    /// of the commit's `by-commit` folder).
    mutating func records(ofBlob blob: ObjectID, at commit: ObjectID) throws -> [ScoreLine] {
        if let known = versions[blob] { return known[commit] ?? [] }
        var byCommit = [ObjectID: [ScoreLine]]()
        for line in try index.lines(forPromptBlob: blob) {
            if let evaluated = ObjectID(hex: line.commit) { byCommit[evaluated, default: []].append(line) }
        }
        versions[blob] = byCommit
        return byCommit[commit] ?? []
    }
}
