/// Reads Markdown and plain-text prompts: optional front matter, then the body as one message.
enum PlainTextReader {
    /// Reads the body after `frontMatter` as one message of the reading's role; a blank body has no message.
    ///
    /// The body is a template only when `quill.yaml` or the front matter (`template: jinja`) says so;
    /// otherwise its braces are text and it has no variables.
    static func read(
        _ source: SourceText, frontMatter: FrontMatter, format: PromptFormat, reading: PromptReading, path: String
    ) throws(SourceIssue) -> Prompt {
        let body = frontMatter.bodyStart..<source.bytes.count
        let language = reading.template ?? TemplateScan.declared(in: frontMatter.value) ?? PromptReading.Template.none
        let variables = try TemplateScan.variables(in: source, range: body, language: language)
        let message = source.message(role: reading.role, marker: nil, content: body)
        return Prompt(
            path: path, format: format, frontMatter: frontMatter.value, messages: message.map { [$0] } ?? [],
            variables: variables, model: PromptParser.modelName(in: frontMatter.value))
    }
}
