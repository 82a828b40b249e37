/// One message of a prompt compared across two versions.
public struct MessageChange: Codable, Sendable, Equatable {
    /// What happened to the message.
    public enum Kind: String, Codable, Sendable {
        case unchanged, changed, added, removed
    }

    public let kind: Kind
    public let role: String
    /// 0-based position among the old version's messages, when it is there.
    public let oldIndex: Int?
    /// 0-based position among the new version's messages, when it is there.
    public let newIndex: Int?
    /// Whether the message changed its place relative to the other messages both versions have.
    public let moved: Bool
    /// For `changed`: the line diff of the message text, with word-level diffs inside changed lines.
    public let diff: TextDiff?
    /// For `added` and `removed`: the message text.
    public let text: String?
}
