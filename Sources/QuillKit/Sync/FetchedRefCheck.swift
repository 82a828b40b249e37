import GitKit

/// Checks what a remote sent for Quill's refs before any local ref moves: each must name a commit whose
/// tree has the ref's layout (`StoreLayout`; for labels also `LabelStore.validateLayout`: label names and
/// values; for the eval store also `ScoreSummaryCheck`: summaries that are their records' summaries). A remote's refs are untrusted: a blob, a tag or a tree of
/// the wrong shape taken in here would break every later sync.
struct FetchedRefCheck {
    let repository: Repository
    /// The remote as the user named it, for the message.
    let remote: String
    /// The comparisons of the eval store's folders the layout check keeps for the score summary check.
    private let comparisons = FolderComparisons()
    /// Where the layout check's walk leaves how many records the eval store's fetched tip adds to the local one.
    private let addedRecords: AddedRecordCounts

    init(repository: Repository, remote: String, addedRecords: AddedRecordCounts = AddedRecordCounts()) {
        self.repository = repository
        self.remote = remote
        self.addedRecords = addedRecords
    }

    /// Refuses with one line naming the remote and the first ref that is not what Quill wrote.
    ///
    /// Complexity: one read per tree of the remote's tips that the local ref's tip does not hold already.
    func check(_ advertised: [Reference]) throws {
        for reference in advertised where reference.name.hasPrefix("refs/quill/") || reference.name == SyncedRefs.notes {
            guard case .direct(let tip) = reference.target else { continue }
            guard let kind = try repository.objectKind(tip) else {
                throw refusal(reference.name, "at \(tip.abbreviated()), an object it did not send")
            }
            guard kind == .commit else { throw refusal(reference.name, "pointing at a \(kind.rawValue), not a commit") }
            let local = try repository.referenceTarget(reference.name).map { try repository.treeID(ofCommit: $0) }
            let tree = try repository.treeID(ofCommit: tip)
            let keeping = reference.name == SyncedRefs.evals
            let recordLevels = keeping ? sharedFanout(of: tree, local) : nil
            var added = 0
            if let path = try misplacedEntry(
                in: tree, layout: StoreLayout.of(reference.name), known: local, keepingSummaryFolders: keeping,
                countingRecordsBelow: recordLevels, added: &added) {
                throw refusal(reference.name, "at \(tip.abbreviated()) whose tree is not Quill's layout for it: '\(path)' has no place there")
            }
            if let local, recordLevels != nil { addedRecords.keep(added, from: local, to: tree) }
            if reference.name == SyncedRefs.evals, tree != local,
               let path = try ScoreSummaryCheck(repository: repository, comparisons: comparisons).firstMismatch(in: tree, known: local) {
                throw refusal(reference.name, "at \(tip.abbreviated()) whose score summary '\(path)' is not the summary of that version's records")
            }
            if reference.name == SyncedRefs.labels, tree != local {
                do {
                    try LabelStore(repository: repository).validateLayout(of: tree)
                } catch let error as QuillError {
                    throw refusal(reference.name, "at \(tip.abbreviated()) whose labels are not Quill's (\(error.message))")
                }
            }
        }
    }

    /// The fan-out of two eval store trees when they share it, so that their record files can be counted
    /// by path (`EvalStore.addedRecordCount`); `nil` when they differ or either has a layout the checks
    /// below refuse, or `local` is `nil`.
    private func sharedFanout(of tree: ObjectID, _ local: ObjectID?) -> Int? {
        guard let local, let fanout = try? StoreFanout(of: tree, in: repository), (try? StoreFanout(of: local, in: repository)) == fanout else { return nil }
        return fanout.rawValue
    }

    private func refusal(_ reference: String, _ problem: String) -> QuillError {
        QuillError(.repository, "'\(remote)' sent '\(reference)' \(problem); nothing was changed here")
    }

    /// The path of the first entry below `tree` that `layout` has no place for, or `nil` when it fits
    /// (`LayoutWalk`: only entries that differ from those of `known`, the local tip's tree, are checked;
    /// the top folders on one thread a core). With `keeping`, the comparison of each folder the score
    /// summary check compares too (`ScoreSummaryCheck.rereadsFolder`) is kept in `comparisons` for it.
    /// With `recordLevels` (the store's fan-out), `added` counts the record files new below `records/`.
    private func misplacedEntry(
        in tree: ObjectID, layout: StoreLayout, known: ObjectID?, keepingSummaryFolders keeping: Bool,
        countingRecordsBelow recordLevels: Int?, added: inout Int
    ) throws -> String? {
        var walk = LayoutWalk(repository: repository, comparisons: comparisons, keeping: keeping, recordLevels: recordLevels)
        return try walk.firstMisplaced(below: LayoutWalk.Folder(path: "", tree: tree, layout: layout, known: known), location: repository.location, added: &added)
    }
}
