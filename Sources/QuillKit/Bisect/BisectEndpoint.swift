/// The known good or known bad commit of a bisect session, with its metric value.
public struct BisectEndpoint: Codable, Sendable, Equatable {
    /// The full commit id.
    public let commit: String
    public let subject: String
    /// The prompt's path in this commit.
    public let path: String
    /// The mean of the metric over the commit's records (or the run's result).
    public let value: Double
}
