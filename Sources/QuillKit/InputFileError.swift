/// A file Quill was given that it cannot use — a prompt, `quill.yaml` or a results file —
/// with the position of the first problem when it has one.
public struct InputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path the file was read as.
    public var file: String
    /// 1-based line of the problem, when it has a place in the file.
    public var line: Int?
    /// 1-based column of the problem, counted in Unicode scalars.
    public var column: Int?
    /// What was found and what was expected, in lower case.
    public var message: String

    /// Makes an error in `file`, at a position when one is given.
    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    init(file: String, issue: SourceIssue) {
        self.init(file: file, line: issue.line, column: issue.column, message: issue.message)
    }

    /// `file:line:column: message`, `file:line: message` or `file: message`, as much as is known.
    public var description: String {
        switch (line, column) {
        case let (line?, column?): "\(file):\(line):\(column): \(message)"
        case let (line?, nil): "\(file):\(line): \(message)"
        default: "\(file): \(message)"
        }
    }
}
