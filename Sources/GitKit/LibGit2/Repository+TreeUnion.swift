internal import CLibGit2

extension Repository {
    /// Writes the union of two trees, merged recursively by name, and returns its id.
    ///
    /// A name on one side only is kept; the same name with the same object and mode is kept once; the
    /// same name as a folder on both sides is merged recursively; the same name as two different files
    /// is a conflict that `resolve` settles with the blob to keep (called with the slash-separated path,
    /// ours, theirs). A folder on one side and a file on the other is a `GitError` with code `.conflict`.
    /// `nil` is the empty tree. Errors `resolve` throws are rethrown; every other failure is a `GitError`.
    ///
    /// Complexity: reads only the subtrees whose ids differ on the two sides.
    public func unionTree(
        _ ours: ObjectID?, _ theirs: ObjectID?, resolve: (_ path: String, _ ours: ObjectID, _ theirs: ObjectID) throws -> ObjectID
    ) throws -> ObjectID {
        switch (ours, theirs) {
        case (nil, nil): try emptyTreeID()
        case (let tree?, nil), (nil, let tree?): tree
        case (let ours?, let theirs?): try unionOfTrees(ours, theirs, prefix: "", resolve: resolve)
        }
    }

    private func unionOfTrees(
        _ ours: ObjectID, _ theirs: ObjectID, prefix: String, resolve: (String, ObjectID, ObjectID) throws -> ObjectID
    ) throws -> ObjectID {
        guard ours != theirs else { return ours }
        var merged = [String: TreeEntry]()
        for entry in try treeEntries(ours) { merged[entry.name] = entry }
        var changed = false
        for their in try treeEntries(theirs) {
            guard let our = merged[their.name] else {
                merged[their.name] = their
                changed = true
                continue
            }
            if our == their { continue }
            let path = prefix + their.name
            switch (our.isTree, their.isTree) {
            case (true, true):
                merged[their.name] = TreeEntry(
                    name: their.name, id: try unionOfTrees(our.id, their.id, prefix: path + "/", resolve: resolve), mode: .tree)
            case (false, false):
                merged[their.name] = TreeEntry(name: their.name, id: try resolve(path, our.id, their.id), mode: our.mode)
            default:
                throw GitError(code: .conflict, message: "'\(path)' is a folder on one side and a file on the other", function: "unionTree")
            }
            changed = changed || merged[their.name] != our
        }
        return changed ? try writeTree(merged.values) : ours
    }

    /// Writes a tree of exactly `entries` (in any order; git's order is applied).
    func writeTree(_ entries: some Sequence<TreeEntry>) throws(GitError) -> ObjectID {
        var builder: OpaquePointer?
        try check(git_treebuilder_new(&builder, handle, nil), "git_treebuilder_new")
        defer { git_treebuilder_free(builder) }
        for entry in entries {
            var oid = entry.id.oid
            try check(
                git_treebuilder_insert(nil, builder, entry.name, &oid, git_filemode_t(rawValue: entry.mode.rawValue)),
                "git_treebuilder_insert('\(entry.name)')")
        }
        var oid = git_oid()
        try check(git_treebuilder_write(&oid, builder), "git_treebuilder_write")
        return ObjectID(oid)
    }
}
