/// A commit some line is blamed on: the prompt version it made, with the score change it brought.
public struct BlamedCommit: Codable, Sendable, Equatable {
    /// The commit, its author and date, the prompt's path and blob there, and the version's scores by
    /// suite and model, each metric with its change from the previous evaluated version of the prompt
    /// (no scores when this version was never evaluated).
    public let version: PromptVersion
    /// Whether the commit has no parent, or is where a shallow clone's history ends (git's
    /// `boundary` in porcelain output, `^` before the id in its default output).
    public let isBoundary: Bool
    /// How many lines of the blamed version come from this commit.
    public let lines: Int
}
