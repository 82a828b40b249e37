/// What one step of a bisect session learned about one candidate.
public struct BisectStep: Codable, Sendable, Equatable {
    /// How a step was decided.
    public enum Verdict: String, Codable, Sendable {
        /// The metric is at least as good as the threshold.
        case good
        /// The metric is worse than the threshold.
        case bad
        /// The candidate could not be evaluated (exit status 125, `quill bisect skip`, no prompt in the commit).
        case skipped
    }

    /// Where the value came from.
    public enum Source: String, Codable, Sendable {
        /// Records already in the eval store; the command was not run.
        case record
        /// A run of the command, recorded in the eval store.
        case run
        /// `quill bisect skip`.
        case skip
        /// The commit has no prompt at the followed path.
        case absent
    }

    /// The full commit id.
    public let commit: String
    public let verdict: Verdict
    public let source: Source
    /// The metric's value, when the candidate was evaluated.
    public let value: Double?
    /// The command's exit status, when it ran.
    public let exitStatus: Int32?
}
