/// One line of a blamed prompt and where it came from, as `git blame --porcelain` names it.
public struct BlameLine: Codable, Sendable, Equatable {
    /// 1-based line number in the blamed version.
    public let line: Int
    /// The line's text, without its line ending.
    public let text: String
    /// The full id of the commit that last changed the line.
    public let commit: String
    /// 1-based line number in that commit's version of the file.
    public let originalLine: Int
    /// The file's path in that commit (differs from the prompt's path across renames).
    public let originalPath: String
}
