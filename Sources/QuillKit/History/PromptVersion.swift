import GitKit

/// One commit in a prompt's history: the commit, who made it, and the prompt's blob after it.
public struct PromptVersion: Codable, Sendable, Equatable {
    /// How the commit changed the prompt: `copied` when it was added as a copy of a file that stayed.
    public enum Change: String, Codable, Sendable {
        case added, modified, deleted, renamed, copied
    }

    /// The commit's id, kept as an id (20 bytes in place) rather than hex text: a log holds one
    /// version per commit of the prompt's history.
    public let commitID: ObjectID
    public let author: String
    public let authorEmail: String
    /// The author date in strict ISO 8601 with the author's offset, as `git log --format=%aI` prints it.
    public let date: String
    public let subject: String
    /// The prompt's path in this commit.
    public let path: String
    /// The path before, for a rename or a copy.
    public let previousPath: String?
    /// The prompt version's blob, or `nil` where the commit deleted it.
    public let blobID: ObjectID?
    public let change: Change
    /// Scores of this version by suite and model (empty when it was never evaluated).
    public var scores: [VersionScore] = []

    /// The ids are coded as `commit` and `blob`, in hex, as the JSON output names them.
    private enum CodingKeys: String, CodingKey {
        case commitID = "commit", author, authorEmail, date, subject, path, previousPath, blobID = "blob", change, scores
    }

    /// The full commit id.
    public var commit: String { commitID.hex }
    /// The prompt version (its blob id), or `nil` where the commit deleted it.
    public var blob: String? { blobID?.hex }

    public init(
        commit: ObjectID, author: String, authorEmail: String, date: String, subject: String, path: String,
        previousPath: String?, blob: ObjectID?, change: Change
    ) {
        self.commitID = commit
        self.author = author
        self.authorEmail = authorEmail
        self.date = date
        self.subject = subject
        self.path = path
        self.previousPath = previousPath
        self.blobID = blob
        self.change = change
    }
}

/// The versions of one prompt across history, newest first.
public struct PromptLog: Codable, Sendable, Equatable {
    /// The path the user asked for.
    public let prompt: String
    public let versions: [PromptVersion]
    /// The metrics to show as columns: those of `quill.yaml` that were recorded, else every recorded one.
    public var metrics: [String] = []

    public init(prompt: String, versions: [PromptVersion], metrics: [String] = []) {
        self.prompt = prompt
        self.versions = versions
        self.metrics = metrics
    }
}

/// Every prompt at a commit with the commit that last changed it.
public struct PromptCatalog: Codable, Sendable, Equatable {
    /// The commit the catalog was read at.
    public let commit: String
    public let prompts: [PromptVersion]
}
