internal import CLibGit2
import Foundation

extension Repository {
    /// A second handle on this repository whose object writes stay in memory until
    /// `writePendingObjects()` stores them all as one pack file, as `git fast-import` does.
    ///
    /// For batches: thousands of loose objects cost a file creation each, one pack costs two files.
    /// Reads through the handle see the pending objects. Use one handle per batch.
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
    public func writePendingObjects() throws(GitError) {
        guard let backend = pendingObjects else { return }
        var pack = git_buf()
        defer { git_buf_dispose(&pack) }
        try check(git_mempack_dump(&pack, handle, backend), "git_mempack_dump")
        // A pack header is "PACK", a version and the object count (big-endian) in bytes 8-11.
        guard pack.size >= 12, let bytes = pack.ptr else { return }
        let count = (8..<12).reduce(0) { $0 << 8 | Int(UInt8(bitPattern: bytes[$1])) }
        guard count > 0 else { return }
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, handle), "git_repository_odb")
        defer { git_odb_free(odb) }
        var writer: UnsafeMutablePointer<git_odb_writepack>?
        try check(git_odb_write_pack(&writer, odb, nil, nil), "git_odb_write_pack")
        guard let writer else { throw GitError(code: .generic, message: "no pack writer", function: "git_odb_write_pack") }
        defer { writer.pointee.free(writer) }
        var progress = git_indexer_progress()
        try check(writer.pointee.append(writer, pack.ptr, pack.size, &progress), "git_odb_writepack.append")
        try check(writer.pointee.commit(writer, &progress), "git_odb_writepack.commit")
        try check(git_mempack_reset(backend), "git_mempack_reset")
    }
}
