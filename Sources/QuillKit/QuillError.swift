import GitKit

/// A failure Quill explains to its user: what went wrong and what to do, and which kind of failure it is.
public struct QuillError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of failure, each with its own exit status.
    public enum Kind: Sendable, Equatable {
        /// Malformed input, names, revisions or usage (exit 2).
        case badInput
        /// A check the user asked for did not pass, such as nothing to commit (exit 1).
        case checkFailed
        /// The repository could not be read or written (exit 3).
        case repository
    }

    public let kind: Kind
    /// One line, lower case, naming the thing in quotes and the remedy.
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// Bad input from the user.
    public static func badInput(_ message: String) -> QuillError { QuillError(.badInput, message) }
}

extension QuillError {
    /// Any error a QuillKit call throws, classified: parse and config errors are bad input, git failures
    /// are repository problems. `nil` for errors Quill does not know.
    public init?(classifying error: any Error) {
        switch error {
        case let error as QuillError: self = error
        case let error as InputFileError: self.init(.badInput, error.description)
        case let error as GitError: self.init(.repository, error.description)
        default: return nil
        }
    }
}
