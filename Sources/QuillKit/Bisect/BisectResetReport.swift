/// What `quill bisect reset` removed.
public struct BisectResetReport: Codable, Sendable, Equatable {
    /// Whether a session was in progress (and is now gone).
    public let hadSession: Bool
    /// The temporary checkout of an unfinished run that was removed, if any.
    public let removedCheckout: String?
}
