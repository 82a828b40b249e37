/// Reads Prompty files: YAML front matter and a Jinja2 (or mustache) body whose `system:`, `user:`, … lines
/// (optionally as markdown headings, `# user:`) start messages.
enum PromptyReader {
    /// The roles a section heading may name, case-insensitively.
    static let roles: Set<String> = ["system", "developer", "user", "assistant", "tool", "function"]
    /// The role of text before the first heading, as Prompty has it.
    static let defaultRole = "system"

    /// Reads the body after `frontMatter`.
    static func read(_ source: SourceText, frontMatter: FrontMatter, path: String) throws(SourceIssue) -> Prompt {
        let body = frontMatter.bodyStart..<source.bytes.count
        let variables = usesMustache(frontMatter.value)
            ? try HandlebarsTemplate(scanning: source, range: body).variables.names
            : try JinjaTemplate(scanning: source, range: body).variables.names
        var messages: [PromptMessage] = []
        var role = defaultRole
        var marker: Int?
        var start = body.lowerBound
        let firstLine = body.isEmpty ? source.lineCount + 1 : source.line(at: body.lowerBound)
        for line in stride(from: firstLine, through: source.lineCount, by: 1) {
            let range = source.lineRange(line)
            guard let heading = Self.role(heading: source.text(range)) else { continue }
            source.message(role: role, marker: marker, content: start..<range.lowerBound).map { messages.append($0) }
            role = heading
            marker = range.lowerBound
            start = range.upperBound
        }
        source.message(role: role, marker: marker, content: start..<body.upperBound).map { messages.append($0) }
        return Prompt(
            path: path, format: .prompty, frontMatter: frontMatter.value, messages: messages,
            variables: variables, model: model(in: frontMatter.value))
    }

    /// The model name: a 2.x string `model`, `model.id`, or the deployment named in `model.configuration`.
    static func model(in frontMatter: YAMLValue?) -> String? {
        if let name = PromptParser.modelName(in: frontMatter) { return name }
        guard let model = frontMatter?["model"] else { return nil }
        if let id = model["id"]?.stringValue { return id }
        let configuration = model["configuration"]
        return ["azure_deployment", "name", "model"].lazy.compactMap { configuration?[$0]?.stringValue }.first
    }

    /// Whether the front matter picks a mustache template engine instead of Jinja2.
    private static func usesMustache(_ frontMatter: YAMLValue?) -> Bool {
        let template = frontMatter?["template"]
        let engine = template?.stringValue ?? template?["format"]?.stringValue ?? ""
        return ["mustache", "handlebars"].contains(engine.lowercased())
    }

    /// The role a heading line such as `user:` or `# System:` starts, or nil for any other line.
    private static func role(heading line: String) -> String? {
        var text = Substring(line).trimmingSpaces
        guard text.last == ":" else { return nil }
        text = text.dropLast().drop { $0 == "#" }.trimmingSpaces
        let role = text.lowercased()
        return roles.contains(role) ? role : nil
    }
}
