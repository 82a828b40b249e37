/// git's merge-base search (`paint_down_to_common` and `remove_redundant` in `commit-reach.c`),
/// over commits as `Repository.commitNode` reads them, so a shallow clone's boundary commits have
/// no parents, as git sees them; libgit2 1.5 knows nothing of shallow clones.
///
/// Commits are taken newest first by commit date; each carries the sides it is reachable from. A
/// commit reachable from both is a result and makes its ancestors stale; the search ends when only
/// stale commits are left. Complexity: O(c × w) for the c commits down to the bases and a frontier of w.
struct MergeBaseSearch {
    private struct Flags: OptionSet {
        let rawValue: UInt8
        static let one = Flags(rawValue: 1)
        static let two = Flags(rawValue: 2)
        static let stale = Flags(rawValue: 4)
        static let result = Flags(rawValue: 8)
    }

    let repository: Repository

    /// The best common ancestors of `one` and `two`, newest first; empty when they share no history
    /// inside the repository.
    func bases(_ one: ObjectID, _ two: ObjectID) throws(GitError) -> [ObjectID] {
        guard one != two else { return [one] }
        let found = try paint(from: one, to: [two])
        guard found.count > 1 else { return found }
        // A base reachable from another base is not a best one.
        var kept = [ObjectID]()
        for base in found {
            var isRedundant = false
            for other in found where other != base && !isRedundant {
                isRedundant = try isReachable(base, from: other)
            }
            if !isRedundant { kept.append(base) }
        }
        return kept
    }

    /// Whether `ancestor` is reachable from `descendant` through parents.
    private func isReachable(_ ancestor: ObjectID, from descendant: ObjectID) throws(GitError) -> Bool {
        let target = try repository.commitNode(ancestor)
        var pending = [descendant]
        var seen: Set = [descendant]
        while let id = pending.popLast() {
            if id == ancestor { return true }
            let node = try repository.commitNode(id)
            // Nothing older than the ancestor can lead to it, unless clocks were skewed, as git also assumes.
            guard node.time >= target.time else { continue }
            for parent in node.parentIDs where seen.insert(parent).inserted { pending.append(parent) }
        }
        return false
    }

    /// The commits reachable from `one` and from one of `twos` that are not ancestors of another
    /// such commit, newest first (git's `paint_down_to_common` and the filter `merge_bases_many` applies).
    private func paint(from one: ObjectID, to twos: [ObjectID]) throws(GitError) -> [ObjectID] {
        var flags = [ObjectID: Flags]()
        var queue = [CommitNode]()
        func push(_ node: CommitNode) {
            var index = 0
            while index < queue.count, queue[index].time >= node.time { index += 1 }
            queue.insert(node, at: index)
        }
        flags[one] = .one
        push(try repository.commitNode(one))
        for two in twos {
            flags[two, default: []].insert(.two)
            push(try repository.commitNode(two))
        }
        var results = [CommitNode]()
        while queue.contains(where: { !flags[$0.id, default: []].contains(.stale) }) {
            let node = queue.removeFirst()
            var carried = flags[node.id, default: []].intersection([.one, .two, .stale])
            if carried == [.one, .two] {
                if !flags[node.id, default: []].contains(.result) {
                    flags[node.id, default: []].insert(.result)
                    results.append(node)
                }
                carried.insert(.stale)
            }
            for parent in node.parentIDs where !flags[parent, default: []].isSuperset(of: carried) {
                flags[parent, default: []].formUnion(carried)
                push(try repository.commitNode(parent))
            }
        }
        // A result reached again from a newer result is an ancestor of it.
        let kept = results.filter { !flags[$0.id, default: []].contains(.stale) }
        return kept.enumerated().sorted { ($0.element.time, -$0.offset) > ($1.element.time, -$1.offset) }.map(\.element.id)
    }
}
