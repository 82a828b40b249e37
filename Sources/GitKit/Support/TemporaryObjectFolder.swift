import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A folder of one process's own below `objects/`, `tmp_objdir-quill-<pid>-<uuid>/`, where new pack files
/// are written (or received, for a fetch in quarantine) before they are renamed into `objects/pack/`.
///
/// git looks for objects only in `objects/pack/` and the two-hex-digit folders, so nothing in here is
/// read, counted or reported (`git count-objects -v` finds no garbage, `git fsck` and `git gc` do not
/// look), whatever state a killed process leaves it in.
///
/// The folder's owner holds an exclusive `flock` on its `owner.lock` file while the folder is in use;
/// the kernel drops it when the process ends, however it ends. The next folder made in the repository
/// removes every folder whose lock it can take, so a folder is removed exactly when its owner is gone:
/// unlike a pid, a lock cannot be taken for a reused pid or from another pid namespace sharing the
/// repository. The lock file is locked under another name and then renamed, so no process sees it
/// unlocked while its owner lives. A folder without a lock file (its owner was killed before making
/// it, or an older Quill made it) is removed once it is an hour old.
///
/// A writer killed between renaming a pack into `objects/pack/` and renaming its index leaves a pack
/// git cannot read (`git count-objects -v` warns "no corresponding .idx"); nothing can refer to its
/// objects, since no ref moved. The next folder made removes such packs once they are an hour old, so
/// a writer between its two renames is never disturbed.
struct TemporaryObjectFolder {
    /// The folder's path, without a trailing slash.
    let path: String
    /// The open lock file whose `flock` marks the folder as in use.
    private let lock: Int32

    private static let prefix = "tmp_objdir-quill-"
    private static let lockName = "owner.lock"
    /// How old a folder without a lock file must be before it is taken as abandoned.
    static let unlockedAge: TimeInterval = 3600

    /// Makes a new folder below `objects` (the repository's `objects` folder) and locks it, after
    /// removing the folders whose owners are gone and the packs they left without an index.
    init(objects: String) throws(GitError) {
        TemporaryObjectFolder.removeAbandoned(in: objects)
        TemporaryObjectFolder.removeIndexlessPacks(in: objects + "/pack")
        path = objects + "/" + TemporaryObjectFolder.prefix + "\(getpid())-\(UUID().uuidString)"
        guard mkdir(path, 0o755) == 0 else {
            throw TemporaryObjectFolder.failure("cannot create '\(path)'")
        }
        // Locked under another name, then renamed: a lock file is never seen unlocked while its owner lives.
        let unnamed = path + "/" + TemporaryObjectFolder.lockName + ".new"
        lock = open(unnamed, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard lock >= 0, flock(lock, LOCK_EX | LOCK_NB) == 0, rename(unnamed, path + "/" + TemporaryObjectFolder.lockName) == 0 else {
            let error = TemporaryObjectFolder.failure("cannot lock '\(path)/\(TemporaryObjectFolder.lockName)'")
            if lock >= 0 { close(lock) }
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// Removes the folder and what is left in it, then releases its lock.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
        close(lock)
    }

    /// Renames `file` (a path in this folder) to `destination`, replacing a file of that name (the same
    /// pack, named by its checksum): the new modification time keeps an old index-less copy that is
    /// being completed from `removeIndexlessPacks`.
    func move(_ file: String, to destination: String) throws(GitError) {
        guard rename(file, destination) == 0 else {
            throw TemporaryObjectFolder.failure("cannot rename '\(file)' to '\(destination)'")
        }
    }

    /// Removes the folders below `objects` whose owner is gone: their lock can be taken, or they have
    /// no lock file and are older than `unlockedAge`.
    private static func removeAbandoned(in objects: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: objects)) ?? [] where name.hasPrefix(prefix) {
            let folder = objects + "/" + name
            let descriptor = open(folder + "/" + lockName, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
            if descriptor < 0 {
                guard errno == ENOENT, isOlder(folder, than: unlockedAge) else { continue }
                try? FileManager.default.removeItem(atPath: folder)
                continue
            }
            defer { close(descriptor) }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    /// Removes the `pack-*.pack` files in `packs` that have no `.idx` beside them and are older than
    /// `unlockedAge`.
    private static func removeIndexlessPacks(in packs: String) {
        let names = Set((try? FileManager.default.contentsOfDirectory(atPath: packs)) ?? [])
        for name in names where name.hasPrefix("pack-") && name.hasSuffix(".pack") {
            let path = packs + "/" + name
            guard !names.contains(String(name.dropLast(".pack".count)) + ".idx"), isOlder(path, than: unlockedAge) else { continue }
            unlink(path)
        }
    }

    /// Whether the entry at `path` was last changed more than `age` seconds ago.
    private static func isOlder(_ path: String, than age: TimeInterval) -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0 else { return false }
        return Date().timeIntervalSince1970 - TimeInterval(status.st_mtim.tv_sec) > age
    }

    private static func failure(_ what: String) -> GitError {
        GitError(code: .generic, message: "\(what): \(String(cString: strerror(errno)))", function: "TemporaryObjectFolder")
    }
}
