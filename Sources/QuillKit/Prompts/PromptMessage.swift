/// One message of a prompt: its role, its template text and where it lies in the file.
public struct PromptMessage: Sendable, Equatable, Codable {
    /// The role as the file names it, lower-cased: `system`, `user`, `assistant`, `model`, `tool`, …
    public var role: String
    /// The template text of the message, without its role marker and surrounding blank space.
    public var text: String
    /// 1-based line where the message starts, its role marker included.
    public var startLine: Int
    /// 1-based line where the message ends, its closing marker included.
    public var endLine: Int
    /// Attributes its role marker gives (Prompty's `user[name="Alice"]:`), when it gives any.
    public var attributes: [String: String]?

    /// Makes a message.
    public init(role: String, text: String, startLine: Int, endLine: Int) {
        self.role = role
        self.text = text
        self.startLine = startLine
        self.endLine = endLine
    }
}
