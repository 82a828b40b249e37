import Foundation
import GitKit

/// The labels on `refs/quill/labels` (docs/storage.md): a file `<label>/<prompt path>` per label and
/// prompt holding a ``LabelTarget``, and one commit per move, authored by who moved it and naming the
/// label, the prompt and both versions (``LabelMoveMessage``), so `git log refs/quill/labels` is the
/// audit trail. Writes are compare-and-swap on the ref, like the eval store's.
struct LabelStore {
    static let reference = "refs/quill/labels"
    /// The deepest prompt path a label file may have, in folders.
    static let maximumDepth = 64

    let repository: Repository

    /// One label on one prompt, as the store's tip holds it.
    struct Stored {
        let label: String
        let prompt: String
        let target: LabelTarget
    }

    /// One move read from the history: its commit and what it moved.
    struct Move {
        let commit: Commit
        let message: LabelMoveMessage
    }

    /// A repository problem in the store, naming the ref.
    static func corrupt(_ message: String) -> QuillError {
        QuillError(.repository, "'\(reference)': \(message); the labels were written by something other than quill or are damaged")
    }

    /// The path of the value of `label` on `prompt`.
    static func path(label: String, prompt: String) -> String {
        label + "/" + prompt
    }

    /// The tree of the store's tip, or `nil` when no label was ever set.
    func tipTree() throws -> ObjectID? {
        try repository.referenceTarget(LabelStore.reference).map(repository.treeID(ofCommit:))
    }

    /// The value stored for `label` on `prompt` (a removal included), or `nil` when it was never set.
    func target(label: String, prompt: String, in tree: ObjectID) throws -> LabelTarget? {
        let path = LabelStore.path(label: label, prompt: prompt)
        guard let entry = try repository.treeEntry(atPath: path, inTree: tree), !entry.isTree else { return nil }
        return try LabelTarget(stored: repository.blobData(entry.id), path: path)
    }

    /// Every label on every prompt that is set (removals left out), by label then prompt path.
    /// Complexity: reads every file of the tree.
    func labels(in tree: ObjectID) throws -> [Stored] {
        var labels = [Stored]()
        for folder in try repository.treeEntries(tree) {
            guard folder.isTree, LabelName.isValid(folder.name) else {
                throw LabelStore.corrupt("'\(folder.name)' at the top of the tree is not a label folder")
            }
            for file in try repository.treeFiles(folder.id) {
                let path = LabelStore.path(label: folder.name, prompt: file.path)
                let target = try LabelTarget(stored: repository.blobData(file.entry.id), path: path)
                if target.version != nil { labels.append(Stored(label: folder.name, prompt: file.path, target: target)) }
            }
        }
        return labels
    }

    /// Moves `label` on `prompt` to `version` (`nil` removes it) in one commit by `signature`, and
    /// returns the commit and the version it moved from; `nil` when the label already points there.
    ///
    /// `from` is read on the tip the commit is built on, so on a lost race it is read again on the new
    /// tip: every move's `Quill-From` is the value its parent holds, and no move is ever lost.
    func move(label: String, prompt: String, to version: LabelVersion?, note: String?, signature: Signature) throws -> (commit: ObjectID, from: LabelVersion?)? {
        let path = LabelStore.path(label: label, prompt: prompt)
        let value = try repository.writeBlob(LabelTarget(version: version, signature: signature).canonicalData())
        var from: LabelVersion?
        let commit = try CompareAndSwap(repository: repository, reference: LabelStore.reference).append { tip in
            let tree = try tip.map(repository.treeID(ofCommit:))
            from = try tree.flatMap { try target(label: label, prompt: prompt, in: $0) }?.version
            if from == version {
                guard version != nil else {
                    throw QuillError.badInput("label '\(label)' is not set on '\(prompt)'; see 'quill label list'")
                }
                return nil
            }
            let message = LabelMoveMessage(label: label, prompt: prompt, from: from, to: version, note: note)
            return try repository.createCommit(
                tree: try repository.updateTree(tree, applying: [.upsert(path: path, id: value)]), parents: tip.map { [$0] } ?? [],
                message: message.text, author: signature, committer: signature)
        }
        return commit.map { ($0, from) }
    }

    /// Every move of `label` (on `prompt` only, when given), newest committer date first, from both
    /// sides of every merge. Complexity: reads every commit of the store's history once.
    func moves(label: String, prompt: String?) throws -> [Move] {
        guard let tip = try repository.referenceTarget(LabelStore.reference) else { return [] }
        let walk = try RevisionWalk(repository, order: [.topological, .time])
        try walk.include(tip)
        var moves = [Move]()
        while let id = try walk.next() {
            let commit = try repository.commit(id)
            guard commit.parentIDs.count <= 1, let message = LabelMoveMessage(parsing: commit.message) else { continue }
            guard message.label == label, prompt == nil || message.prompt == prompt else { continue }
            moves.append(Move(commit: commit, message: message))
        }
        return moves
    }

    /// Checks that `tree` has the store's layout: label folders with valid names, holding files whose
    /// paths are safe prompt paths and whose contents are label values. For `quill sync`, before a
    /// fetched tree is merged. Complexity: reads every object of the tree.
    func validateLayout(of tree: ObjectID) throws {
        for folder in try repository.treeEntries(tree) {
            guard folder.isTree, LabelName.isValid(folder.name) else {
                throw LabelStore.corrupt("'\(folder.name)' at the top of the tree is not a label folder with a valid label name")
            }
            try validateFolder(folder.id, path: folder.name, depth: 0)
        }
    }

    private func validateFolder(_ tree: ObjectID, path: String, depth: Int) throws {
        guard depth < LabelStore.maximumDepth else {
            throw LabelStore.corrupt("'\(path)' is nested deeper than \(LabelStore.maximumDepth) folders")
        }
        for entry in try repository.treeEntries(tree) {
            let child = path + "/" + entry.name
            guard entry.name != ".", entry.name != "..", entry.name.lowercased() != ".git", !entry.name.isEmpty else {
                throw LabelStore.corrupt("'\(child)' is not a safe prompt path")
            }
            switch entry.mode {
            case .tree: try validateFolder(entry.id, path: child, depth: depth + 1)
            case .blob: _ = try LabelTarget(stored: repository.blobData(entry.id), path: child)
            default: throw LabelStore.corrupt("'\(child)' is not a regular file")
            }
        }
    }

    /// Settles a label file both sides of a merge hold with different values: the later move wins
    /// (``LabelTarget/newer(_:_:)``), the same on every machine.
    func resolveMerge(path: String, ours: ObjectID, theirs: ObjectID) throws -> ObjectID {
        let values = try [ours, theirs].map { (id: $0, value: try LabelTarget(stored: repository.blobData($0), path: path)) }
        return LabelTarget.newer(values[0], values[1])
    }
}
