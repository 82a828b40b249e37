/// One candidate looked at by `quill bisect`: its value of the metric and which side it fell on.
public struct BisectStep: Codable, Sendable, Equatable {
    public enum Verdict: String, Codable, Sendable {
        case good, bad, skipped
    }

    public let commit: String
    /// The metric's mean over the commit's records; `nil` when the run was skipped.
    public let value: Double?
    public let verdict: Verdict
    /// Whether the command ran for this step (`false` when records were already stored).
    public let ranCommand: Bool
}
