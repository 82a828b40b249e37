/// One file that differs between two trees (or a tree, the index and the work tree).
public struct TreeChange: Hashable, Sendable {
    /// What happened to the file.
    public enum Kind: String, Hashable, Sendable, Codable {
        case added, deleted, modified, renamed, copied, typeChanged, untracked, conflicted
    }

    public let kind: Kind
    /// The path before (equal to `newPath` unless renamed or copied).
    public let oldPath: String
    public let newPath: String
    /// The blob before, or `nil` when added.
    public let oldID: ObjectID?
    /// The blob after, or `nil` when deleted (or not yet hashed, for work-tree files).
    public let newID: ObjectID?
    /// For renames and copies, git's similarity index from 0 to 100 (`SimilarityScore.percent`).
    public let similarity: Int
}
