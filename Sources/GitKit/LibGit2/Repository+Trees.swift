internal import CLibGit2
import Foundation

/// A change to a tree at a path of any depth, for `Repository.updateTree`.
public enum TreeUpdate: Sendable, Hashable {
    /// Adds or replaces the entry at `path`; missing folders are created.
    case upsert(path: String, id: ObjectID, mode: TreeEntry.Mode = .blob)
    /// Removes the entry at `path`; folders left empty disappear.
    case remove(path: String)

    var path: String {
        switch self {
        case .upsert(let path, _, _), .remove(let path): path
        }
    }
}

extension Repository {
    /// The entries of the tree `id`, in git's order.
    public func treeEntries(_ id: ObjectID) throws(GitError) -> [TreeEntry] {
        try scanTree(id, function: "treeEntries") { $0.entries() }
    }

    /// The entry at a slash-separated `path` below the tree `id`, or `nil` when there is none. Each
    /// tree on the way is scanned from the packs when they hold it (`treeEntryTarget`), else read through libgit2.
    public func treeEntry(atPath path: String, inTree id: ObjectID) throws(GitError) -> TreeEntry? {
        let names = path.split(separator: "/", omittingEmptySubsequences: false)
        if !names.contains(where: \.isEmpty) {
            var tree = id
            for name in names.dropLast() {
                guard let entry = try treeEntryTarget(named: String(name), inTree: tree), entry.mode == .tree else { return nil }
                tree = entry.id
            }
            let name = String(names[names.count - 1])
            return try treeEntryTarget(named: name, inTree: tree).map { TreeEntry(name: name, id: $0.id, mode: $0.mode) }
        }
        let tree = try lookupTree(id)
        defer { git_tree_free(tree) }
        var entry: OpaquePointer?
        guard try checkFound(git_tree_entry_bypath(&entry, tree, path), "git_tree_entry_bypath('\(path)')") else { return nil }
        defer { git_tree_entry_free(entry) }
        return TreeEntry(entry!)
    }

    /// The id and mode of the entry named `name` directly in the tree `id` (no slashes), or `nil`.
    ///
    /// Copies no name: the cheapest look-up, for walks that resolve one path in many trees.
    /// The tree's raw bytes are scanned in place; nothing is parsed into libgit2's object cache.
    public func treeEntryTarget(named name: String, inTree id: ObjectID) throws(GitError) -> (id: ObjectID, mode: TreeEntry.Mode)? {
        try scanTree(id, function: "treeEntryTarget") { $0.entry(named: name) }
    }

    /// Scans the raw bytes of the tree `id` with `scan`: read straight from the pack files when they
    /// hold it (`PackReader`), else through libgit2's object database, never parsed into a `git_tree`.
    private func scanTree<Value>(
        _ id: ObjectID, function: String, _ scan: (RawTree) -> Result<Value, RawTree.MalformedTree>
    ) throws(GitError) -> Value {
        var notATree: GitError { GitError(code: .invalid, message: "object \(id.hex) is not a tree", function: function) }
        let result: Result<Value, RawTree.MalformedTree>
        if let object = packs?.object(id) {
            guard object.kind == .tree else { throw notATree }
            result = object.bytes.withUnsafeBytes { scan(RawTree(bytes: $0)) }
        } else {
            var database: OpaquePointer?
            try check(git_repository_odb(&database, handle), "git_repository_odb")
            defer { git_odb_free(database) }
            var object: OpaquePointer?
            var oid = id.oid
            try check(git_odb_read(&object, database, &oid), "git_odb_read(\(id.hex))")
            defer { git_odb_object_free(object) }
            guard git_odb_object_type(object) == GIT_OBJECT_TREE else { throw notATree }
            result = scan(RawTree(bytes: UnsafeRawBufferPointer(start: git_odb_object_data(object), count: git_odb_object_size(object))))
        }
        return try result.mapError { LoadedTree.malformed(id, at: $0, function: function) }.get()
    }

    /// The raw bytes of the tree `id`, for many single-name look-ups in it (`LoadedTree.entry(named:)`).
    public func loadTree(_ id: ObjectID) throws(GitError) -> LoadedTree {
        try scanTree(id, function: "loadTree") { .success(LoadedTree(id: id, bytes: Array($0.bytes))) }
    }

    /// The entry at `path` in the tree of the commit `commit`, or `nil` when there is none.
    ///
    /// Cheaper than reading the commit and then the tree: nothing else is copied.
    public func treeEntry(atPath path: String, inCommit commit: ObjectID) throws(GitError) -> TreeEntry? {
        let commitObject = try lookupCommit(commit)
        defer { git_commit_free(commitObject) }
        var tree: OpaquePointer?
        try check(git_commit_tree(&tree, commitObject), "git_commit_tree(\(commit.hex))")
        defer { git_tree_free(tree) }
        var entry: OpaquePointer?
        guard try checkFound(git_tree_entry_bypath(&entry, tree, path), "git_tree_entry_bypath('\(path)')") else { return nil }
        defer { git_tree_entry_free(entry) }
        return TreeEntry(entry!)
    }

    /// Every blob below the tree `id`, as (slash-separated path, entry), in git's order.
    public func treeFiles(_ id: ObjectID) throws(GitError) -> [(path: String, entry: TreeEntry)] {
        var files = [(path: String, entry: TreeEntry)]()
        var pending: [(prefix: String, id: ObjectID)] = [("", id)]
        while let (prefix, treeID) = pending.popLast() {
            var subtrees = [(prefix: String, id: ObjectID)]()
            for entry in try treeEntries(treeID) {
                if entry.isTree {
                    subtrees.append((prefix + entry.name + "/", entry.id))
                } else {
                    files.append((prefix + entry.name, entry))
                }
            }
            pending.append(contentsOf: subtrees.reversed())
        }
        return files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// The id of the empty tree, written if needed.
    public func emptyTreeID() throws(GitError) -> ObjectID {
        var builder: OpaquePointer?
        try check(git_treebuilder_new(&builder, handle, nil), "git_treebuilder_new")
        defer { git_treebuilder_free(builder) }
        var oid = git_oid()
        try check(git_treebuilder_write(&oid, builder), "git_treebuilder_write")
        return ObjectID(oid)
    }

    /// Writes a tree that is `base` (or the empty tree) with every update applied in one pass.
    ///
    /// Paths may be nested (`a/b/c.json`); intermediate trees are created or removed as needed. Removing
    /// an entry that is not there, or updating below an entry that is not a tree, throws. The trees are
    /// built natively (`TreeUpdater`) and each changed tree written as it is made; on a packing handle
    /// straight into the pack being written, from which a refused update takes them out again.
    /// Base trees kept in `cache` (read by look-ups before the update) are taken from it rather than
    /// read again. Complexity: O(u log u + size of the changed trees) for u updates.
    public func updateTree(_ base: ObjectID?, applying updates: [TreeUpdate], reusing cache: TreeReadCache? = nil) throws(GitError) -> ObjectID {
        guard !updates.isEmpty else {
            if let base { return base }
            return try emptyTreeID()
        }
        for update in updates {
            try Repository.validateTreePath(update.path)
        }
        var updater = TreeUpdater(
            updates,
            read: { id throws(GitError) in
                if let known = cache?.take(id) { return known.bytes }
                return try self.scanTree(id, function: "updateTree") { .success(Array($0.bytes)) }
            },
            write: { id, bytes throws(GitError) in
                try bytes.withUnsafeBytes { buffer in Result { () throws(GitError) in try self.writeObject(buffer, type: GIT_OBJECT_TREE, id: id) } }.get()
            })
        let mark = packing?.mark()
        let result: ObjectID?
        do {
            result = try updater.apply(to: base)
        } catch {
            if let mark { try packing?.rollBack(to: mark) }
            throw error
        }
        if let result { return result }
        return try emptyTreeID()
    }

    /// Refuses paths git would refuse to write into a tree: empty, absolute, or with a component
    /// `TreeEntryName` refuses (`.`, `..`, `.git` in any spelling).
    static func validateTreePath(_ path: String) throws(GitError) {
        let isValid = !path.isEmpty && !path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).contains {
            TreeEntryName.refusal($0) != nil
        }
        guard isValid else {
            throw GitError(code: .invalid, message: "invalid path '\(path)' for a tree entry", function: "updateTree")
        }
    }

    func lookupTree(_ id: ObjectID) throws(GitError) -> OpaquePointer {
        var tree: OpaquePointer?
        var oid = id.oid
        try check(git_tree_lookup(&tree, handle, &oid), "git_tree_lookup(\(id.hex))")
        return tree!
    }
}
