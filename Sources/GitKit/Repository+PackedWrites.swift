internal import CLibGit2
import Foundation

extension Repository {
    /// A second handle on this repository whose object writes stay in memory until
    /// `writePendingObjects()` stores them all as one pack file, as `git fast-import` does.
    ///
    /// For batches: thousands of loose objects cost a file creation each, one pack costs two files.
    /// Reads through the handle see the pending objects. Blobs, trees (through `updateTree`) and
    /// commits written through GitKit are packed; use one handle per batch.
    public func openPackingHandle() throws(GitError) -> Repository {
        let packing = try Repository.open(at: gitDirectoryPath)
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, packing.handle), "git_repository_odb")
        defer { git_odb_free(odb) }
        var backend: OpaquePointer?
        try check(git_mempack_new(&backend), "git_mempack_new")
        // Highest priority: every write goes to memory; the odb owns and frees the backend.
        try check(git_odb_add_backend(odb, backend, 999), "git_odb_add_backend")
        packing.pendingObjects = backend
        return packing
    }

    /// Writes the objects pending on a packing handle to `objects/pack/` as one pack and its index
    /// (nothing on an ordinary handle, or when nothing is pending). Call it before a ref points at them.
    ///
    /// Only the objects this handle wrote are packed, never the rest of the trees they belong to.
    /// Complexity: O(size of the pending objects).
    public func writePendingObjects() throws(GitError) {
        guard let backend = pendingObjects, !pendingObjectIDs.isEmpty else { return }
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, handle), "git_repository_odb")
        defer { git_odb_free(odb) }
        var encoder = PackEncoder()
        var seen = Set<ObjectID>()
        for id in pendingObjectIDs where seen.insert(id).inserted {
            var object: OpaquePointer?
            var oid = id.oid
            try check(git_odb_read(&object, odb, &oid), "git_odb_read(\(id.hex))")
            defer { git_odb_object_free(object) }
            guard let type = PackEncoder.typeNumber(git_odb_object_type(object)) else { continue }
            try encoder.append(type: type, data: UnsafeRawBufferPointer(start: git_odb_object_data(object), count: git_odb_object_size(object)))
        }
        let pack = encoder.finish()
        var writer: UnsafeMutablePointer<git_odb_writepack>?
        try check(git_odb_write_pack(&writer, odb, nil, nil), "git_odb_write_pack")
        guard let writer else { throw GitError(code: .generic, message: "no pack writer", function: "git_odb_write_pack") }
        defer { writer.pointee.free(writer) }
        var progress = git_indexer_progress()
        let appended = pack.withUnsafeBytes { writer.pointee.append(writer, $0.baseAddress, $0.count, &progress) }
        try check(appended, "git_odb_writepack.append")
        try check(writer.pointee.commit(writer, &progress), "git_odb_writepack.commit")
        try check(git_mempack_reset(backend), "git_mempack_reset")
        pendingObjectIDs.removeAll()
    }

    /// Remembers `id` for the next pack when this is a packing handle; returns it.
    func noteWritten(_ id: ObjectID) -> ObjectID {
        if pendingObjects != nil { pendingObjectIDs.append(id) }
        return id
    }

    /// Remembers the trees of `tree` that `base` does not have: `tree` itself and, below it, every
    /// subtree whose id differs from the one at the same path in `base`.
    func noteNewTrees(_ tree: ObjectID, replacing base: ObjectID?) throws(GitError) {
        guard tree != base else { return }
        _ = noteWritten(tree)
        var previous = [String: ObjectID]()
        if let base {
            for entry in try treeEntries(base) where entry.isTree { previous[entry.name] = entry.id }
        }
        for entry in try treeEntries(tree) where entry.isTree && previous[entry.name] != entry.id {
            try noteNewTrees(entry.id, replacing: previous[entry.name])
        }
    }
}
