/// What changed inside a prompt, read as a prompt: its format, front matter, messages and variables.
public struct PromptStructureDiff: Codable, Sendable, Equatable {
    /// The format before and after, when it changed (a rename from `.md` to `.prompt`).
    public struct FormatChange: Codable, Sendable, Equatable {
        public let old: PromptFormat
        public let new: PromptFormat
    }

    public let format: FormatChange?
    /// Changed front-matter values by key path, in document order.
    public let frontMatter: [FrontMatterChange]
    /// Every message of both versions, matched by role and position.
    public let messages: [MessageChange]
    /// Template variables the new version uses and the old did not.
    public let addedVariables: [String]
    /// Template variables the old version used and the new does not.
    public let removedVariables: [String]

    /// Whether anything a prompt reader sees changed (a pure rename or a white-space-only edit has none).
    public var isEmpty: Bool {
        format == nil && frontMatter.isEmpty && addedVariables.isEmpty && removedVariables.isEmpty
            && messages.allSatisfy { $0.kind == .unchanged && !$0.moved }
    }

    /// Compares two parsed versions; nil stands for a side where the prompt does not exist.
    public static func between(_ old: Prompt?, _ new: Prompt?) throws -> PromptStructureDiff {
        let formats = old.flatMap { old in new.map { (old.format, $0.format) } }
        let oldVariables = old?.variables ?? []
        let newVariables = new?.variables ?? []
        return PromptStructureDiff(
            format: formats.flatMap { $0.0 == $0.1 ? nil : FormatChange(old: $0.0, new: $0.1) },
            frontMatter: FrontMatterChange.between(old?.frontMatter, new?.frontMatter),
            messages: try MessageMatcher.changes(from: old?.messages ?? [], to: new?.messages ?? []),
            addedVariables: newVariables.filter { !oldVariables.contains($0) },
            removedVariables: oldVariables.filter { !newVariables.contains($0) })
    }
}
