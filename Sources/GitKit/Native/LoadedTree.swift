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
