/// One move of a label, as `label set`, `label rm` and `label log` report it: who moved which label on
/// which prompt, when, from which version to which, why, and the scores of both versions.
public struct LabelMoveReport: Codable, Sendable, Equatable {
    /// The commit on `refs/quill/labels` that made the move.
    public let id: String
    public let label: String
    public let prompt: String
    /// The version the label left (`nil`: it was not set on the prompt before).
    public let from: LabelVersion?
    /// The version the label moved to (`nil`: the move removed it).
    public let to: LabelVersion?
    /// `Name <email>` of who moved it (the commit's author).
    public let movedBy: String
    /// When, as strict ISO 8601 (the commit's author date).
    public let movedAt: String
    /// The message given with the move, if any.
    public let message: String?
    /// The scores of `from`, one entry per suite and model, from the eval store.
    public let fromScores: [VersionScore]
    /// The scores of `to`, one entry per suite and model, from the eval store.
    public let toScores: [VersionScore]
    /// Whether this move set the value the label holds now (after merges, the later move of two).
    public let isCurrent: Bool
}

/// The moves of a label, newest first (`quill label log`).
public struct LabelLog: Codable, Sendable, Equatable {
    public let label: String
    /// The prompt the log is limited to, if one was named.
    public let prompt: String?
    public let moves: [LabelMoveReport]
}
