internal import CLibGit2

extension Repository {
    /// The commit a revision spec names, peeling tags. A full commit id the packs hold is answered
    /// from them (an id comes before any ref of the same name, as git and libgit2 read it).
    public func resolveCommit(_ spec: String) throws(GitError) -> ObjectID {
        if spec.utf8.count == 2 * ObjectID.byteCount, let id = ObjectID(hex: spec), packs?.object(id)?.kind == .commit { return id }
        var object: OpaquePointer?
        try check(git_revparse_single(&object, handle, spec), "git_revparse_single('\(spec)')")
        defer { git_object_free(object) }
        var peeled: OpaquePointer?
        try check(git_object_peel(&peeled, object, GIT_OBJECT_COMMIT), "git_object_peel('\(spec)')")
        defer { git_object_free(peeled) }
        return ObjectID(git_object_id(peeled))
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
