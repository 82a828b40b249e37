import Yams

/// Reads GitHub Models `.prompt.yml` files: one YAML mapping whose `messages` list holds `{role, content}`
/// messages; every other key is the prompt's front matter.
enum GitHubModelsReader {
    /// The roles a message may have.
    static let roles = ["system", "developer", "user", "assistant"]

    /// Reads the document in `source`.
    static func read(_ source: SourceText, path: String) throws(SourceIssue) -> Prompt {
        let expectedMessages = "expected a list of messages, each with 'role' and 'content'"
        guard let root = try YAMLSource.compose(source.text(0..<source.bytes.count)) else {
            throw SourceIssue(line: 1, column: 1, "empty file; expected a mapping with 'messages'")
        }
        guard case .mapping(let mapping) = root else {
            throw SourceIssue(position(of: root), "document is \(YAMLSource.kindDescription(of: root)); expected a mapping with 'messages'")
        }
        guard let messagesIndex = mapping.firstIndex(where: { YAMLSource.keyText($0.key) == "messages" }) else {
            throw SourceIssue(position(of: root), "no 'messages' key; \(expectedMessages)")
        }
        let messagesNode = mapping[messagesIndex].value
        guard case .sequence(let items) = messagesNode else {
            throw SourceIssue(position(of: messagesNode), "'messages' is \(YAMLSource.kindDescription(of: messagesNode)); \(expectedMessages)")
        }
        let afterMessages = mapping.index(after: messagesIndex)
        let boundary = afterMessages < mapping.endIndex ? position(of: mapping[afterMessages].key).line : source.lineCount + 1
        var messages: [PromptMessage] = []
        var variables = VariableNames()
        for (index, item) in items.enumerated() {
            let next = index + 1 < items.count ? position(of: items[index + 1]).line : boundary
            let (message, names) = try readMessage(item, number: index + 1, before: next, in: source)
            messages.append(message)
            names.forEach { variables.insert($0) }
        }
        let frontMatter = YAMLValue.mapping(
            mapping.filter { YAMLSource.keyText($0.key) != "messages" }.map { (key: YAMLSource.keyText($0.key), value: YAMLSource.value(of: $0.value)) })
        return Prompt(
            path: path, format: .githubModels, frontMatter: frontMatter, messages: messages,
            variables: variables.names, model: PromptParser.modelName(in: frontMatter))
    }

    private static func position(of node: Node) -> SourcePosition {
        YAMLSource.position(of: node, firstLine: 1)
    }

    /// Reads message `number`, which ends before line `nextLine`.
    private static func readMessage(_ item: Node, number: Int, before nextLine: Int, in source: SourceText) throws(SourceIssue) -> (PromptMessage, [String]) {
        let start = position(of: item)
        guard case .mapping(let fields) = item else {
            throw SourceIssue(start, "message \(number) is \(YAMLSource.kindDescription(of: item)); expected a mapping with 'role' and 'content'")
        }
        let expectedRoles = "expected one of \(roles.joined(separator: ", "))"
        guard let roleNode = fields["role"] else {
            throw SourceIssue(start, "message \(number) has no 'role'; \(expectedRoles)")
        }
        guard case .scalar(let roleScalar) = roleNode, YAMLSource.value(of: roleNode).stringValue != nil else {
            throw SourceIssue(position(of: roleNode), "role of message \(number) is \(YAMLSource.kindDescription(of: roleNode)); \(expectedRoles)")
        }
        let role = roleScalar.string
        guard roles.contains(role) else {
            throw SourceIssue(position(of: roleNode), "unknown role '\(role)' in message \(number); \(expectedRoles)")
        }
        guard let contentNode = fields["content"] else {
            throw SourceIssue(start, "message \(number) has no 'content'; expected a string")
        }
        guard let text = YAMLSource.value(of: contentNode).stringValue else {
            throw SourceIssue(position(of: contentNode), "content of message \(number) is \(YAMLSource.kindDescription(of: contentNode)); expected a string")
        }
        let variables = try PromptParser.handlebarsVariables(in: text, message: number, at: position(of: contentNode))
        let endLine = lastLine(from: start, before: nextLine, in: source)
        return (PromptMessage(role: role, text: text, startLine: start.line, endLine: endLine), variables)
    }

    /// The last line of an item starting at `start`: the line before `nextLine`, less blank lines and
    /// comments indented no deeper than the item.
    private static func lastLine(from start: SourcePosition, before nextLine: Int, in source: SourceText) -> Int {
        var line = min(nextLine - 1, source.lineCount)
        while line > start.line {
            let range = source.lineRange(line)
            let first = source.trimmed(range).lowerBound
            let isBlank = first == range.upperBound
            let isShallowComment = !isBlank && source.bytes[first] == UInt8(ascii: "#")
                && source.position(at: first).column <= start.column
            guard isBlank || isShallowComment else { break }
            line -= 1
        }
        return max(line, start.line)
    }
}
