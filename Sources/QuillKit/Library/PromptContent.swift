/// What `quill get --format json` prints: the version's identity and either the parsed prompt or
/// its rendered messages.
public struct PromptContent: Codable, Sendable, Equatable {
    public let path: String
    public let blob: String
    public let commit: String
    /// The label the version was loaded by, if any.
    public let label: String?
    /// The prompt read into Quill's model (front matter, messages, variables), unless rendered.
    public let prompt: Prompt?
    /// The rendered messages, when rendering was asked for.
    public let rendered: [RenderedMessage]?

    public init(_ loaded: LoadedPrompt, prompt: Prompt?, rendered: [RenderedMessage]?) {
        path = loaded.path
        blob = loaded.blob
        commit = loaded.commit
        label = loaded.label
        self.prompt = prompt
        self.rendered = rendered
    }
}
