internal import CLibGit2
import Foundation

extension Repository {
    /// A second handle on this repository whose object writes go into one pack file, completed by
    /// `writePendingObjects()`, as `git fast-import` does.
    ///
    /// For batches: thousands of loose objects cost a file creation each, one pack costs two files.
    /// Each object is compressed and appended to the pack as it is written and not kept in memory
    /// (`PackWriter`), so a batch holds only its objects' ids and places. Reads through the handle
    /// see the pending objects; nothing else does until `writePendingObjects()`. Every object written
    /// through the handle, by GitKit or by libgit2, is packed; use one handle per batch. The handle
    /// reads packs for look-ups (`readPacksForLookUps()`), as a batch's reads are.
    public func openPackingHandle() throws(GitError) -> Repository {
        let packing = try Repository.open(at: gitDirectoryPath)
        packing.readPacksForLookUps()
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, packing.handle), "git_repository_odb")
        defer { git_odb_free(odb) }
        packing.packing = try PackingBackend.install(in: odb!, objects: commonDirectoryPath + "objects")
        return packing
    }

    /// Completes the pack of the objects written on a packing handle since the last call and moves it
    /// and its index into `objects/pack/` (nothing on an ordinary handle, or when nothing is pending).
    /// Call it before a ref points at them.
    ///
    /// Only the objects this handle wrote are packed, never the rest of the trees they belong to.
    /// Complexity: one read of the pack written, for its checksum.
    public func writePendingObjects() throws(GitError) {
        try packing?.finish()
    }

    /// On a packing handle, hashes `data` and appends it to the pack; `nil` on an ordinary handle.
    ///
    /// `git_odb_write` first looks for the object in every backend, and on a miss (every new object)
    /// rescans `objects/pack/`: a directory read per blob, an eighth of a 10,000-record batch.
    func writePendingBlob(_ data: UnsafeRawBufferPointer) throws(GitError) -> ObjectID? {
        guard packing != nil else { return nil }
        var oid = git_oid()
        try check(git_odb_hash(&oid, data.baseAddress, data.count, GIT_OBJECT_BLOB), "git_odb_hash")
        return try writeObject(data, type: GIT_OBJECT_BLOB, id: ObjectID(oid))
    }

    /// Writes the object `id` of kind `type` with content `data`, which hashes to `id`: on a packing
    /// handle straight into the pack, else through the object database.
    @discardableResult
    func writeObject(_ data: UnsafeRawBufferPointer, type: git_object_t, id: ObjectID) throws(GitError) -> ObjectID {
        if let packing {
            try packing.write(data, type: type, id: id)
            return id
        }
        var database: OpaquePointer?
        try check(git_repository_odb(&database, handle), "git_repository_odb")
        defer { git_odb_free(database) }
        var oid = id.oid
        try check(git_odb_write(&oid, database, data.baseAddress, data.count, type), "git_odb_write")
        return id
    }
}
