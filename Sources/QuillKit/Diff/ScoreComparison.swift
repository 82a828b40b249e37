/// Every score of a prompt at A and at B: compared within a suite and model, the rest apart.
public struct ScoreComparison: Codable, Sendable, Equatable {
    public let groups: [ScoreGroup]
    public let unpaired: [UnpairedScores]

    /// Whether neither side has any record.
    public var isEmpty: Bool { groups.isEmpty && unpaired.isEmpty }
}
