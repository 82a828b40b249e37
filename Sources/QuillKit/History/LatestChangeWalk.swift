import GitKit

/// Finds, for many paths in one walk, the commit `git log -1 -- PATH` names: the newest commit that
/// changed the path in git's default simplified history (git-log(1), "History Simplification").
///
/// Git walks a path's history from the start and lists a commit whose entry at the path differs
/// from its parent's (a root commit: that holds the path) and a merge whose entry differs from every
/// parent's; at a merge whose entry equals a parent's, it follows the first such parent only, so a
/// side branch's change that the merge did not keep is never reached. Until it lists a commit, a
/// path's walk is therefore one chain of commits, and its answer does not depend on the order the
/// walk takes. The paths share a date-ordered walk of only the commits some chain reaches: the
/// paths at a commit are compared with its first parent together (`TrackedPaths`), and a merge sends
/// each path its first parent changed down the first later parent whose entry is the same.
/// Complexity: O(bytes of the changed folders) per commit on a chain, plus one path look-up per
/// parent for each path a merge changed.
struct LatestChangeWalk {
    /// The commit that last changed a path.
    struct Change {
        let commit: ObjectID
        /// The entry the commit's first parent has at the path, `nil` when it has none.
        let before: TreeEntry?
    }

    let repository: Repository

    /// The last change of each of `paths` (which must be in `start`'s tree) reachable from `start`.
    func changes(from start: ObjectID, paths: some Sequence<String>) throws -> [String: Change] {
        let walk = try DateOrderWalk(repository, from: [start])
        var waiting = [start: TrackedPaths(paths)]
        var found = [String: Change]()
        while let node = try walk.next(queueingParents: false) {
            guard let tracked = waiting.removeValue(forKey: node.id) else { continue }
            let firstParentTree = try node.parentIDs.first.map { try walk.node($0).treeID }
            var diverted = [ObjectID: [String]]()
            for change in try tracked.changes(from: firstParentTree, to: node.treeID, in: repository) {
                tracked.remove(change.path)
                if let parent = try laterParent(of: node, holding: change.after, at: change.path, walk: walk) {
                    diverted[parent, default: []].append(change.path)
                } else {
                    found[change.path] = Change(commit: node.id, before: change.before)
                }
            }
            if let parent = node.parentIDs.first, !tracked.isEmpty {
                try send(tracked, to: parent, waiting: &waiting, walk: walk)
            }
            for (parent, paths) in diverted {
                try send(TrackedPaths(paths), to: parent, waiting: &waiting, walk: walk)
            }
        }
        return found
    }

    /// The first parent after the first of the merge `node` whose entry at `path` is `entry`.
    private func laterParent(of node: CommitNode, holding entry: TreeEntry?, at path: String, walk: DateOrderWalk) throws -> ObjectID? {
        for parent in node.parentIDs.dropFirst() {
            let other = try repository.treeEntry(atPath: path, inTree: walk.node(parent).treeID)
            if other?.id == entry?.id && other?.mode == entry?.mode { return parent }
        }
        return nil
    }

    /// Hands the paths `tracked` holds on to the commit `parent`, joining any paths already waiting there.
    private func send(_ tracked: TrackedPaths, to parent: ObjectID, waiting: inout [ObjectID: TrackedPaths], walk: DateOrderWalk) throws {
        if let other = waiting[parent] {
            let (larger, smaller) = other.count >= tracked.count ? (other, tracked) : (tracked, other)
            for path in smaller.paths { larger.insert(path) }
            waiting[parent] = larger
        } else {
            waiting[parent] = tracked
        }
        try walk.queue(parent)
    }
}
