import Foundation
import GitKit

/// Writes a commit's tree into a plain folder, as `git archive | tar -x` would: files with their
/// executable bit, symbolic links as links, submodules as empty folders. No index, no HEAD, no `.git`:
/// the repository's work tree and index are never read or written.
struct TreeExport {
    let repository: Repository

    /// Writes every file of `tree` below `folder`, which must not exist yet.
    ///
    /// Complexity: one blob read per file.
    func write(_ tree: ObjectID, to folder: String) throws {
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (path, entry) in try repository.treeFiles(tree) {
                let target = folder + "/" + path
                try files.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                switch entry.mode {
                case .symlink:
                    try files.createSymbolicLink(atPath: target, withDestinationPath: String(decoding: repository.blobData(entry.id), as: UTF8.self))
                case .commit:
                    try files.createDirectory(atPath: target, withIntermediateDirectories: true)
                case .blob, .executable, .tree:
                    try repository.blobData(entry.id).write(to: URL(fileURLWithPath: target))
                    if entry.mode == .executable { try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: target) }
                }
            }
        } catch let error as GitError {
            throw error
        } catch {
            throw QuillError(.repository, "cannot write the candidate's files to '\(folder)': \(error.localizedDescription)")
        }
    }
}
