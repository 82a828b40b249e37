/// What `quill commit` wrote.
public struct CommitReport: Codable, Sendable, Equatable {
    /// The new commit's id.
    public let commit: String
    /// The branch it was committed on (`main`), or `nil` on a detached HEAD.
    public let branch: String?
    public let subject: String
    /// The paths the commit changed, with how (`added`, `modified`, `deleted`).
    public let changes: [PathChange]

    /// One path a commit changed.
    public struct PathChange: Codable, Sendable, Equatable {
        public let path: String
        public let change: String
    }
}
