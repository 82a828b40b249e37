/// What `quill sync` did: per ref, where it was and went on both sides and what each side gained.
public struct SyncReport: Codable, Sendable, Equatable {
    /// The remote as the user named it (a remote's name or a URL).
    public let remote: String
    /// The name under `refs/quill-remotes/` that holds the remote-tracking copies.
    public let trackingName: String
    /// How many times the push found the remote moved and the fetch–merge–push started over.
    public let retries: Int
    /// One entry per ref that exists on either side, in a fixed order.
    public let refs: [SyncedReference]
}

/// One ref's sync: its tips before and after on both sides, and what moved each way.
public struct SyncedReference: Codable, Sendable, Equatable {
    /// How the local ref took in the remote's.
    public enum Action: String, Codable, Sendable {
        /// The remote had nothing the local ref lacked.
        case upToDate = "up-to-date"
        /// The local ref moved to the remote's tip (or was created at it).
        case fastForwarded = "fast-forwarded"
        /// A merge commit joins both tips; its tree is the union of theirs.
        case merged
    }

    /// The full ref name, such as `refs/quill/evals`.
    public let reference: String
    public let action: Action
    public let localBefore: String?
    public let localAfter: String?
    /// The remote's tip when it was last fetched (the one the push built on).
    public let remoteBefore: String?
    public let remoteAfter: String?
    /// Whether the push moved the remote's ref.
    public let pushed: Bool
    /// What is counted: `records` for the eval store, `notes` for score notes, `entries` otherwise.
    public let unit: String
    /// How many the local ref gained from the remote.
    public let fromRemote: Int
    /// How many the remote gained from the push.
    public let toRemote: Int
}
