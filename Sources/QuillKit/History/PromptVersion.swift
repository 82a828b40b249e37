/// One commit in a prompt's history: the commit, who made it, and the prompt's blob after it.
public struct PromptVersion: Codable, Sendable, Equatable {
    /// How the commit changed the prompt.
    public enum Change: String, Codable, Sendable {
        case added, modified, deleted, renamed
    }

    /// The full commit id.
    public let commit: String
    public let author: String
    public let authorEmail: String
    /// The author date in strict ISO 8601 with the author's offset, as `git log --format=%aI` prints it.
    public let date: String
    public let subject: String
    /// The prompt's path in this commit.
    public let path: String
    /// The path before, for a rename.
    public let previousPath: String?
    /// The prompt version (its blob id), or `nil` where the commit deleted it.
    public let blob: String?
    public let change: Change
}

/// The versions of one prompt across history, newest first.
public struct PromptLog: Codable, Sendable, Equatable {
    /// The path the user asked for.
    public let prompt: String
    public let versions: [PromptVersion]
}

/// Every prompt at a commit with the commit that last changed it.
public struct PromptCatalog: Codable, Sendable, Equatable {
    /// The commit the catalog was read at.
    public let commit: String
    public let prompts: [PromptVersion]
}
