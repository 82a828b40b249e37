import Foundation
import GitKit
import Synchronization

/// The bytes of `quill.yaml` in the commit a prompt version was loaded from, read the first time they
/// are needed (``LoadedPrompt/parsed()``) and then kept: `quill get` printing a file's bytes never
/// reads them.
///
/// Reads through a repository of its own, opened on the git folder when needed, so that a loaded prompt
/// stays `Sendable` and is read on any thread while its library goes on loading on another.
final class CommitConfiguration: Sendable {
    /// The git folder of the repository the version was loaded from.
    let gitDirectory: String
    /// The commit whose `quill.yaml` applies.
    let commit: String
    /// `nil` until read; then the bytes, or `.some(nil)` when the commit has none.
    private let bytes = Mutex<Data??>(nil)

    init(gitDirectory: String, commit: String) {
        self.gitDirectory = gitDirectory
        self.commit = commit
    }

    /// The bytes of the commit's `quill.yaml`, or `nil` when it has none or the commit is not in the
    /// repository (a label's commit in a shallow clone): the prompt is then read by its extension alone.
    /// Throws ``QuillError`` (repository) when the repository can no longer be opened, and
    /// ``InputFileError`` when the file is over `FileSizeBound.config`.
    func data() throws -> Data? {
        try bytes.withLock { cached throws -> Data? in
            if let cached { return cached }
            let read = try read()
            cached = .some(read)
            return read
        }
    }

    private func read() throws -> Data? {
        let repository: Repository
        do {
            repository = try Repository.open(at: gitDirectory)
        } catch {
            throw QuillError(.repository, "cannot read \(QuillConfig.fileName) of commit \(commit.prefix(12)): \(error)")
        }
        guard let id = ObjectID(hex: commit), repository.containsObject(id) else { return nil }
        return try QuillConfig.committedText(at: id, revision: String(commit.prefix(12)), in: repository)
    }
}
