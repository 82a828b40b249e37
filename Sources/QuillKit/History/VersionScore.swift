/// The scores of one prompt version in one suite and model: means over its records, with the change
/// from the previous evaluated version in the same suite and model.
public struct VersionScore: Codable, Sendable, Equatable {
    public let suite: String
    public let model: String?
    /// Records (runs) behind the means.
    public let records: Int
    public let metrics: [String: MetricValue]
    /// The vector-store manifest ids the records name, sorted (absent when none does).
    public var manifests: [String]? = nil

    /// One metric of a version.
    public struct MetricValue: Codable, Sendable, Equatable {
        /// The mean over the version's records.
        public let mean: Double
        /// How many records had this metric.
        public let count: Int
        /// Sample standard deviation over the records, when there are two or more.
        public let standardDeviation: Double?
        /// `mean` minus the previous evaluated version's mean (same suite and model), if there is one.
        /// Aggregates only: no claim of significance is made here.
        public let delta: Double?
    }
}
