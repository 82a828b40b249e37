/// One entry of `quill.yaml`'s `formats`: the prompt files a glob matches, and how to read them.
public struct PromptFormatRule: Sendable, Equatable {
    /// A glob relative to the repository's root, as in `prompts`.
    public var glob: Glob
    /// How files the glob matches are read.
    public var reading: PromptReading
}

extension QuillConfig {
    /// How to read the prompt at the repository-relative `path`: the first `formats` rule whose glob
    /// matches it, or the defaults.
    public func reading(for path: String) -> PromptReading {
        formats.first { $0.glob.matches(path) }?.reading ?? PromptReading()
    }
}
