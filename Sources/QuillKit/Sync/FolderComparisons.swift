import GitKit

/// Comparisons of two folders (`LoadedTree.changes`) that one walk of a remote's store tree keeps for a
/// later walk of part of the same trees, so each pair of folders is read and compared once.
///
/// `FetchedRefCheck` compares every folder the remote changed to check its layout; `ScoreSummaryCheck`
/// then needs the changes of the `meta/`, `scores/` and `by-prompt/` fan-out folders again. A kept
/// comparison is handed out once and forgotten, so what is held is what a later walk has yet to read.
final class FolderComparisons {
    fileprivate struct Pair: Hashable {
        let known: ObjectID?
        let tree: ObjectID?
    }

    /// The comparisons kept, as a value another thread's walk hands over (`adopt`).
    struct Kept: Sendable {
        fileprivate var pairs = [Pair: [LoadedTree.Change]]()
    }

    private(set) var kept = Kept()

    /// Keeps the comparisons `other` kept as well.
    func adopt(_ other: Kept) {
        kept.pairs.merge(other.pairs) { ours, _ in ours }
    }

    /// The entries that differ from the folder `known` to the folder `tree` (`nil`: none), a kept comparison
    /// when there is one; with `keep`, kept for the next call for the same pair.
    func changes(from known: ObjectID?, to tree: ObjectID?, in repository: Repository, keep: Bool = false) throws -> [LoadedTree.Change] {
        let pair = Pair(known: known, tree: tree)
        if let changes = kept.pairs.removeValue(forKey: pair) { return changes }
        let changes = try LoadedTree.changes(from: known.map(repository.loadTree), to: tree.map(repository.loadTree))
        if keep { kept.pairs[pair] = changes }
        return changes
    }
}
