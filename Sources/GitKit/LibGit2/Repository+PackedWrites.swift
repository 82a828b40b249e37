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
        var backend: UnsafeMutablePointer<git_odb_backend>?
        try check(git_mempack_new(&backend), "git_mempack_new")
        // Highest priority: every write goes to memory; the odb owns and frees the backend.
        try check(git_odb_add_backend(odb, backend, 999), "git_odb_add_backend")
        packing.pendingObjects = OpaquePointer(backend)
        return packing
    }

    /// Writes the objects pending on a packing handle to `objects/pack/` as one pack and its index
    /// (nothing on an ordinary handle, or when nothing is pending). Call it before a ref points at them.
    ///
    /// Only the objects this handle wrote are packed, never the rest of the trees they belong to.
    /// The pack and its index are written directly (`objects/pack/pack-<checksum>.pack`, then `.idx`),
    /// without libgit2's indexer re-reading and re-hashing every object. Complexity: O(size of the
    /// pending objects).
    public func writePendingObjects() throws(GitError) {
        guard let pendingObjects, !pendingObjectIDs.isEmpty else { return }
        let backend = UnsafeMutablePointer<git_odb_backend>(pendingObjects)
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
            try encoder.append(id, type: type, data: UnsafeRawBufferPointer(start: git_odb_object_data(object), count: git_odb_object_size(object)))
        }
        let (pack, index, checksum) = encoder.finish()
        // Both files are written whole in a folder git does not look in, then renamed into objects/pack/,
        // the pack first: git ignores a pack without an index, never the reverse. A writer killed at any
        // point leaves at most that folder, removed by the next writer (`TemporaryObjectFolder`).
        let staging = try TemporaryObjectFolder(objects: commonDirectoryPath + "objects")
        defer { staging.remove() }
        let name = "pack-" + checksum.map { String(format: "%02x", $0) }.joined()
        try Repository.writeReadOnlyFile(pack, to: staging.path + "/" + name + ".pack")
        try Repository.writeReadOnlyFile(index, to: staging.path + "/" + name + ".idx")
        for file in [name + ".pack", name + ".idx"] {
            try staging.move(staging.path + "/" + file, to: commonDirectoryPath + "objects/pack/" + file)
        }
        try check(git_mempack_reset(backend), "git_mempack_reset")
        pendingObjectIDs.removeAll()
    }

    /// Writes `bytes` to a new file at `path`, read-only as git's pack files are.
    private static func writeReadOnlyFile(_ bytes: [UInt8], to path: String) throws(GitError) {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        } catch {
            throw GitError(code: .generic, message: "cannot write '\(path)': \(error.localizedDescription)", function: "writePendingObjects")
        }
    }

    /// On a packing handle, hashes `data` and hands it straight to the in-memory backend; `nil` on an
    /// ordinary handle.
    ///
    /// `git_odb_write` first looks for the object in every backend, and on a miss (every new object)
    /// rescans `objects/pack/`: a directory read per blob, an eighth of a 10,000-record batch.
    func writePendingBlob(_ data: UnsafeRawBufferPointer) throws(GitError) -> ObjectID? {
        guard pendingObjects != nil else { return nil }
        var oid = git_oid()
        try check(git_odb_hash(&oid, data.baseAddress, data.count, GIT_OBJECT_BLOB), "git_odb_hash")
        return try writeObject(data, type: GIT_OBJECT_BLOB, id: ObjectID(oid))
    }

    /// Writes the object `id` of kind `type` with content `data`, which hashes to `id`: on a packing
    /// handle straight to the in-memory backend (remembered for the next pack), else through the
    /// object database.
    @discardableResult
    func writeObject(_ data: UnsafeRawBufferPointer, type: git_object_t, id: ObjectID) throws(GitError) -> ObjectID {
        var oid = id.oid
        if let pendingObjects {
            let backend = UnsafeMutablePointer<git_odb_backend>(pendingObjects)
            try check(backend.pointee.write(backend, &oid, data.baseAddress, data.count, type), "mempack write")
            return noteWritten(id)
        }
        var database: OpaquePointer?
        try check(git_repository_odb(&database, handle), "git_repository_odb")
        defer { git_odb_free(database) }
        try check(git_odb_write(&oid, database, data.baseAddress, data.count, type), "git_odb_write")
        return id
    }

    /// Remembers `id` for the next pack when this is a packing handle; returns it.
    func noteWritten(_ id: ObjectID) -> ObjectID {
        if pendingObjects != nil { pendingObjectIDs.append(id) }
        return id
    }
}
