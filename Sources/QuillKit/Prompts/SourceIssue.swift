/// A problem at a position in a file (or in a value with no known position), before the file's name is attached.
struct SourceIssue: Error, Sendable, Equatable {
    /// 1-based line, when known.
    var line: Int?
    /// 1-based column, counted in Unicode scalars, when known.
    var column: Int?
    /// What was found and what was expected, in lower case.
    var message: String

    init(line: Int?, column: Int?, _ message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// A problem at `position`, or placed nowhere when it is nil.
    init(_ position: SourcePosition?, _ message: String) {
        self.line = position?.line
        self.column = position?.column
        self.message = message
    }
}

/// A 1-based line and column (in Unicode scalars) in a file.
struct SourcePosition: Sendable, Equatable {
    var line: Int
    var column: Int
}
