/// A commit on the first-parent path from good to bad that changed the prompt.
public struct BisectCandidate: Codable, Sendable, Equatable {
    /// The full commit id.
    public let commit: String
    public let subject: String
    /// The prompt's path in this commit.
    public let path: String
    /// The path in the commit's first parent, when this commit renamed or copied the prompt.
    public let previousPath: String?
    /// Whether the prompt exists in this commit (a commit that deleted it cannot be evaluated).
    public let hasPrompt: Bool
}
