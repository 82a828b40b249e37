import Foundation

/// Where a bisect session lives between invocations: `quill/bisect.json` in the git directory (per
/// worktree, like git's own `BISECT_*` files), written atomically (a temporary file renamed over it).
struct BisectStateFile {
    /// The file's path.
    let path: String

    init(gitDirectory: String) {
        path = (gitDirectory.hasSuffix("/") ? gitDirectory : gitDirectory + "/") + "quill/bisect.json"
    }

    /// Takes the session's lock, `bisect.lock` beside the file, for the length of one command.
    func lock() throws -> BisectLock {
        try BisectLock(path: (path as NSString).deletingLastPathComponent + "/bisect.lock")
    }

    /// The stored session, or `nil` when none is in progress.
    func load() throws -> BisectSession? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(BisectSession.self, from: data)
        } catch {
            throw QuillError(.repository, "cannot read the bisect session '\(path)': \(error.localizedDescription); run 'quill bisect reset' to end it")
        }
    }

    /// Replaces the stored session with `session`.
    func save(_ session: BisectSession) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try encoder.encode(session).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw QuillError(.repository, "cannot write the bisect session '\(path)': \(error.localizedDescription)")
        }
    }

    /// Removes the stored session; `false` when there was none.
    func remove() throws -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw QuillError(.repository, "cannot remove the bisect session '\(path)': \(error.localizedDescription)")
        }
        return true
    }
}
