/// Reads Markdown and plain-text prompts: optional front matter, then the body as one user message.
enum PlainTextReader {
    /// Reads the body after `frontMatter` as one `user` message; a blank body has no message.
    static func read(_ source: SourceText, frontMatter: FrontMatter, format: PromptFormat, path: String) throws(SourceIssue) -> Prompt {
        let body = frontMatter.bodyStart..<source.bytes.count
        let template = try HandlebarsTemplate(scanning: source, range: body)
        let message = source.message(role: "user", marker: nil, content: body)
        return Prompt(
            path: path, format: format, frontMatter: frontMatter.value, messages: message.map { [$0] } ?? [],
            variables: template.variables.names, model: PromptParser.modelName(in: frontMatter.value))
    }
}
