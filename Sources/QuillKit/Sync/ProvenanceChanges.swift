import GitKit

/// Which records' provenance entries (`meta/…`) a remote's store tree holds differently from the
/// local tip's tree (changed, added or removed entries), and the remote's entry for each it changed or added.
///
/// A record both sides hold with the same provenance entry has the same score line on both sides
/// (a line is a pure function of the record and that entry), so `ScoreSummaryCheck` takes its line
/// from the local summary instead of reading the record again; for a record whose entry the remote
/// changed or added (every record a sync brings in), the entry comes from this one walk rather than a
/// look-up per record.
/// Complexity: one read of each pair of `meta/` trees that differ, and of each folder only the remote has;
/// equal folders are skipped.
struct ProvenanceChanges {
    /// Hex prefixes that differ: a record id (an entry), or two or four digits (a folder only the local tree has).
    private var changed = Set<String>()
    /// The remote tree's `meta/` entries that the local tree does not hold as they are, by record id.
    private var entries = [ObjectID: (id: ObjectID, mode: TreeEntry.Mode)]()

    /// The differences between the `meta/` folders of the store trees `tree` and `known`, using the folder
    /// comparisons `comparisons` kept.
    init(repository: Repository, tree: ObjectID, known: ObjectID, comparisons: FolderComparisons = FolderComparisons()) throws {
        let folders = try [tree, known].map { try repository.treeEntryTarget(named: StorePath.metaFolder, inTree: $0) }
        try collect(repository, comparisons, folders[0]?.id, folders[1]?.id, prefix: "", depth: StoreFanout.two.rawValue + 1)
    }

    /// Whether the provenance entry of the record `id` may differ between the two trees.
    func differs(for id: ObjectID) -> Bool {
        let hex = id.hex
        return changed.contains(String(hex.prefix(2))) || changed.contains(String(hex.prefix(4))) || changed.contains(hex)
    }

    /// The remote tree's `meta/` entry for the record `id` when it changed or added it; `nil` when the entry
    /// is as in the local tree, or the remote has none.
    func changedEntry(for id: ObjectID) -> (id: ObjectID, mode: TreeEntry.Mode)? {
        entries[id]
    }

    private mutating func collect(
        _ repository: Repository, _ comparisons: FolderComparisons, _ tree: ObjectID?, _ known: ObjectID?, prefix: String, depth: Int
    ) throws {
        guard tree != known else { return }
        for change in try comparisons.changes(from: known, to: tree, in: repository) {
            guard depth == 1 else {
                if let after = change.after, after.isTree {
                    try collect(
                        repository, comparisons, after.id, change.before.flatMap { $0.isTree ? $0.id : nil }, prefix: prefix + change.name, depth: depth - 1)
                }
                if change.after?.isTree != true || change.before.map({ !$0.isTree }) == true { changed.insert(prefix + change.name) }
                continue
            }
            let hex = prefix + change.name.prefix { $0 != "." }
            changed.insert(hex)
            if let after = change.after, change.name.hasSuffix(".json"), let id = ObjectID(hex: hex), hex.count + 5 == prefix.count + change.name.count {
                entries[id] = (after.id, after.mode)
            }
        }
    }
}
