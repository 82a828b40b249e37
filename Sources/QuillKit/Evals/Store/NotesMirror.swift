import Foundation
import GitKit

/// Mirrors a one-line score summary per evaluated commit into `refs/notes/quill`, so
/// `git log --notes=quill` shows scores. The notes ref moves by compare-and-swap like the store.
///
/// Notes are written with git's two-digit fan-out (`ab/cdef…`); a flat note for the same commit,
/// as `git notes add` writes for small trees, is replaced.
struct NotesMirror {
    static let reference = "refs/notes/quill"

    let repository: Repository

    /// Rewrites the notes of `commits` from the evaluation store's current records, in one notes commit.
    ///
    /// Each attempt reads the notes tip first and the store's tip after it, so the write that wins the
    /// notes ref saw every record stored before any earlier notes write: concurrent recorders never
    /// leave a note that misses a record one of them stored.
    ///
    /// `known` holds the score lines of records the caller has in memory, which then need not be read back.
    func refresh(_ commits: Set<ObjectID>, from store: EvalStore, known: [ObjectID: ScoreLine] = [:], signature: Signature) throws {
        guard !commits.isEmpty else { return }
        try write(signature: signature) {
            guard let tree = try store.tipTree() else { return [:] }
            return try store.scoreNotes(for: commits, in: tree, known: known)
        }
    }

    /// Moves the notes ref to a commit that sets the notes `summaries()` returns, computed afresh on
    /// every attempt (after the notes tip was read).
    private func write(signature: Signature, _ summaries: () throws -> [ObjectID: String]) throws {
        _ = try CompareAndSwap(repository: repository, reference: NotesMirror.reference).append { tip in
            let baseTree = try tip.map(repository.treeID(ofCommit:))
            var updates = [TreeUpdate]()
            for (commit, summary) in try summaries().sorted(by: { $0.key < $1.key }) {
                let blob = try repository.writeBlob(Data((summary + "\n").utf8))
                let path = StorePath.shard(commit)
                if let baseTree, try repository.treeEntry(atPath: path, inTree: baseTree)?.id == blob { continue }
                if let baseTree, try repository.treeEntry(atPath: commit.hex, inTree: baseTree) != nil {
                    updates.append(.remove(path: commit.hex))
                }
                updates.append(.upsert(path: path, id: blob))
            }
            guard !updates.isEmpty else { return nil }
            let tree = try repository.updateTree(baseTree, applying: updates)
            return try repository.createCommit(
                tree: tree, parents: tip.map { [$0] } ?? [], message: "Notes added by 'quill eval record'\n",
                author: signature, committer: signature)
        }
    }
}
