internal import CLibGit2
import Foundation

extension Repository {
    /// A handle on this repository whose object writes all go to a new quarantine folder
    /// (`objects/tmp_objdir-quill-<pid>-<uuid>/`, like git's `tmp_objdir-incoming-…` for a push it has not
    /// accepted yet), while it reads every object of the repository as well as those.
    ///
    /// Objects received into the quarantine stay invisible to every other handle and to git until
    /// `publishQuarantine()` moves them into `objects/pack/`; `removeQuarantine()` throws them away.
    /// Quarantines left by killed processes (their pid is no longer running) are removed here.
    func openQuarantineHandle() throws -> (handle: Repository, folder: String) {
        let objects = commonDirectoryPath + "objects"
        Repository.removeStaleQuarantines(in: objects)
        let folder = objects + "/" + Repository.quarantinePrefix + "\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/pack", withIntermediateDirectories: true)
        let quarantined = try Repository.open(at: gitDirectoryPath)
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, quarantined.handle), "git_repository_odb")
        defer { git_odb_free(odb) }
        var backend: UnsafeMutablePointer<git_odb_backend>?
        try check(git_odb_backend_pack(&backend, folder), "git_odb_backend_pack")
        // Highest priority: received packs are written here; the odb owns and frees the backend.
        try check(git_odb_add_backend(odb, backend, 1000), "git_odb_add_backend")
        return (quarantined, folder)
    }

    /// Moves the packs received into the quarantine `folder` to `objects/pack/`, each pack before its index
    /// so no reader finds an index without its pack; this handle reads them there. The emptied folder stays
    /// (the quarantine's backend still reads it) until `removeQuarantine(_:)`.
    func publishQuarantine(_ folder: String) throws {
        let files = FileManager.default
        let received = try files.contentsOfDirectory(atPath: folder + "/pack")
        let destination = commonDirectoryPath + "objects/pack/"
        for pack in received where pack.hasPrefix("pack-") && pack.hasSuffix(".pack") {
            let base = String(pack.dropLast(".pack".count))
            guard received.contains(base + ".idx") else { continue }
            for file in [base + ".pack", base + ".idx"] where !files.fileExists(atPath: destination + file) {
                try files.moveItem(atPath: folder + "/pack/" + file, toPath: destination + file)
            }
        }
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, handle), "git_repository_odb")
        defer { git_odb_free(odb) }
        try check(git_odb_refresh(odb), "git_odb_refresh")
    }

    /// Removes the quarantine `folder` and everything received into it.
    func removeQuarantine(_ folder: String) {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private static let quarantinePrefix = "tmp_objdir-quill-"

    /// Removes the quarantine folders whose process is gone (`kill(pid, 0)` fails with `ESRCH`).
    private static func removeStaleQuarantines(in objects: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: objects)) ?? [] where name.hasPrefix(quarantinePrefix) {
            guard let pid = Int32(name.dropFirst(quarantinePrefix.count).prefix { $0 != "-" }), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: objects + "/" + name)
        }
    }
}
