import Foundation

/// One version of a prompt file, loaded from a ``PromptLibrary``: its bytes and where they came from.
public struct LoadedPrompt: Sendable, Equatable {
    /// The repository path of the prompt.
    public let path: String
    /// The version: the blob id of the file.
    public let blob: String
    /// The commit the version was taken from.
    public let commit: String
    /// The label it was loaded by, if any.
    public let label: String?
    /// The file's bytes, exactly as committed.
    public let data: Data
    /// `quill.yaml` in the commit the version was taken from, read when first needed: its `formats`
    /// say how to read the file.
    let configuration: CommitConfiguration

    /// Whether both are the same version of the same prompt from the same commit, loaded the same
    /// way (the commit's `quill.yaml` is part of the commit).
    public static func == (lhs: LoadedPrompt, rhs: LoadedPrompt) -> Bool {
        (lhs.path, lhs.blob, lhs.commit, lhs.label) == (rhs.path, rhs.blob, rhs.commit, rhs.label) && lhs.data == rhs.data
    }

    /// The prompt read into Quill's model: front matter, messages (role and text) and variables, read
    /// as the `formats` of the commit's `quill.yaml` say. Throws ``InputFileError`` when the file does
    /// not parse in its format, or that `quill.yaml` does not parse; reads that `quill.yaml` the first
    /// time it is called.
    public func parsed() throws -> Prompt {
        let config = try configuration.data().map { try QuillConfig.parse($0, path: "\(commit.prefix(12)):\(QuillConfig.fileName)") }
        return try PromptParser.parse(data, path: path, reading: config?.reading(for: path) ?? PromptReading())
    }

    /// The messages with their template variables filled in from `variables` (names with dots, such as
    /// `customer.name`, fill nested fields). Throws ``QuillError`` (bad input) naming a template feature
    /// the renderer does not support, or a variable without a value, rather than render wrongly.
    public func render(_ variables: [String: String]) throws -> [RenderedMessage] {
        try PromptRenderer.render(try parsed(), variables: variables)
    }
}

/// A message of a rendered prompt.
public struct RenderedMessage: Codable, Sendable, Equatable {
    public let role: String
    public let text: String

    public init(role: String, text: String) {
        self.role = role
        self.text = text
    }
}
