/// One changed prompt between A and B: what happened to the file, what changed inside it read as a
/// prompt, and what that did to its scores.
public struct PromptDiff: Codable, Sendable, Equatable {
    /// What happened to the file, as git names it. A copy (paired only when `diff.renames` is
    /// `copies`) is compared with its source, which stays at A.
    public enum Change: String, Codable, Sendable {
        case added, deleted, modified, renamed, copied
    }

    /// The path at B (at A when deleted).
    public let path: String
    /// The path at A, when the prompt was renamed or copied from another file.
    public let oldPath: String?
    public let change: Change
    /// For renames and copies, git's similarity (0–100).
    public let similarity: Int?
    /// The version (blob id) at A, when the prompt is there.
    public let fromBlob: String?
    /// The version at B, when the prompt is there.
    public let toBlob: String?
    /// The prompt diff, when every side that exists parses.
    public let structure: PromptStructureDiff?
    /// Why A's version does not parse, as `file:line:column: message`.
    public let fromError: String?
    /// Why B's version does not parse.
    public let toError: String?
    /// The plain line diff of the file, given when a side does not parse.
    public let text: TextDiff?
    /// The records of A's version against those of B's.
    public let scores: ScoreComparison
}
