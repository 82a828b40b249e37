import Foundation
import GitKit

/// A blob a command needed that the repository lacks (left out by a partial clone, or lost): named
/// with the file and commit it was needed for, and the git command that brings it (exit 3).
enum MissingObject {
    /// The bytes of `blob`, the file `path` at `commit`; a missing blob is `error(…)`. With a `bound`,
    /// a larger blob is refused from its size in the object's header, before it is inflated.
    static func data(of blob: ObjectID, path: String, commit: ObjectID?, in repository: Repository, bound: FileSizeBound? = nil) throws -> Data {
        do {
            if let bound { try bound.check(try repository.blobSize(blob), file: path) }
            return try repository.blobData(blob)
        } catch let error as GitError where error.code == .notFound {
            throw self.error(blob, path: path, commit: commit, in: repository)
        }
    }

    /// Rethrows a failure of `read` (which may have run on another thread) as `error(…)` when
    /// `blob` is indeed missing; other failures as they are.
    static func naming<T>(_ blob: ObjectID, path: String, commit: ObjectID?, in repository: Repository, _ read: () throws -> T) throws -> T {
        do {
            return try read()
        } catch let error as GitError where error.code == .notFound && !repository.containsObject(blob) {
            throw self.error(blob, path: path, commit: commit, in: repository)
        }
    }

    /// One line: what could not be read, why, and what to run.
    static func error(_ blob: ObjectID, path: String, commit: ObjectID?, in repository: Repository) -> QuillError {
        let place = "'\(path)'" + (commit.map { " at \($0.abbreviated())" } ?? "") + " (blob \(blob.abbreviated()))"
        let folder = String((repository.workTreePath ?? repository.gitDirectoryPath).dropLast())
        guard let promisor = try? repository.promisorRemote() else {
            return QuillError(.repository, "cannot read \(place): the object is missing from the repository; 'git -C \(folder) fsck' lists what else is missing, and 'git fetch' from a complete clone brings it back")
        }
        let filter = promisor.filter.map { "filter '\($0)' from '\(promisor.name)'" } ?? "from '\(promisor.name)'"
        return QuillError(.repository, "cannot read \(place): this partial clone (\(filter)) left it out, and quill cannot fetch promised objects; run 'git -C \(folder) cat-file -e \(blob.hex)' to fetch it, or 'git -C \(folder) log -p -- \(path) > /dev/null' for every version of the file")
    }
}

extension Workspace {
    /// Warns, once, when rename detection met files it could not read: it took them as not similar,
    /// so a rename or copy through them may be missing from the answer. `also`: such files a search
    /// on another thread, with a repository of its own, met.
    func warnIfRenamesIncomplete(also other: Set<ObjectID> = []) {
        let unreadable = repository.unreadableRenameCandidates.union(other).count
        guard unreadable > 0 else { return }
        warn("rename detection could not read \(unreadable) file\(unreadable == 1 ? "" : "s") missing from the repository and took them as not similar; the answer may be incomplete")
    }
}
