internal import CLibGit2

/// A commit's place in the graph: its tree, parents and commit time, without the rest of the commit.
public struct CommitNode: Hashable, Sendable {
    public let id: ObjectID
    public let treeID: ObjectID
    public let parentIDs: [ObjectID]
    /// Committer time in seconds since 1970.
    public let time: Int64
}

/// Walks history newest first exactly as `git log` does by default (no `--topo-order`).
///
/// Git keeps a list of pending commits sorted by committer date, pops the newest, and inserts its
/// parents after any pending commit with the same date. So a commit always comes before its
/// parents even when clocks were skewed, which libgit2's time sort does not promise.
/// Keeps its repository alive. Complexity: O(c × w) for c commits and a frontier of w commits.
public final class DateOrderWalk {
    private let repository: Repository
    /// Git's commit-graph, when the repository has one: commits found there are not parsed, and
    /// their parents are reached by position rather than by searching for their ids.
    let graph: CommitGraph?
    /// Pending commits, oldest first: git's list, newest first, kept reversed so that the next
    /// commit is taken from the end.
    private var pending = [Pending]()
    /// Commits reached so far: those in the graph by position, the others by id.
    private var seenPositions: [Bool]
    private var seenIDs = Set<ObjectID>()
    /// Commits `node(_:)` read that were not pending, so a parent's tree is never read twice.
    private var loaded = [ObjectID: CommitNode]()

    /// A pending commit, with its parents' positions in the commit-graph when it came from there,
    /// else its object's bytes.
    private struct Pending {
        let node: CommitNode
        let parentPositions: [Int]?
        let object: CommitObject?
    }

    /// A walk from `starts` (in order, like the revisions on git log's command line).
    public init(_ repository: Repository, from starts: [ObjectID]) throws(GitError) {
        self.repository = repository
        // git reads no commit-graph in a shallow clone (the graph's parents would cross the
        // boundary), nor when `core.commitGraph` is false.
        let enabled = try repository.configBool("core.commitGraph") != false
        let usesGraph = enabled && !repository.isShallow
        graph = usesGraph ? CommitGraph(gitDirectory: repository.commonDirectoryPath) : nil
        seenPositions = Array(repeating: false, count: graph?.count ?? 0)
        for start in starts {
            try reach(start, position: graph?.position(of: start))
        }
    }

    /// The next commit, or `nil` when the walk is over. With `queueingParents` false its parents are
    /// left out, and the caller queues those it follows with `queue(_:)` (as git's history
    /// simplification follows one parent of a merge).
    public func next(queueingParents: Bool = true) throws(GitError) -> CommitNode? {
        try nextCommit(queueingParents: queueingParents)?.node
    }

    /// The next commit as `next(queueingParents:)` gives it, with the bytes of its object when the
    /// walk read them (the commit is not in the commit-graph): a caller that shows the commit
    /// parses those rather than reading it again.
    public func nextCommit(queueingParents: Bool = true) throws(GitError) -> (node: CommitNode, object: CommitObject?)? {
        guard let next = pending.popLast() else { return nil }
        if !loaded.isEmpty { loaded[next.node.id] = nil }
        guard queueingParents else { return (next.node, next.object) }
        for (index, parent) in next.node.parentIDs.enumerated() {
            // A commit outside the graph may have parents inside it.
            try reach(parent, position: next.parentPositions.map { $0[index] } ?? graph?.position(of: parent))
        }
        return (next.node, next.object)
    }

    /// Queues the commit `id` unless the walk has reached it before.
    private func reach(_ id: ObjectID, position: Int?) throws(GitError) {
        if let position, position < seenPositions.count {
            guard !seenPositions[position] else { return }
            seenPositions[position] = true
        } else {
            guard seenIDs.insert(id).inserted else { return }
        }
        try add(read(id, position: position))
    }

    /// Queues the commit `id` unless it is pending, even when the walk returned it before: a walk
    /// that chooses the parents it follows may reach a commit again by another way.
    /// Complexity: O(w) for w pending commits.
    public func queue(_ id: ObjectID) throws(GitError) {
        guard !pending.contains(where: { $0.node.id == id }) else { return }
        try add(read(id, position: graph?.position(of: id)))
    }

    /// The tree, parents and time of any commit, from the walk's memory, the commit-graph or the object.
    /// Complexity: O(w) for w pending commits; a caller mostly asks for a parent just queued, among the newest.
    public func node(_ id: ObjectID) throws(GitError) -> CommitNode {
        if let index = pending.lastIndex(where: { $0.node.id == id }) { return pending[index].node }
        if let node = loaded[id] { return node }
        let node = try read(id, position: graph?.position(of: id)).node
        loaded[id] = node
        return node
    }

    /// The commit `id`, through the graph at `position` when there is one, else from its object.
    private func read(_ id: ObjectID, position: Int?) throws(GitError) -> Pending {
        if let position, let entry = graph?.entry(at: position), entry.node.id == id {
            return Pending(node: entry.node, parentPositions: entry.parentPositions, object: nil)
        }
        let (node, object) = try repository.readCommitNode(id)
        return Pending(node: node, parentPositions: nil, object: object)
    }

    /// Inserts after every pending commit at least as new (git's `commit_list_insert_by_date`): in
    /// the oldest-first order kept here, before them and after the older ones.
    private func add(_ commit: Pending) {
        var low = 0
        var high = pending.count
        while low < high {
            let middle = (low + high) / 2
            if pending[middle].node.time < commit.node.time { low = middle + 1 } else { high = middle }
        }
        pending.insert(commit, at: low)
    }
}

extension Repository {
    /// The tree, parents and commit time of the commit `id` (no parents at a shallow boundary).
    public func commitNode(_ id: ObjectID) throws(GitError) -> CommitNode {
        try readCommitNode(id).node
    }

    /// The node of the commit `id`, with its object's bytes when they were read from a pack.
    func readCommitNode(_ id: ObjectID) throws(GitError) -> (node: CommitNode, object: CommitObject?) {
        if let object = packs?.object(id), object.kind == .commit, let parsed = CommitParser.node(object.bytes) {
            let node = CommitNode(id: id, treeID: parsed.treeID, parentIDs: graftedParents(of: id, parsed.parentIDs), time: parsed.time)
            return (node, CommitObject(id: id, bytes: object.bytes))
        }
        let commit = try lookupCommit(id)
        defer { git_commit_free(commit) }
        let node = CommitNode(
            id: id, treeID: ObjectID(git_commit_tree_id(commit)),
            parentIDs: graftedParents(of: id, (0..<git_commit_parentcount(commit)).map { ObjectID(git_commit_parent_id(commit, $0)) }),
            time: Int64(git_commit_time(commit)))
        return (node, nil)
    }
}
