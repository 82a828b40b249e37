import Foundation
import GitKit

/// Writes a commit's tree into a plain folder, as `git archive | tar -x` would: files with their
/// executable bit, symbolic links as links, submodules as empty folders. No index, no HEAD, no `.git`:
/// the repository's work tree and index are never read or written.
///
/// The tree is untrusted. An entry name git refuses (`..`, `.git`, a `/`, …: `TreeEntryName`) or a name
/// given twice in one tree stops the export before anything is written through it, and nothing is ever
/// written through a symbolic link: every folder is created new (never an existing one, so never one a link
/// stands for) and every file with `O_EXCL`, which does not follow a link in its place.
struct TreeExport {
    let repository: Repository

    /// Writes every file of `commit`'s tree below `folder`, which must not exist yet.
    ///
    /// Complexity: one tree read per folder, one blob read per file.
    func write(commit: ObjectID, to folder: String) throws {
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var pending: [(path: String, tree: ObjectID)] = [("", try repository.treeID(ofCommit: commit))]
            while let (prefix, tree) = pending.popLast() {
                var names = Set<String>()
                for entry in try repository.treeEntries(tree) {
                    let path = prefix + entry.name
                    if let refusal = TreeEntryName.refusal(entry.name.utf8) ?? (names.insert(entry.name).inserted ? nil : "a name given twice") {
                        throw QuillError.badInput(
                            "commit '\(commit.hex)' has the tree entry '\(path)', which git refuses (\(refusal)); bisect does not export it")
                    }
                    let target = folder + "/" + path
                    switch entry.mode {
                    case .tree:
                        try files.createDirectory(atPath: target, withIntermediateDirectories: false)
                        pending.append((path + "/", entry.id))
                    case .symlink:
                        try files.createSymbolicLink(atPath: target, withDestinationPath: String(decoding: repository.blobData(entry.id), as: UTF8.self))
                    case .commit:
                        try files.createDirectory(atPath: target, withIntermediateDirectories: false)
                    case .blob, .executable:
                        try repository.blobData(entry.id).write(to: URL(fileURLWithPath: target), options: .withoutOverwriting)
                        if entry.mode == .executable { try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: target) }
                    }
                }
            }
        } catch let error as GitError {
            throw error
        } catch let error as QuillError {
            throw error
        } catch {
            throw QuillError(.repository, "cannot write the candidate's files to '\(folder)': \(error.localizedDescription)")
        }
    }
}
