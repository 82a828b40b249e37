import Foundation

/// A folder of one process's own below `objects/`, `tmp_objdir-quill-<pid>-<uuid>/`, where new pack files
/// are written (or received, for a fetch in quarantine) before they are renamed into `objects/pack/`.
///
/// git looks for objects only in `objects/pack/` and the two-hex-digit folders, so nothing in here is
/// read, counted or reported (`git count-objects -v` finds no garbage, `git fsck` and `git gc` do not
/// look), whatever state a killed process leaves it in. Folders whose process is gone are removed by
/// the next one made in the same repository.
struct TemporaryObjectFolder {
    /// The folder's path, without a trailing slash.
    let path: String

    private static let prefix = "tmp_objdir-quill-"

    /// Makes a new folder below `objects` (the repository's `objects` folder), after removing the
    /// folders left by processes that no longer run.
    init(objects: String) throws(GitError) {
        TemporaryObjectFolder.removeStale(in: objects)
        path = objects + "/" + TemporaryObjectFolder.prefix + "\(getpid())-\(UUID().uuidString)"
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw GitError(code: .generic, message: "cannot create '\(path)': \(error.localizedDescription)", function: "TemporaryObjectFolder")
        }
    }

    /// Removes the folder and what is left in it.
    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Renames `file` (a path in this folder) to `destination`, unless a file is there already (the same
    /// pack, named by its checksum).
    func move(_ file: String, to destination: String) throws(GitError) {
        guard !FileManager.default.fileExists(atPath: destination) else { return }
        guard rename(file, destination) == 0 else {
            throw GitError(code: .generic, message: "cannot rename '\(file)' to '\(destination)': \(String(cString: strerror(errno)))", function: "TemporaryObjectFolder")
        }
    }

    /// Removes the folders below `objects` whose process is gone (`kill(pid, 0)` fails with `ESRCH`).
    private static func removeStale(in objects: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: objects)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: objects + "/" + name)
        }
    }
}
