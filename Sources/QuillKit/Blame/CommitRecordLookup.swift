import GitKit

/// The records of one evaluated commit for one prompt version, found through the version's `by-prompt`
/// folder rather than the commit's `by-commit` folder: a metric series of one prompt then reads that
/// prompt's records only, not those of every prompt evaluated at the same commits. Each version is
/// read once and its records are grouped by commit.
struct CommitRecordLookup {
    private let store: EvalStore
    private let index: PromptIndexReader
    private var versions = [ObjectID: [ObjectID: [EvalRecord]]]()

    /// Looks records up in the store tree `tree`.
    init(store: EvalStore, tree: ObjectID) throws {
        self.store = store
        index = try PromptIndexReader(store: store, tree: tree)
    }

    /// The records of the prompt version `blob` evaluated at `commit`, in record id order (the order
    /// of the commit's `by-commit` folder).
    mutating func records(ofBlob blob: ObjectID, at commit: ObjectID) throws -> [EvalRecord] {
        if let known = versions[blob] { return known[commit] ?? [] }
        var byCommit = [ObjectID: [EvalRecord]]()
        for id in try index.recordIDs(forPromptBlob: blob) {
            let record = try store.record(id)
            if let evaluated = ObjectID(hex: record.commit) { byCommit[evaluated, default: []].append(record) }
        }
        versions[blob] = byCommit
        return byCommit[commit] ?? []
    }
}
