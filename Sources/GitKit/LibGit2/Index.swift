internal import CLibGit2

/// A repository's index (staging area), changed in memory until `write()`. Keeps its repository alive.
public final class Index {
    private let repository: Repository
    private let handle: OpaquePointer

    init(repository: Repository) throws(GitError) {
        self.repository = repository
        var index: OpaquePointer?
        try check(git_repository_index(&index, repository.handle), "git_repository_index")
        handle = index!
    }

    deinit {
        git_index_free(handle)
    }

    /// Stages the work-tree file at `path` (relative to the work tree).
    public func add(path: String) throws(GitError) {
        try check(git_index_add_bypath(handle, path), "git_index_add_bypath('\(path)')")
    }

    /// Unstages and forgets `path`, as `git rm --cached` does.
    public func remove(path: String) throws(GitError) {
        try check(git_index_remove_bypath(handle, path), "git_index_remove_bypath('\(path)')")
    }

    /// The staged blob at `path`, or `nil` when the index has none.
    public func entryID(path: String) -> ObjectID? {
        git_index_get_bypath(handle, path, 0).map { ObjectID($0.pointee.id) }
    }

    /// The staged entry at `path` (name is the full path), or `nil` when the index has none.
    public func entry(path: String) -> TreeEntry? {
        git_index_get_bypath(handle, path, 0).map(TreeEntry.init(indexEntry:))
    }

    /// Every staged path (stage 0), in index order.
    public var paths: [String] {
        (0..<git_index_entrycount(handle)).compactMap { position in
            git_index_get_byindex(handle, position).map { String(cString: $0.pointee.path) }
        }
    }

    /// Writes the index's content as a tree and returns its id.
    public func writeTree() throws(GitError) -> ObjectID {
        var oid = git_oid()
        try check(git_index_write_tree(&oid, handle), "git_index_write_tree")
        return ObjectID(oid)
    }

    /// Saves the index to disk (atomically, through `index.lock`).
    public func write() throws(GitError) {
        try check(git_index_write(handle), "git_index_write")
    }

    /// Drops in-memory changes and reads the index from disk again.
    public func reload() throws(GitError) {
        try check(git_index_read(handle, 1), "git_index_read")
    }
}

extension Repository {
    /// The repository's index.
    public func index() throws(GitError) -> Index {
        try Index(repository: self)
    }
}

extension TreeEntry {
    /// Copies an index entry; its name is the entry's full path.
    init(indexEntry entry: UnsafePointer<git_index_entry>) {
        self.init(
            name: String(cString: entry.pointee.path), id: ObjectID(entry.pointee.id),
            mode: Mode(rawValue: entry.pointee.mode) ?? .blob)
    }
}
