import GitKit

/// Which records' provenance entries (`meta/…`) a remote's store tree holds differently from the
/// local tip's tree: changed, added or removed entries, and whole fan-out folders only one side has.
///
/// A record both sides hold with the same provenance entry has the same score line on both sides
/// (a line is a pure function of the record and that entry), so `ScoreSummaryCheck` takes its line
/// from the local summary instead of reading the record again.
/// Complexity: one read of each pair of `meta/` trees that differ; equal folders are skipped.
struct ProvenanceChanges {
    /// Hex prefixes that differ: a record id (an entry), or two or four digits (a folder one side lacks).
    private var changed = Set<String>()

    /// The differences between the `meta/` folders of the store trees `tree` and `known`.
    init(repository: Repository, tree: ObjectID, known: ObjectID) throws {
        let folders = try [tree, known].map { try repository.treeEntryTarget(named: StorePath.metaFolder, inTree: $0) }
        try collect(repository, folders[0]?.id, folders[1]?.id, prefix: "", depth: StoreFanout.two.rawValue + 1)
    }

    /// Whether the provenance entry of the record `id` may differ between the two trees.
    func differs(for id: ObjectID) -> Bool {
        let hex = id.hex
        return changed.contains(String(hex.prefix(2))) || changed.contains(String(hex.prefix(4))) || changed.contains(hex)
    }

    private mutating func collect(_ repository: Repository, _ tree: ObjectID?, _ known: ObjectID?, prefix: String, depth: Int) throws {
        guard tree != known else { return }
        let changes = try LoadedTree.changes(from: known.map(repository.loadTree), to: tree.map(repository.loadTree))
        for change in changes {
            if depth > 1, let before = change.before, let after = change.after, before.isTree, after.isTree {
                try collect(repository, after.id, before.id, prefix: prefix + change.name, depth: depth - 1)
            } else {
                changed.insert(prefix + (depth > 1 ? change.name : String(change.name.prefix { $0 != "." })))
            }
        }
    }
}
