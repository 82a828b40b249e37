internal import CLibGit2

/// The four kinds of git object.
public enum ObjectKind: String, Sendable {
    case commit, tree, blob, tag
}

extension Repository {
    /// The kind of the object `id`, read from its header only, or `nil` when the database does not hold it.
    public func objectKind(_ id: ObjectID) throws(GitError) -> ObjectKind? {
        var database: OpaquePointer?
        try check(git_repository_odb(&database, handle), "git_repository_odb")
        defer { git_odb_free(database) }
        var oid = id.oid
        var size = 0
        var type = GIT_OBJECT_INVALID
        guard try checkFound(git_odb_read_header(&size, &type, database, &oid), "git_odb_read_header(\(id.hex))") else { return nil }
        switch type {
        case GIT_OBJECT_COMMIT: return .commit
        case GIT_OBJECT_TREE: return .tree
        case GIT_OBJECT_BLOB: return .blob
        case GIT_OBJECT_TAG: return .tag
        default: return nil
        }
    }
}
