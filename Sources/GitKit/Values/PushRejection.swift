/// A reference the remote did not update on push, and why (`non-fast-forward`, `fetch first`, or the server's message).
public struct PushRejection: Hashable, Sendable, CustomStringConvertible {
    /// The remote reference that was not updated, such as `refs/quill/evals`.
    public let reference: String
    /// Why: git's own words where the check ran locally, else the server's status message.
    public let reason: String

    public init(reference: String, reason: String) {
        self.reference = reference
        self.reason = reason
    }

    public var description: String { "'\(reference)' (\(reason))" }
}
