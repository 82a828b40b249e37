/// Which side of a changed prompt has no records, and the command that would record them.
public struct MissingScores: Codable, Sendable, Equatable {
    /// Where records are missing.
    public enum Side: String, Codable, Sendable {
        case base, head, both
    }

    public let side: Side
    /// What to run, such as `quill eval record RESULTS --prompt prompts/a.prompt --commit 1a2b3c4`.
    public let remedy: String
}
