import GitKit

/// Walks history like `git log --follow -- PATH`: newest first by commit date, one path, renames followed.
///
/// Mirrors git's semantics exactly: commits come in git's date order (`DateOrderWalk`, listed on a
/// second thread by `CommitVisits`); merges are never listed; a non-merge commit is listed when the
/// blob or mode at the followed path differs from its first parent; when a commit adds the path and
/// rename or copy detection finds a source, the walk follows the source's path from then on (for every
/// commit still to come, as git does).
/// Complexity: O(c) tree look-ups for c commits reachable from the start, plus one full tree diff per
/// commit that adds the followed path.
struct RenameFollowingWalk {
    /// A commit that touched the followed path.
    struct Step: Sendable {
        let commit: ObjectID
        let path: String
        let previousPath: String?
        let blob: TreeEntry?
        let change: PromptVersion.Change
        /// The commit's object when the walk read it, so the version reader need not read it again.
        let object: CommitObject?
    }

    let repository: Repository

    /// The commits reachable from `start` that touched `path`, newest first.
    func steps(from start: ObjectID, path: String) throws -> [Step] {
        var steps = [Step]()
        try visitSteps(from: start, path: path) { steps.append($0) }
        return steps
    }

    /// Hands `found` the commits reachable from `start` that touched `path`, newest first, each as
    /// soon as the walk reaches it; kept nowhere else, so a caller that stores them stores them once.
    func visitSteps(from start: ObjectID, path initialPath: String, found: (Step) -> Void) throws {
        let visits = CommitVisits(gitDirectory: repository.gitDirectoryPath, start: start)
        var path = initialPath
        var lookups = EntryCache(repository: repository)
        while let batch = try visits.next() {
            for visit in batch {
                let current = try lookups.entry(atPath: path, inTree: visit.tree)
                let previous = try visit.parentTree.flatMap { tree throws -> TreeEntry? in try lookups.entry(atPath: path, inTree: tree) }
                guard current?.id != previous?.id || current?.mode != previous?.mode else { continue }
                let (step, next) = try self.step(visit, path: path, previous: previous, current: current)
                found(step)
                path = next
            }
        }
    }

    /// The steps of each of `paths` (as `steps(from:path:)` gives them, in the same order), found in
    /// one walk: each commit is compared with its parent only in the folders that differ and hold a
    /// followed path (`TrackedPaths`), so the cost grows with the commits and the changed folders,
    /// not with the number of paths.
    func steps(from start: ObjectID, paths: [String]) throws -> [[Step]] {
        let visits = CommitVisits(gitDirectory: repository.gitDirectoryPath, start: start)
        let tracked = TrackedPaths(paths)
        var followers = [String: [Int]]()
        for (index, path) in paths.enumerated() { followers[path, default: []].append(index) }
        var steps = Array(repeating: [Step](), count: paths.count)
        while let batch = try visits.next() {
            for visit in batch {
                var moves = [(from: String, to: String)]()
                for change in try tracked.changes(from: visit.parentTree, to: visit.tree, in: repository) {
                    let (step, next) = try self.step(visit, path: change.path, previous: change.before, current: change.after)
                    for follower in followers[change.path] ?? [] { steps[follower].append(step) }
                    if next != change.path { moves.append((change.path, next)) }
                }
                // Followers take their new path from the next commit on, as one path's walk does.
                for move in moves {
                    let moved = followers.removeValue(forKey: move.from) ?? []
                    tracked.remove(move.from)
                    followers[move.to, default: []] += moved
                    tracked.insert(move.to)
                }
            }
        }
        return steps
    }

    /// The step `visit` makes on `path`, whose entry went from `previous` to `current` (which differ),
    /// and the path to follow from then on: the source of a rename or copy, else `path`.
    private func step(_ visit: CommitVisits.Visit, path: String, previous: TreeEntry?, current: TreeEntry?) throws -> (Step, follow: String) {
        switch (previous, current) {
        case (nil, .some):
            if let parentTree = visit.parentTree, let (source, change) = try renameSource(of: path, from: parentTree, to: visit.tree) {
                return (Step(visit, path: path, previousPath: source, blob: current, change: change), source)
            }
            return (Step(visit, path: path, previousPath: nil, blob: current, change: .added), path)
        case (.some, nil):
            return (Step(visit, path: path, previousPath: nil, blob: nil, change: .deleted), path)
        default:
            return (Step(visit, path: path, previousPath: nil, blob: current, change: .modified), path)
        }
    }

    /// The path `path` was renamed or copied from in `commit`, found as `git log --follow` finds it:
    /// with git's copy detection against every file of the parent (`--find-copies-harder`), so a
    /// prompt started as a copy of one that stayed follows the original's history.
    func renameSource(of path: String, from parentTree: ObjectID, to tree: ObjectID) throws -> (String, PromptVersion.Change)? {
        guard let change = try repository.renameSource(of: path, from: parentTree, to: tree, detecting: .copies) else { return nil }
        return (change.oldPath, change.kind == .renamed ? .renamed : .copied)
    }
}

extension RenameFollowingWalk.Step {
    /// The step `visit` makes on `path`.
    init(_ visit: CommitVisits.Visit, path: String, previousPath: String?, blob: TreeEntry?, change: PromptVersion.Change) {
        self.init(commit: visit.commit, path: path, previousPath: previousPath, blob: blob, change: change, object: visit.object)
    }
}

/// Resolves one path in many trees, remembering recent trees' answers level by level: consecutive
/// commits share most subtrees, and a commit's parent tree is the next commit's tree, so most
/// trees are read once per path, as git's own pathspec-limited tree diff reads them.
///
/// Each level remembers its answers in a direct-mapped table indexed by the tree id's bits, not a
/// dictionary: no hashing, no growth, and a collision only costs reading that tree again.
struct EntryCache {
    let repository: Repository
    private var path = ""
    private var components = [String]()
    /// For each level, recent trees there and what they hold for the path's component at that level.
    private var levels = [[Slot?]]()
    private static let slotCount = 1 << 10

    private struct Slot {
        let tree: ObjectID
        let target: Target?
    }

    private struct Target {
        let id: ObjectID
        let mode: TreeEntry.Mode
    }

    init(repository: Repository) {
        self.repository = repository
    }

    mutating func entry(atPath path: String, inTree tree: ObjectID) throws -> TreeEntry? {
        if path != self.path {
            self.path = path
            components = path.split(separator: "/").map(String.init)
            levels = Array(repeating: Array(repeating: nil, count: EntryCache.slotCount), count: components.count)
        }
        var current = tree
        for (level, name) in components.enumerated() {
            let slot = current.trailingBits & (EntryCache.slotCount - 1)
            let target: Target?
            if let known = levels[level][slot], known.tree == current {
                target = known.target
            } else {
                target = try repository.treeEntryTarget(named: name, inTree: current).map { Target(id: $0.id, mode: $0.mode) }
                levels[level][slot] = Slot(tree: current, target: target)
            }
            guard let target else { return nil }
            if level == components.count - 1 { return TreeEntry(name: name, id: target.id, mode: target.mode) }
            guard target.mode == .tree else { return nil }
            current = target.id
        }
        return nil
    }
}
