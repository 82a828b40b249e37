internal import CLibGit2

/// What a revision range names: `A..B` (reachable from B, not A) or `A...B` (symmetric, with their merge base).
public struct RevisionRange: Sendable, Hashable {
    public let from: ObjectID?
    public let to: ObjectID?
    /// Whether the spec was `A...B`.
    public let isSymmetric: Bool
}

extension Repository {
    /// The object any git revision spec names (`HEAD~2`, `main^{tree}`, `v1:path`, an abbreviated id…).
    public func resolveRevision(_ spec: String) throws(GitError) -> ObjectID {
        var object: OpaquePointer?
        try check(git_revparse_single(&object, handle, spec), "git_revparse_single('\(spec)')")
        defer { git_object_free(object) }
        return ObjectID(git_object_id(object))
    }

    /// The commit a revision spec names, peeling tags.
    public func resolveCommit(_ spec: String) throws(GitError) -> ObjectID {
        var object: OpaquePointer?
        try check(git_revparse_single(&object, handle, spec), "git_revparse_single('\(spec)')")
        defer { git_object_free(object) }
        var peeled: OpaquePointer?
        try check(git_object_peel(&peeled, object, GIT_OBJECT_COMMIT), "git_object_peel('\(spec)')")
        defer { git_object_free(peeled) }
        return ObjectID(git_object_id(peeled))
    }

    /// Parses `A..B`, `A...B` or a single revision (which gives `to` only).
    public func resolveRange(_ spec: String) throws(GitError) -> RevisionRange {
        var revspec = git_revspec()
        try check(git_revparse(&revspec, handle, spec), "git_revparse('\(spec)')")
        defer {
            git_object_free(revspec.from)
            git_object_free(revspec.to)
        }
        let isRange = revspec.flags & GIT_REVSPEC_RANGE.rawValue != 0
        let from = revspec.from.map { ObjectID(git_object_id($0)) }
        let to = revspec.to.map { ObjectID(git_object_id($0)) }
        if isRange {
            return RevisionRange(from: from, to: to, isSymmetric: revspec.flags & GIT_REVSPEC_MERGE_BASE.rawValue != 0)
        }
        return RevisionRange(from: nil, to: from, isSymmetric: false)
    }

    /// The best common ancestor of two commits, or `nil` when they share no history; in a shallow
    /// clone, no history inside the clone (`MergeBaseSearch`, as git sees it).
    public func mergeBase(_ one: ObjectID, _ two: ObjectID) throws(GitError) -> ObjectID? {
        if isShallow { return try MergeBaseSearch(repository: self).bases(one, two).first }
        var base = git_oid()
        var first = one.oid
        var second = two.oid
        guard try checkFound(git_merge_base(&base, handle, &first, &second), "git_merge_base") else { return nil }
        return ObjectID(base)
    }
}
