/// A prompt file that cannot be read, with the position of the first problem.
public struct PromptParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path the file was read as.
    public var file: String
    /// 1-based line of the problem.
    public var line: Int
    /// 1-based column of the problem, counted in Unicode scalars.
    public var column: Int
    /// What was found and what was expected, in lower case.
    public var message: String

    /// Makes an error at a position in `file`.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    init(file: String, issue: SourceIssue) {
        self.init(file: file, line: issue.line, column: issue.column, message: issue.message)
    }

    /// `file:line:column: message`, the shape compilers use.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}
