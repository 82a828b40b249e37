/// A case whose verdict differs between A and B, with what the model answered on each side.
public struct CaseFlip: Codable, Sendable, Equatable {
    /// Which way the verdict went.
    public enum Direction: String, Codable, Sendable {
        case passToFail, failToPass
    }

    public let id: String
    public let direction: Direction
    /// The output at A, when recorded.
    public let fromOutput: String?
    /// The output at B, when recorded.
    public let toOutput: String?
}
