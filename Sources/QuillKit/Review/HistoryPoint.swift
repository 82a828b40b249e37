/// One evaluated version along a changed prompt's history, for the report's charts.
public struct HistoryPoint: Codable, Sendable, Equatable {
    /// The commit that made the version.
    public let commit: String
    /// The commit's author date (strict ISO 8601).
    public let date: String
    public let subject: String
    /// Whether the commit is one of the pull request's (reachable from the head, not from the merge base).
    public let inPullRequest: Bool
    public let suite: String
    public let model: String?
    /// Each metric's mean over the version's records.
    public let metrics: [String: Double]
}
