/// Every score of a prompt at A and at B: compared within a suite and model, the rest apart.
public struct ScoreComparison: Codable, Sendable, Equatable {
    public let groups: [ScoreGroup]
    public let unpaired: [UnpairedScores]
    /// The change of the vector-store data between the records of A and those of B, when any names a manifest.
    public var data: ManifestChange? = nil

    /// Whether neither side has any record.
    public var isEmpty: Bool { groups.isEmpty && unpaired.isEmpty }
}
