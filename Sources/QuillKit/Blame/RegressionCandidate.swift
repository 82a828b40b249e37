/// A commit between the last good and the first bad evaluation that could explain a regression.
public struct RegressionCandidate: Codable, Sendable, Equatable {
    /// What kind of change the commit made to what the prompt's evaluation depends on.
    public enum Kind: String, Codable, Sendable {
        /// The prompt's messages or body changed.
        case prompt
        /// The vector-store manifest its records name changed.
        case data
        /// Its model settings changed: the front matter (model, parameters) or the records' model.
        case model
    }

    public let commit: String
    public let author: String
    /// The author date in strict ISO 8601.
    public let date: String
    public let subject: String
    public let kinds: [Kind]
    /// The prompt's changed lines, `-` removed and `+` added, as a diff shows them.
    public let changedLines: [String]
}
