/// Reads Dotprompt files: YAML front matter and a Handlebars body split by `{{role "…"}}` markers.
enum DotpromptReader {
    /// The role of text before the first role marker, as Dotprompt has it.
    static let defaultRole = "user"

    /// Reads the body after `frontMatter`.
    static func read(_ source: SourceText, frontMatter: FrontMatter, path: String) throws(SourceIssue) -> Prompt {
        if let node = frontMatter.node { try DotpromptFrontMatter.check(node.mapping, firstLine: node.firstLine, in: source) }
        let body = frontMatter.bodyStart..<source.bytes.count
        let template = try HandlebarsTemplate(scanning: source, range: body, strict: true)
        var messages: [PromptMessage] = []
        var role = defaultRole
        var marker: Int?
        var start = body.lowerBound
        for tag in template.tags where tag.kind == .expression && tag.name == "role" {
            guard let next = tag.quotedArgument, !next.isEmpty else {
                throw SourceIssue(
                    source.position(at: tag.range.lowerBound),
                    "'{{role}}' without a quoted role name; expected a marker such as '{{role \"system\"}}'")
            }
            source.message(role: role, marker: marker, content: start..<tag.range.lowerBound).map { messages.append($0) }
            role = next.lowercased()
            marker = tag.range.lowerBound
            start = tag.range.upperBound
        }
        source.message(role: role, marker: marker, content: start..<body.upperBound).map { messages.append($0) }
        return Prompt(
            path: path, format: .dotprompt, frontMatter: frontMatter.value, messages: messages,
            variables: template.variables.names, model: PromptParser.modelName(in: frontMatter.value))
    }
}
