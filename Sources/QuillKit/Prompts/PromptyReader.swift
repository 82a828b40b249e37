/// Reads Prompty files: YAML front matter and a Jinja2 (or mustache) body whose `system:`, `user:`, … lines
/// (optionally as markdown headings, `# user:`, and with attributes, `user[name="Alice"]:`) start messages.
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
        var attributes: [String: String]?
        var marker: Int?
        var start = body.lowerBound
        func flush(before end: Int) {
            guard var message = source.message(role: role, marker: marker, content: start..<end) else { return }
            message.attributes = attributes
            messages.append(message)
        }
        let firstLine = body.isEmpty ? source.lineCount + 1 : source.line(at: body.lowerBound)
        for line in stride(from: firstLine, through: source.lineCount, by: 1) {
            let range = source.lineRange(line)
            guard let heading = Self.heading(source.text(range)) else { continue }
            flush(before: range.lowerBound)
            (role, attributes) = heading
            marker = range.lowerBound
            start = range.upperBound
        }
        flush(before: body.upperBound)
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

    /// The role and attributes a heading line such as `user:`, `# System:` or `user[name="Alice"]:` starts,
    /// or nil for any other line.
    private static func heading(_ line: String) -> (role: String, attributes: [String: String]?)? {
        var text = Substring(line).trimmingSpaces
        guard text.last == ":" else { return nil }
        text = text.dropLast().trimmingSpaces
        if text.first == "#" { text = text.dropFirst().trimmingSpaces }
        var attributes: [String: String]?
        if text.last == "]", let open = text.firstIndex(of: "[") {
            guard let parsed = Self.attributes(text[text.index(after: open)..<text.index(before: text.endIndex)]) else { return nil }
            attributes = parsed
            text = text[..<open]
        }
        let role = text.lowercased()
        return roles.contains(role) ? (role, attributes) : nil
    }

    /// The `key="value", key2=value2` pairs between a role marker's brackets; nil when they are not such pairs.
    private static func attributes(_ text: Substring) -> [String: String]? {
        var result: [String: String] = [:]
        var rest = text.trimmingSpaces
        while !rest.isEmpty {
            let key = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            rest = rest.dropFirst(key.count).trimmingSpaces
            guard !key.isEmpty, rest.first == "=" else { return nil }
            rest = rest.dropFirst().trimmingSpaces
            let value: Substring
            if rest.first == "\"" {
                guard let close = rest.dropFirst().firstIndex(of: "\"") else { return nil }
                value = rest[rest.index(after: rest.startIndex)..<close]
                rest = rest[rest.index(after: close)...]
            } else {
                value = rest.prefix { $0 != "," && $0 != "\"" }
                rest = rest.dropFirst(value.count)
            }
            result[String(key)] = String(value.trimmingSpaces)
            rest = rest.trimmingSpaces
            if rest.first == "," { rest = rest.dropFirst().trimmingSpaces }
        }
        return result.isEmpty ? nil : result
    }
}
