import Foundation
import GitKit

/// Reads prompt files of every supported format into ``Prompt`` values.
public enum PromptParser {
    /// Whether `path` has a recognised prompt format (by name).
    public static func format(forPath path: String) -> PromptFormat? {
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        if name.hasSuffix(".prompt.yml") || name.hasSuffix(".prompt.yaml") { return .githubModels }
        switch name.split(separator: ".").last.map(String.init) {
        case "prompt" where name.contains("."): return .dotprompt
        case "prompty": return .prompty
        case "md", "markdown": return .markdown
        case "txt": return .text
        case "json": return .json
        case "toml": return .toml
        case "yaml", "yml": return .yaml
        default: return nil
        }
    }

    /// The bytes of the prompt file at `path` as git reads them: a symbolic link's text, never the
    /// file it points to; `nil` when it is neither a readable file nor a link. A file larger than
    /// `FileSizeBound.prompt` is refused before it is read.
    public static func fileContents(atPath path: String) throws(InputFileError) -> Data? {
        try FileSizeBound.prompt.reading(path) { limit throws(FileTooLarge) in try WorkTreeFile.contents(atPath: path, limit: limit) }
    }

    /// Parses the bytes of the file at `path` (path only names it and chooses the format; unknown extension -> .text),
    /// read as `reading` (from `quill.yaml`'s `formats`) says.
    ///
    /// A file larger than `FileSizeBound.prompt` is refused before it is parsed.
    public static func parse(_ data: Data, path: String, reading: PromptReading = PromptReading()) throws(InputFileError) -> Prompt {
        try FileSizeBound.prompt.check(data.count, file: path)
        do {
            let source = try SourceText(checking: data)
            switch reading.format ?? format(forPath: path) ?? .text {
            case .dotprompt, .humanloop:
                let frontMatter = try FrontMatter(splitting: source, afterComments: true)
                if HumanloopReader.recognises(source, bodyStart: frontMatter.bodyStart) {
                    return try HumanloopReader.read(source, frontMatter: frontMatter, path: path)
                }
                return try DotpromptReader.read(source, frontMatter: frontMatter, path: path)
            case .prompty:
                return try PromptyReader.read(source, frontMatter: FrontMatter(splitting: source), path: path)
            case .githubModels:
                return try GitHubModelsReader.read(source, path: path)
            case .json:
                return try ChatJSONReader.read(source, path: path)
            case .toml:
                return try StructuredPromptReader.read(TOMLReader.read(source), source: source, format: .toml, reading: reading, path: path)
            case .yaml:
                return try StructuredPromptReader.readYAML(source, reading: reading, path: path)
            case let format:
                return try PlainTextReader.read(source, frontMatter: FrontMatter(splitting: source), format: format, reading: reading, path: path)
            }
        } catch {
            throw InputFileError(file: path, issue: error)
        }
    }

    /// The model a front matter or document names under `model`, when it is a string.
    static func modelName(in frontMatter: YAMLValue?) -> String? {
        frontMatter?["model"]?.stringValue
    }

    /// The variables of a message text read alone, with template problems reported at `position`.
    static func handlebarsVariables(in text: String, message index: Int, at position: SourcePosition) throws(SourceIssue) -> [String] {
        let source = SourceText(text)
        do {
            return try HandlebarsTemplate(scanning: source, range: 0..<source.bytes.count).variables.names
        } catch {
            throw SourceIssue(position, "in the content of message \(index): \(error.message)")
        }
    }
}
