/// What `quill diff` prints: the two sides and every changed prompt between them.
public struct DiffReport: Codable, Sendable, Equatable {
    /// One side of the comparison: a commit, or the work tree.
    public struct Side: Codable, Sendable, Equatable {
        /// As the user named it (`HEAD~2`, `main`), `merge-base` for the base of `A...B`, or `work tree`.
        public let label: String
        /// The commit, or nil for the work tree.
        public let commit: String?
    }

    public let from: Side
    public let to: Side
    /// Changed prompts, by path at B.
    public let prompts: [PromptDiff]
}
