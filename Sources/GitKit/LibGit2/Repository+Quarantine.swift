internal import CLibGit2
import Foundation

extension Repository {
    /// A handle on this repository whose object writes all go to a new `TemporaryObjectFolder` (as git
    /// keeps a push it has not accepted yet in `objects/tmp_objdir-incoming-…`), while it reads every
    /// object of the repository as well as those.
    ///
    /// Objects received into the quarantine stay invisible to every other handle and to git until
    /// `publishQuarantine(_:)` moves them into `objects/pack/`; removing the folder throws them away.
    func openQuarantineHandle() throws(GitError) -> (handle: Repository, folder: TemporaryObjectFolder) {
        let folder = try TemporaryObjectFolder(objects: commonDirectoryPath + "objects")
        do {
            try FileManager.default.createDirectory(atPath: folder.path + "/pack", withIntermediateDirectories: true)
        } catch {
            folder.remove()
            throw GitError(code: .generic, message: "cannot create '\(folder.path)/pack': \(error.localizedDescription)", function: "openQuarantineHandle")
        }
        do {
            return (try quarantineHandle(reading: folder), folder)
        } catch {
            folder.remove()
            throw error
        }
    }

    /// A handle on this repository that also reads, and writes new packs into, `folder`'s `pack/`.
    func quarantineHandle(reading folder: TemporaryObjectFolder) throws(GitError) -> Repository {
        try RepositoryLocation(gitDirectory: gitDirectoryPath, quarantine: folder.path).open()
    }

    /// Where this handle reads objects from, for another thread to open a handle of its own that reads the
    /// same objects (a quarantine's too, `openQuarantineHandle()`): a handle is used from one thread at a time.
    public var location: RepositoryLocation {
        RepositoryLocation(gitDirectory: gitDirectoryPath, quarantine: quarantinePath)
    }

    /// Adds the quarantine folder at `path` to the objects this handle reads, as the first place searched.
    fileprivate func readQuarantine(_ path: String) throws(GitError) {
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, handle), "git_repository_odb")
        defer { git_odb_free(odb) }
        var backend: UnsafeMutablePointer<git_odb_backend>?
        try check(git_odb_backend_pack(&backend, path), "git_odb_backend_pack")
        // Highest priority: received packs are written here; the odb owns and frees the backend.
        try check(git_odb_add_backend(odb, backend, 1000), "git_odb_add_backend")
        packs = PackReader(gitDirectory: commonDirectoryPath, received: path + "/pack")
        quarantinePath = path
    }

    /// Moves the packs received into the quarantine `folder` to `objects/pack/`, each pack before its index
    /// so no reader finds an index without its pack; this handle reads them there. The emptied folder stays
    /// (the quarantine's backend still reads it) until it is removed.
    func publishQuarantine(_ folder: TemporaryObjectFolder) throws(GitError) {
        let received = (try? FileManager.default.contentsOfDirectory(atPath: folder.path + "/pack")) ?? []
        let destination = commonDirectoryPath + "objects/pack/"
        for pack in received where pack.hasPrefix("pack-") && pack.hasSuffix(".pack") {
            let base = String(pack.dropLast(".pack".count))
            guard received.contains(base + ".idx") else { continue }
            for file in [base + ".pack", base + ".idx"] {
                try folder.move(folder.path + "/pack/" + file, to: destination + file)
            }
        }
        var odb: OpaquePointer?
        try check(git_repository_odb(&odb, handle), "git_repository_odb")
        defer { git_odb_free(odb) }
        try check(git_odb_refresh(odb), "git_odb_refresh")
    }
}

/// A repository's git folder and the quarantine folder a handle reads besides it (`Repository.location`).
public struct RepositoryLocation: Sendable {
    let gitDirectory: String
    let quarantine: String?

    /// A new handle reading the objects the handle this location came from reads.
    public func open() throws(GitError) -> Repository {
        let repository = try Repository.open(at: gitDirectory)
        if let quarantine { try repository.readQuarantine(quarantine) }
        return repository
    }
}
