/// A tree object's raw bytes held in memory (`Repository.loadTree`), so that many names can be
/// looked up in it without reading the tree again or parsing every entry into a `TreeEntry`.
public struct LoadedTree: Sendable {
    /// The tree's id.
    public let id: ObjectID
    let bytes: [UInt8]

    /// The id and mode of the entry named `name` (no slashes), or `nil` when there is none.
    public func entry(named name: String) throws(GitError) -> (id: ObjectID, mode: TreeEntry.Mode)? {
        let result = bytes.withUnsafeBytes { RawTree(bytes: $0).entry(named: name) }
        return try result.mapError { LoadedTree.malformed(id, at: $0, function: "LoadedTree.entry(named:)") }.get()
    }

    /// The error for a tree whose bytes stop making sense at `error.offset`.
    static func malformed(_ id: ObjectID, at error: RawTree.MalformedTree, function: String) -> GitError {
        GitError(code: .invalid, message: "tree \(id.hex) is malformed at byte \(error.offset)", function: function)
    }
}

extension LoadedTree {
    /// An entry name whose id or mode differs between two trees, or that only one of them has.
    public struct Change: Sendable {
        public let name: String
        /// The entry in the older tree, `nil` when it has none.
        public let before: TreeEntry?
        /// The entry in the newer tree, `nil` when it has none.
        public let after: TreeEntry?
    }

    /// The entries (not recursing into folders) that differ from `old` (`nil`: the empty tree) to
    /// `new`, as `git diff-tree` lists them; one pass over both trees, identical entries skipped.
    public static func changes(from old: LoadedTree?, to new: LoadedTree?) throws(GitError) -> [Change] {
        let oldBytes = old?.bytes ?? []
        let newBytes = new?.bytes ?? []
        let result = oldBytes.withUnsafeBytes { oldRaw in
            newBytes.withUnsafeBytes { newRaw in RawTree.differences(from: RawTree(bytes: oldRaw), to: RawTree(bytes: newRaw)) }
        }
        switch result {
        case .success(let differences):
            return differences.map { Change(name: $0.name, before: $0.before, after: $0.after) }
        case .failure(let error):
            // Name the tree whose bytes fail on their own: the old one when it does.
            let oldIsBroken = old.map { tree in tree.bytes.withUnsafeBytes { bytes in
                if case .failure = RawTree(bytes: bytes).scanEntries({ _, _, _ in true }) { true } else { false }
            } } ?? false
            throw malformed((oldIsBroken ? old?.id : new?.id) ?? .zero, at: error, function: "LoadedTree.changes")
        }
    }
}
