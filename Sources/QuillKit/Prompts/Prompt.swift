/// A prompt file read into one model, whatever its format.
public struct Prompt: Sendable, Equatable, Codable {
    /// The repository-relative path the file was read as.
    public var path: String
    /// The format the file was read in.
    public var format: PromptFormat
    /// The metadata beside the messages (front matter, or the document's other keys); nil when there is none.
    public var frontMatter: YAMLValue?
    /// The messages, in file order.
    public var messages: [PromptMessage]
    /// The template variables the messages use, each once, in order of first use.
    public var variables: [String]
    /// The model name, wherever the format keeps it.
    public var model: String?

    /// Makes a prompt.
    public init(
        path: String, format: PromptFormat, frontMatter: YAMLValue?,
        messages: [PromptMessage], variables: [String], model: String?
    ) {
        self.path = path
        self.format = format
        self.frontMatter = frontMatter
        self.messages = messages
        self.variables = variables
        self.model = model
    }
}
