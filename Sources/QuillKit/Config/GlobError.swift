/// A glob pattern that cannot be compiled.
public struct GlobError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pattern as written.
    public var pattern: String
    /// What is wrong and what was expected, in lower case.
    public var message: String

    /// `invalid glob 'pattern': message`.
    public var description: String { "invalid glob '\(pattern)': \(message)" }
}
