/// A prompt's lines at one revision, each with the commit that last changed it and that commit's score change.
public struct BlameReport: Codable, Sendable, Equatable {
    /// The prompt's repository-relative path at the blamed revision.
    public let prompt: String
    /// The full id of the blamed commit.
    public let commit: String
    public let lines: [BlameLine]
    /// The commits lines are blamed on, newest author date first.
    public let commits: [BlamedCommit]
    /// The metrics to show: those of `quill.yaml` that were recorded, else every recorded one.
    public let metrics: [String]
}
