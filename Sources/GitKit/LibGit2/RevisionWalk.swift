internal import CLibGit2

/// A walk over commits, like `git rev-list`. Keeps its repository alive.
public final class RevisionWalk {
    /// The orders a walk can yield commits in.
    public struct Order: OptionSet, Sendable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }
        /// Newest commit date first, as `git log` does by default.
        public static let time = Order(rawValue: GIT_SORT_TIME.rawValue)
        /// No parent before all of its children (`--topo-order`).
        public static let topological = Order(rawValue: GIT_SORT_TOPOLOGICAL.rawValue)
    }

    private let repository: Repository
    private let handle: OpaquePointer

    /// A walk over `repository`, in `order`.
    public init(_ repository: Repository, order: Order = .time) throws(GitError) {
        self.repository = repository
        var walk: OpaquePointer?
        try check(git_revwalk_new(&walk, repository.handle), "git_revwalk_new")
        handle = walk!
        // Sorting resets the walk, so it is set once, before anything is pushed.
        git_revwalk_sorting(handle, order.rawValue)
    }

    deinit {
        git_revwalk_free(handle)
    }

    /// Starts the walk at `id` (and its ancestors).
    public func include(_ id: ObjectID) throws(GitError) {
        var oid = id.oid
        try check(git_revwalk_push(handle, &oid), "git_revwalk_push(\(id.hex))")
    }

    /// Leaves out `id` and its ancestors.
    public func exclude(_ id: ObjectID) throws(GitError) {
        var oid = id.oid
        try check(git_revwalk_hide(handle, &oid), "git_revwalk_hide(\(id.hex))")
    }

    /// The next commit, or `nil` when the walk is over.
    public func next() throws(GitError) -> ObjectID? {
        var oid = git_oid()
        let result = git_revwalk_next(&oid, handle)
        if result == GIT_ITEROVER.rawValue {
            git_error_clear()
            return nil
        }
        try check(result, "git_revwalk_next")
        return ObjectID(oid)
    }

    /// Every remaining commit of the walk.
    public func all() throws(GitError) -> [ObjectID] {
        var ids = [ObjectID]()
        while let id = try next() {
            ids.append(id)
        }
        return ids
    }
}
