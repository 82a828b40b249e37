/// The evaluator run was interrupted by a signal (SIGINT, SIGTERM, SIGHUP); the session is kept for `quill bisect`.
public struct BisectInterruption: Error, Sendable, Equatable, CustomStringConvertible {
    /// The signal that interrupted the run.
    public let signal: Int32
    /// The candidate that was being evaluated.
    public let commit: String

    public var description: String {
        "interrupted while evaluating '\(commit.prefix(7))' (signal \(signal)); the session is kept: run 'quill bisect' to resume or 'quill bisect reset' to end it"
    }
}
