/// The labels that are set (`quill label list`), by label then prompt.
public struct LabelList: Codable, Sendable, Equatable {
    public let labels: [LabelEntry]
}

/// One label on one prompt: the version it points at, who put it there and when, and whether that
/// version can still be served.
public struct LabelEntry: Codable, Sendable, Equatable {
    /// What is wrong with a label's target, reported rather than resolved to something else.
    public enum Problem: String, Codable, Sendable {
        /// The prompt path no longer exists at HEAD (deleted or renamed since); the labelled version
        /// is still served by `quill get`.
        case promptGoneAtHead = "prompt-gone-at-head"
        /// The labelled blob is not in this repository (a shallow clone, or history rewritten and
        /// collected): `quill get` fails for it.
        case versionMissing = "version-missing"
    }

    public let label: String
    public let prompt: String
    public let version: LabelVersion
    public let movedBy: String
    /// When it was moved there, as strict ISO 8601 in UTC.
    public let movedAt: String
    public let problem: Problem?
}
