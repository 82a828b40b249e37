/// What `quill show` prints: a commit and the prompts it names, parsed.
public struct ShowReport: Codable, Sendable, Equatable {
    /// A commit's identity and message summary.
    public struct CommitSummary: Codable, Sendable, Equatable {
        public let id: String
        public let author: String
        public let authorEmail: String
        /// Strict ISO 8601, as `git log --format=%aI`.
        public let date: String
        public let subject: String
    }

    /// One prompt version at the commit.
    public struct Entry: Codable, Sendable, Equatable {
        public let path: String
        /// The prompt version (blob id).
        public let blob: String
        /// The parsed prompt, or `nil` when it does not parse.
        public let prompt: Prompt?
        /// Why it does not parse, as `file:line:column: message`.
        public let error: String?
    }

    public let commit: CommitSummary
    public let prompts: [Entry]
}
