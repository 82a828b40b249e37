import GitKit

/// The score lines of one evaluated commit for one prompt version, found through the version's score
/// summary (`ScoreIndex`) rather than the commit's `by-commit` folder: a metric series of one prompt
/// then reads that prompt's records only, not those of every prompt evaluated at the same commits.
/// A version's lines are grouped by commit when it is read. A chain of commits meets each version
/// in one run (a version comes back only where a change was reverted, and is then read again), so
/// only the version read last is kept: a prompt evaluated at 10,000 commits does not hold all its
/// records twice.
struct CommitRecordLookup {
    private let index: ScoreIndex
    private var version: (blob: ObjectID, byCommit: [ObjectID: [ScoreLine]])?

    /// Looks records up in the store tree `tree`.
    init(store: EvalStore, tree: ObjectID) throws {
        index = try ScoreIndex(store: store, tree: tree)
    }

    /// The lines of the prompt version `blob` evaluated at `commit`, in record id order (the order
    /// of the commit's `by-commit` folder).
    mutating func records(ofBlob blob: ObjectID, at commit: ObjectID) throws -> [ScoreLine] {
        if let version, version.blob == blob { return version.byCommit[commit] ?? [] }
        version = nil
        var byCommit = [ObjectID: [ScoreLine]]()
        for line in try index.lines(forPromptBlob: blob) {
            if let evaluated = ObjectID(hex: line.commit) { byCommit[evaluated, default: []].append(line) }
        }
        version = (blob, byCommit)
        return byCommit[commit] ?? []
    }
}
