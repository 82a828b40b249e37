/// What a history listing shows of a commit: its id, author and subject. Parsed from a packed
/// commit's bytes it makes no text of the committer or the message's body.
public struct CommitSummary: Hashable, Sendable {
    public let id: ObjectID
    public let author: Signature
    /// The subject, as `git log --format=%s` shows it (`Commit.subject`).
    public let subject: String
}

extension Commit {
    /// The commit's id, author and subject.
    public var summary: CommitSummary { CommitSummary(id: id, author: author, subject: subject) }
}
