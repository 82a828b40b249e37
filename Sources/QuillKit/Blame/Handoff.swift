import GitKit

/// What an origin hands to its parents, known before any line moves.
enum Handoff: Sendable {
    /// A parent's file is identical: every suspect goes to it.
    case whole(CommitNode, ParentFile)
    /// Each parent with a file (`nil` for the others), in parent order, takes the lines its diff
    /// leaves unchanged.
    case diffed([(parent: CommitNode, file: ParentFile?)])
}
