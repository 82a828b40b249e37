/// The outcome of `quill bisect`: the first bad candidate, and each step that led to it.
public struct BisectReport: Codable, Sendable, Equatable {
    public let prompt: String
    public let metric: String
    public let good: String
    public let bad: String
    /// The metric at the good and bad endpoints (means of their records).
    public let goodValue: Double
    public let badValue: Double
    /// The commits between the endpoints that changed the prompt or its model settings, oldest first.
    public let candidates: [String]
    public let steps: [BisectStep]
    /// The first candidate on the bad side; `nil` when every candidate evaluated good (the cause is
    /// not a prompt change) or when skipped runs left it open.
    public let culprit: String?
}
