/// A run of words inside a changed line: kept, removed (old side only) or added (new side only).
public struct WordSpan: Codable, Sendable, Equatable {
    /// What happened to the words.
    public enum Kind: String, Codable, Sendable {
        case equal, removed, added
    }

    public let kind: Kind
    /// The words with the white space between them, exactly as written.
    public let text: String
}
