/// A commit between the last good and the first bad evaluation that could explain a regression.
public struct RegressionCandidate: Codable, Sendable, Equatable {
    /// What kind of change the commit made to what the prompt's evaluation depends on.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// The prompt's messages or body changed, or a file it includes.
        case prompt
        /// The data of the vector-store manifests its records name changed (compared by content).
        case data
        /// Its model settings changed: the front matter (model, parameters) or the records' model.
        case model
        /// The dataset (name or content id) its records name changed.
        case dataset
        /// The suite its records name changed.
        case suite
    }

    public let commit: String
    public let author: String
    /// The author date in strict ISO 8601.
    public let date: String
    public let subject: String
    public internal(set) var kinds: [Kind]
    /// The prompt's changed lines, `-` removed and `+` added, as a diff shows them.
    public let changedLines: [String]
    /// The files the prompt includes (`PromptIncludes`) that the commit changed, with their lines.
    public let includes: [IncludedFileChange]
    /// Other files whose changed lines set a value the records name (`RecordChange`): the lines that hold it.
    public internal(set) var settings: [IncludedFileChange] = []
    /// When the commit came in on a merged branch: the merge on first-parent history that brought it.
    public internal(set) var merge: String?
    /// The probability that this commit caused the regression, given the evidence (`CandidateRanking`);
    /// for a merge whose branch commits are listed, the sum of theirs.
    public internal(set) var probability: Double = 0

    /// Adds `kind`, keeping the kinds in `Kind.allCases` order.
    mutating func insert(_ kind: Kind) {
        kinds = Kind.allCases.filter { $0 == kind || kinds.contains($0) }
    }
}

/// A file a prompt includes, changed by a candidate commit.
public struct IncludedFileChange: Codable, Sendable, Equatable {
    /// Its repository path.
    public let path: String
    /// Its changed lines, `-` removed and `+` added.
    public let changedLines: [String]
}
